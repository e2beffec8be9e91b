// The last step of `npm run build` (and of the end-to-end server's build): prepare the embedded
// database a fresh installation starts from (db/pglite-image.ts), under .next/pglite-image/<key>.
// Skipped where the app never uses PGlite (a database URL is set, or a Vercel build).
import path from 'node:path';
import { buildPgliteImage } from '@/db/pglite-image-build';
import { env } from '@/lib/env';

const say = (line: string) => console.log(`[build] ${line}`);

async function main() {
  if (process.env.VERCEL || env().databaseUrl) return say('embedded database image: skipped (PostgreSQL is configured)');
  const t0 = performance.now();
  const image = await buildPgliteImage();
  if (!image) return say('embedded database image: skipped (db/ sources not found)');
  const where = path.relative(process.cwd(), image.dir);
  say(
    image.built
      ? `embedded database image ready in ${Math.round(performance.now() - t0)} ms: ${where}`
      : `embedded database image up to date: ${where}`,
  );
}

main().catch((err: unknown) => {
  // The app works without it (it builds a fresh directory as before): say so, don't fail the build.
  console.error('[build] WARNING: could not prepare the embedded database image:', err);
});
