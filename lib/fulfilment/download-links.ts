import 'server-only';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { and, eq, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, type Db, type Tx } from '@/db/client';
import { appSecrets, downloadGrants, orders } from '@/db/schema';
import { env } from '@/lib/env';
import { fail, ok, type Result } from '@/lib/result';
import { fileStorage, type StoredFile } from './storage';

// Download links: `/api/orders/<order token>/downloads/<grant>?expires=<unix s>&signature=<hmac>`.
// The signature covers the token, the grant and the expiry, so a link cannot be moved to another
// order, another file or a later time; the grant row then counts each download against its limit.

const g = globalThis as unknown as { __storefrontDownloadKey?: Promise<string> };

/**
 * DOWNLOAD_SECRET, or a key generated once and kept in the database (shared by every instance).
 * Read through the caller's handle: links are made inside the transaction that pays an order.
 */
async function signingKey(db: Db | Tx): Promise<string> {
  const configured = env().DOWNLOAD_SECRET;
  if (configured) return configured;
  if (!g.__storefrontDownloadKey) {
    const loading = (async () => {
      await db
        .insert(appSecrets)
        .values({ name: 'download_secret', value: randomBytes(32).toString('base64url') })
        .onConflictDoNothing();
      const [row] = await db.select({ value: appSecrets.value }).from(appSecrets).where(eq(appSecrets.name, 'download_secret'));
      return row!.value;
    })();
    loading.catch(() => {
      if (g.__storefrontDownloadKey === loading) g.__storefrontDownloadKey = undefined;
    });
    g.__storefrontDownloadKey = loading;
  }
  return g.__storefrontDownloadKey;
}

/** Forget the generated key (tests switch databases). */
export function resetDownloadKey(): void {
  g.__storefrontDownloadKey = undefined;
}

const sign = (key: string, token: string, grantId: string, expires: number) =>
  createHmac('sha256', key).update(`download:v1\n${token}\n${grantId}\n${expires}`).digest('base64url');

/**
 * A signed link to download a grant's file, valid for DOWNLOAD_LINK_TTL_HOURS from `now`.
 * The order token in it is the order page's credential too: links go only to the buyer.
 */
export async function downloadUrl(
  db: Db | Tx,
  orderToken: string,
  grantId: string,
  now = new Date(),
): Promise<{ url: string; expiresAt: Date }> {
  const e = env();
  const expires = Math.floor(now.getTime() / 1000) + e.DOWNLOAD_LINK_TTL_HOURS * 3600;
  const signature = sign(await signingKey(db), orderToken, grantId, expires);
  const query = new URLSearchParams({ expires: String(expires), signature });
  return { url: `${e.APP_URL}/api/orders/${orderToken}/downloads/${grantId}?${query}`, expiresAt: new Date(expires * 1000) };
}

export const downloadRequestSchema = z.object({
  token: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  grantId: z.uuid(),
  expires: z
    .string()
    .regex(/^\d{1,12}$/)
    .transform(Number),
  signature: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
});
export type DownloadRequest = z.input<typeof downloadRequestSchema>;

export type DownloadError = {
  kind: 'bad-link' | 'expired' | 'not-found' | 'not-paid' | 'limit-reached' | 'file-missing';
  message: string;
};

export interface Download {
  file: StoredFile;
  fileName: string;
  /** Downloads left after this one. */
  remaining: number;
}

/**
 * Check a download link and count the download: the signature (constant time) and expiry first,
 * then the grant must belong to the paid order behind the token, and its count is raised only
 * while under the limit, in one conditional UPDATE (concurrent clicks cannot pass the limit).
 * The file is opened before counting, so a missing file costs the buyer nothing.
 */
export async function openDownload(input: DownloadRequest, now = new Date()): Promise<Result<Download, DownloadError>> {
  const parsed = downloadRequestSchema.safeParse(input);
  if (!parsed.success) return fail({ kind: 'bad-link', message: 'This download link is not valid.' });
  const { token, grantId, expires, signature } = parsed.data;
  const { db } = await getDb();
  const expected = Buffer.from(sign(await signingKey(db), token, grantId, expires));
  if (!timingSafeEqual(expected, Buffer.from(signature))) return fail({ kind: 'bad-link', message: 'This download link is not valid.' });
  if (expires * 1000 <= now.getTime()) {
    return fail({ kind: 'expired', message: 'This download link has expired. Open your order page for a fresh one.' });
  }

  const [grant] = await db
    .select({ status: orders.status, fileKey: downloadGrants.fileKey, fileName: downloadGrants.fileName })
    .from(downloadGrants)
    .innerJoin(orders, eq(orders.id, downloadGrants.orderId))
    .where(and(eq(downloadGrants.id, grantId), eq(orders.publicToken, token)));
  if (!grant) return fail({ kind: 'not-found', message: 'There is no such download.' });
  if (grant.status !== 'paid') return fail({ kind: 'not-paid', message: 'This order is not paid, so nothing can be downloaded.' });

  const file = await fileStorage().open(grant.fileKey);
  if (!file) {
    console.error(`[downloads] file ${grant.fileKey} of grant ${grantId} is missing from storage`);
    return fail({ kind: 'file-missing', message: 'The file is not available right now. Try again later or contact the shop.' });
  }
  const [counted] = await db
    .update(downloadGrants)
    .set({ downloadCount: sql`${downloadGrants.downloadCount} + 1`, lastDownloadedAt: now })
    .where(and(eq(downloadGrants.id, grantId), lt(downloadGrants.downloadCount, downloadGrants.maxDownloads)))
    .returning({ count: downloadGrants.downloadCount, max: downloadGrants.maxDownloads });
  if (!counted)
    return fail({ kind: 'limit-reached', message: 'This file has been downloaded as many times as allowed. Contact the shop for more.' });
  return ok({ file, fileName: grant.fileName, remaining: counted.max - counted.count });
}
