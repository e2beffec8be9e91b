// Gives an email address the back office's admin role in the configured database, so it can sign
// in at /admin: the way to create the first admin of a production shop without ADMIN_EMAILS.
//   npm run admin:add -- you@example.com
import { z } from 'zod';
import { openDb, setDb } from '@/db/client';
// Straight from the roles module: the folder's index also loads Auth.js and Next, which a script has no use for.
import { grantAdmin } from '@/lib/auth/roles';
import { env } from '@/lib/env';

async function main() {
  const email = z.email().safeParse(process.argv[2]?.trim().toLowerCase());
  if (!email.success) throw new Error('Usage: npm run admin:add -- you@example.com');
  const e = env();
  const handle = await openDb({ url: e.databaseUrl, pgliteDir: e.PGLITE_DIR, autoSeed: false });
  setDb(handle);
  try {
    await grantAdmin(null, email.data);
    console.log(`${email.data} is an admin of the ${handle.kind} database. Sign in at ${e.APP_URL}/admin.`);
  } finally {
    await handle.close();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
