import 'server-only';
import { randomBytes, randomInt } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { getDb, type Db } from '@/db/client';
import { sandboxCredentials as credentialsTable } from '@/db/schema';
import { env, type Env } from '@/lib/env';

/** What a CryptoCloud project's settings page shows: the three values a shop needs. */
export interface SandboxCredentials {
  apiKey: string;
  shopId: string;
  secretKey: string;
}

/** Published in the README and used by the tests: only ever valid for local development. */
export const DEFAULT_SANDBOX_CREDENTIALS: SandboxCredentials = {
  apiKey: 'sandbox-api-key',
  shopId: 'SANDBOXSHOP00001',
  secretKey: 'sandbox-secret-key',
};

/**
 * A sandbox reachable by others (a deployment, or one switched on explicitly) must not accept the
 * published defaults: anyone could list every invoice, read its order_id (the order page's
 * credential) and cancel other buyers' invoices.
 */
export function usesGeneratedCredentials(e: Env = env()): boolean {
  return e.isProductionDeployment || e.CRYPTOCLOUD_SANDBOX === 'on';
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function alphanumeric(length: number): string {
  return Array.from({ length }, () => ALPHANUMERIC[randomInt(ALPHANUMERIC.length)]).join('');
}

/** Shaped like a real project's: a 16-character shop id and a 36-character secret key. */
function generate(): SandboxCredentials {
  return { apiKey: randomBytes(48).toString('base64url'), shopId: alphanumeric(16), secretKey: alphanumeric(36) };
}

async function readStored(db: Db): Promise<SandboxCredentials | undefined> {
  const [row] = await db
    .select({ apiKey: credentialsTable.apiKey, shopId: credentialsTable.shopId, secretKey: credentialsTable.secretKey })
    .from(credentialsTable)
    .where(eq(credentialsTable.id, 1));
  return row;
}

/**
 * This installation's credentials: read, or generated and stored on first use. Insert-if-absent
 * on the single row, then read back, so instances starting together all end up with the winner's.
 */
export async function loadOrCreateSandboxCredentials(db: Db): Promise<SandboxCredentials> {
  const stored = await readStored(db);
  if (stored) return stored;
  await db
    .insert(credentialsTable)
    .values({ id: 1, ...generate() })
    .onConflictDoNothing({ target: credentialsTable.id });
  const created = await readStored(db);
  if (!created) throw new Error('sandbox credentials missing after insert');
  return created;
}

// They never change once stored: read once per database handle (tests swap handles).
const cache = new WeakMap<Db, Promise<SandboxCredentials>>();

function storedCredentials(db: Db): Promise<SandboxCredentials> {
  let loading = cache.get(db);
  if (!loading) {
    loading = loadOrCreateSandboxCredentials(db);
    // A failure (database down) is retried on the next call instead of being cached.
    loading.catch(() => cache.delete(db));
    cache.set(db, loading);
  }
  return loading;
}

/**
 * The sandbox's API key, shop id and secret key, used by the sandbox itself and by the shop's
 * gateway client alike. Each CRYPTOCLOUD_SANDBOX_* variable that is set wins; the others are the
 * published defaults locally and this installation's generated values where those must not work.
 * Secret: never render or log them. Throws when the generated ones cannot be read (database down).
 */
export async function sandboxCredentials(): Promise<SandboxCredentials> {
  const e = env();
  const explicit = {
    apiKey: e.CRYPTOCLOUD_SANDBOX_API_KEY,
    shopId: e.CRYPTOCLOUD_SANDBOX_SHOP_ID,
    secretKey: e.CRYPTOCLOUD_SANDBOX_SECRET_KEY,
  };
  const allExplicit = explicit.apiKey !== undefined && explicit.shopId !== undefined && explicit.secretKey !== undefined;
  const base = usesGeneratedCredentials(e) && !allExplicit ? await storedCredentials((await getDb()).db) : DEFAULT_SANDBOX_CREDENTIALS;
  return {
    apiKey: explicit.apiKey ?? base.apiKey,
    shopId: explicit.shopId ?? base.shopId,
    secretKey: explicit.secretKey ?? base.secretKey,
  };
}
