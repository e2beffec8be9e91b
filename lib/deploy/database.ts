import 'server-only';
import { env, type Env } from '@/lib/env';

/** The variable the app's connection string came from, for messages that say what to fix. */
export function databaseUrlVariable(e: Env = env()): string {
  return e.DATABASE_URL ? 'DATABASE_URL' : e.POSTGRES_URL ? 'POSTGRES_URL' : 'DATABASE_URL';
}

/** The variable the migrations' connection string came from (the direct one when set). */
export function migrationUrlVariable(e: Env = env()): string {
  if (e.DATABASE_URL) return e.DATABASE_URL_UNPOOLED ? 'DATABASE_URL_UNPOOLED' : 'DATABASE_URL';
  if (e.POSTGRES_URL) return e.POSTGRES_URL_NON_POOLING ? 'POSTGRES_URL_NON_POOLING' : 'POSTGRES_URL';
  return 'DATABASE_URL';
}

/**
 * Why this server must not start on its database, or null: a production deployment on the embedded
 * PGlite. PGlite needs a writable directory that one long-lived process owns; serverless functions
 * and several instances each get their own copy, and orders would vanish between them.
 */
export function databaseRefusal(e: Env = env()): string | null {
  if (!e.isProductionDeployment || e.databaseUrl) return null;
  const declared = e.VERCEL_ENV === 'production' ? 'VERCEL_ENV' : 'DEPLOY_ENV';
  return (
    `${declared}=production, but no database is configured: set DATABASE_URL to a PostgreSQL connection string ` +
    '(on Vercel: Storage → create or connect a Postgres database, which sets it). The embedded PGlite keeps its data in a ' +
    'local directory that one long-lived process must own, so a production deployment cannot use it.'
  );
}

/** Whether `npm run build` applies migrations here, and why (printed by the build either way). */
export function migrateOnBuild(e: Env = env()): { migrate: boolean; reason: string } {
  if (e.VERCEL_ENV === 'production') return { migrate: true, reason: 'a Vercel production build (VERCEL_ENV=production)' };
  if (e.MIGRATE_ON_BUILD) return { migrate: true, reason: 'MIGRATE_ON_BUILD is on' };
  const where = e.VERCEL_ENV ? `a Vercel ${e.VERCEL_ENV} build` : 'not a Vercel production build';
  return {
    migrate: false,
    reason: `${where}: migrations run on production builds only (set MIGRATE_ON_BUILD=1 to migrate here, or run \`npm run db:migrate\`)`,
  };
}
