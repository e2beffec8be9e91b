import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { env } from '@/lib/env';
import { licenseKeys } from './schema';
import { demoLicenseKey } from './seed';
import type { Db } from './types';

/**
 * A prepared embedded database: a PGlite data directory already initialised, migrated and seeded,
 * made by `npm run build` (scripts/pglite-image.ts) and copied into place when the app finds no
 * data directory. Creating one from nothing costs PGlite's initdb (≈ 20 s and ≈ 900 MiB on a
 * 2-core machine); a copy costs well under a second. Keyed by everything that decides its content,
 * so a changed migration or seed never restores a stale one (the app then builds the directory as
 * before). It holds no per-installation secret: those are generated on first use
 * (lib/auth/secret.ts, lib/sandbox/credentials.ts), and the demo license keys are drawn afresh for
 * each restored directory (personalizeRestoredDatabase).
 */

/** What the content depends on besides the files hashed below (bump when the recipe changes). */
const IMAGE_RECIPE = 'v1';
const SEED_SOURCES = ['db/seed.ts', 'db/seed-translations.ts'];

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile())
    .map((d) => path.join(d.parentPath, d.name))
    .sort();
}

/**
 * The image's key: the migrations, the seed's source, the shop currency (the seed's prices) and
 * the PGlite version. Null where the sources are not at hand (the standalone server folder).
 */
export function pgliteImageKey(root = process.cwd()): string | null {
  if (!existsSync(path.join(root, 'db', 'migrations'))) return null;
  const sources = [...filesUnder(path.join(root, 'db', 'migrations')), ...SEED_SOURCES.map((f) => path.join(root, f))];
  const pglitePackage = path.join(root, 'node_modules', '@electric-sql', 'pglite', 'package.json');
  if (!sources.every((f) => existsSync(f)) || !existsSync(pglitePackage)) return null;
  const hash = createHash('sha256').update(`${IMAGE_RECIPE}\n${env().SHOP_CURRENCY}\n`);
  hash.update((JSON.parse(readFileSync(pglitePackage, 'utf8')) as { version: string }).version);
  for (const file of sources) hash.update(`\n${path.relative(root, file)}\n`).update(readFileSync(file));
  return hash.digest('hex').slice(0, 32);
}

/** Where the image for `key` lives: beside the build it was made with. */
export function pgliteImageDir(key: string, root = process.cwd()): string {
  return path.join(root, '.next', 'pglite-image', key);
}

/** A data directory PGlite has not initialised yet (missing, or empty). */
export function isFreshDataDir(dir: string): boolean {
  return !existsSync(dir) || readdirSync(dir).length === 0;
}

/**
 * Copy the image into `dir` if there is one for this code and `dir` is fresh. The copy goes to a
 * sibling first and is renamed into place, so a crash never leaves half a database. Returns
 * whether it restored.
 */
export function restorePgliteImage(dir: string): boolean {
  const key = pgliteImageKey();
  if (!key || !isFreshDataDir(dir)) return false;
  const image = pgliteImageDir(key);
  if (!existsSync(path.join(image, 'PG_VERSION'))) return false;
  const staging = `${dir}.restoring-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    cpSync(image, staging, { recursive: true });
    rmSync(dir, { recursive: true, force: true });
    renameSync(staging, dir);
    return true;
  } catch (err) {
    rmSync(staging, { recursive: true, force: true });
    throw err;
  }
}

/** Move a finished image directory into place (another build may have made the same one). */
export function installPgliteImage(built: string, key: string): string {
  const target = pgliteImageDir(key);
  mkdirSync(path.dirname(target), { recursive: true });
  // Images of older keys are stale: this build never restores them.
  for (const old of readdirSync(path.dirname(target))) {
    if (old !== key) rmSync(path.join(path.dirname(target), old), { recursive: true, force: true });
  }
  rmSync(target, { recursive: true, force: true });
  renameSync(built, target);
  return target;
}

/**
 * Before an image is taken: nothing per installation may be in it. The app generates these on first
 * use, so they are empty after migrate + seed; cleared anyway, so a future seed step that touched
 * them could not bake them in.
 */
export async function scrubImage(db: Db): Promise<void> {
  await db.execute(sql`delete from app_secrets`);
  await db.execute(sql`delete from sandbox_credentials`);
}

/**
 * After a restore: what the seed draws at random is drawn again for this installation, so two
 * shops restored from one image do not share their demo license keys.
 */
export async function personalizeRestoredDatabase(db: Db): Promise<void> {
  const rows = await db
    .select({ id: licenseKeys.id })
    .from(licenseKeys)
    .where(and(eq(licenseKeys.uploadedBy, 'seed'), isNull(licenseKeys.orderId)));
  if (rows.length === 0) return;
  const fresh = rows.map((r) => sql`(${r.id}::bigint, ${demoLicenseKey()})`);
  await db.execute(
    sql`update license_keys set key = fresh.key from (values ${sql.join(fresh, sql`, `)}) as fresh(id, key) where license_keys.id = fresh.id`,
  );
}
