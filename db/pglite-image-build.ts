import 'server-only';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { openDb } from './client';
import { installPgliteImage, pgliteImageDir, pgliteImageKey, scrubImage } from './pglite-image';

/**
 * Make the embedded database image for this code (db/pglite-image.ts) unless it is there already:
 * a PGlite directory built the way a fresh one is (initdb, migrations, seed), with nothing per
 * installation in it. Returns where it is and whether it was built now; null when the sources
 * that key it are not at hand.
 */
export async function buildPgliteImage(): Promise<{ key: string; dir: string; built: boolean } | null> {
  const key = pgliteImageKey();
  if (!key) return null;
  const target = pgliteImageDir(key);
  if (existsSync(path.join(target, 'PG_VERSION'))) return { key, dir: target, built: false };
  const work = mkdtempSync(`${path.dirname(target)}-`);
  try {
    const dir = path.join(work, 'pglite');
    // No image for this key exists yet, so this is migrated and seeded from nothing.
    const handle = await openDb({ pgliteDir: dir, autoSeed: true });
    await scrubImage(handle.db);
    await handle.close();
    return { key, dir: installPgliteImage(dir, key), built: true };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
