// The first step of `npm run build`, before `next build`. On a Vercel production build (or with
// MIGRATE_ON_BUILD=1) it applies pending migrations, one run at a time across concurrent builds
// (an advisory lock), so a deployment never serves on an older schema; a failure stops the build
// and says what to do. Previews and local builds skip it. It also says, before anything is deployed,
// what would make the server refuse to start.
import { applyMigrations, describeDatabase, explainMigrationFailure } from '@/db/migrate';
import { paymentsRefusal } from '@/lib/cryptocloud';
import { databaseRefusal, migrateOnBuild, migrationUrlVariable } from '@/lib/deploy';
import { env, EnvError } from '@/lib/env';

const say = (line: string) => console.log(`[build] ${line}`);

function stop(message: string): never {
  console.error(`[build] ERROR: ${message}`);
  process.exit(1);
}

async function main() {
  let e;
  try {
    e = env();
  } catch (err) {
    if (!(err instanceof EnvError)) throw err;
    // The server refuses to start on these; a production build finds out now rather than at the first request.
    if (process.env.VERCEL_ENV === 'production') stop(`${err.message}\nFix them in the project's environment variables, then redeploy.`);
    say(`WARNING: ${err.message}`);
    return;
  }

  const plan = migrateOnBuild(e);
  if (!plan.migrate) {
    say(`Migrations skipped: ${plan.reason}.`);
    return;
  }
  const refusal = databaseRefusal(e);
  if (refusal) stop(`${refusal} Then redeploy.`);
  const url = e.migrationDatabaseUrl;
  if (!url) stop('MIGRATE_ON_BUILD is on, but no database is configured: set DATABASE_URL (and DATABASE_URL_UNPOOLED for a pooled URL).');

  say(`Applying migrations (${plan.reason}) to ${describeDatabase(url)} through ${migrationUrlVariable(e)}.`);
  try {
    await applyMigrations(url, { log: say });
  } catch (err) {
    stop(explainMigrationFailure(err, url, migrationUrlVariable(e)));
  }

  const payments = paymentsRefusal();
  if (payments) say(`WARNING: this deployment will refuse to start: ${payments} Run \`npm run doctor\` for every check.`);
}

main().catch((err: unknown) => stop(err instanceof Error ? (err.stack ?? err.message) : String(err)));
