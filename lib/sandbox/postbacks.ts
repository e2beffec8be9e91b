import 'server-only';
import { invoiceInfoView, type SandboxInvoiceRow } from './invoice-view';
import { recordPostbackAttempt } from './invoices';
import { encodePostback, postbackFields, sendPostback, type PostbackFormat } from './postback-message';
import { sandboxCredentials } from './credentials';
import { sandboxProject, type SandboxProject } from './project';

// Postback dispatch of the sandbox. The first attempt is awaited (10 s timeout) so the pay page
// knows the outcome before redirecting; a failed attempt is retried in this process with
// exponential backoff (backoff × 2^(n−1), at most 5 min apart, CRYPTOCLOUD_SANDBOX_POSTBACK_RETRIES
// times) on unref'd timers. Good enough for a dev sandbox: retries pending at a restart are lost.
// The real service's retry policy is undocumented.

const FIRST_ATTEMPT_TIMEOUT_MS = 10_000;
const MAX_DELAY_MS = 5 * 60_000;

export interface DeliveryResult {
  url: string;
  format: PostbackFormat;
  attempt: number;
  ok: boolean;
  /** HTTP status of the answer, null on a network error or timeout. */
  status: number | null;
  error: string | null;
  /** Another attempt is scheduled. */
  retrying: boolean;
}

// A newer postback for the same invoice (a top-up after a partial, a resend) supersedes the
// retries of an older one, so stale snapshots stop arriving. Kept on globalThis across dev reloads.
const g = globalThis as unknown as { __sandboxPostbackSeries?: Map<string, number> };
const series = (g.__sandboxPostbackSeries ??= new Map());
// Retries scheduled but not yet run, per invoice: lets a caller wait until delivery has settled.
const pending = new Map<string, number>();

/** How many postback retries for this invoice are scheduled and not yet finished. */
export function pendingPostbackRetries(invoiceUuid: string): number {
  return pending.get(invoiceUuid) ?? 0;
}

function settle(invoiceUuid: string) {
  const n = (pending.get(invoiceUuid) ?? 1) - 1;
  if (n > 0) pending.set(invoiceUuid, n);
  else pending.delete(invoiceUuid);
}

export function retryDelayMs(backoffMs: number, attempt: number): number {
  return Math.min(MAX_DELAY_MS, backoffMs * 2 ** (attempt - 1));
}

async function attempt(invoice: SandboxInvoiceRow, project: SandboxProject, seriesId: number, n: number): Promise<DeliveryResult> {
  const info = invoiceInfoView(invoice, project);
  const { secretKey } = await sandboxCredentials();
  const encoded = encodePostback(await postbackFields(info, secretKey), project.postbackFormat);
  const sent = await sendPostback(project.notifyUrl, encoded, FIRST_ATTEMPT_TIMEOUT_MS);
  const retrying = !sent.ok && n <= project.postbackRetries;
  await recordPostbackAttempt({
    invoiceUuid: invoice.uuid,
    url: project.notifyUrl,
    format: project.postbackFormat,
    attempt: n,
    invoiceStatus: invoice.status,
    responseStatus: sent.status,
    responseBody: sent.body,
    error: sent.error,
  });
  if (retrying) {
    pending.set(invoice.uuid, (pending.get(invoice.uuid) ?? 0) + 1);
    const timer = setTimeout(
      () => {
        if (series.get(invoice.uuid) !== seriesId) return settle(invoice.uuid);
        attempt(invoice, project, seriesId, n + 1)
          .catch((err: unknown) =>
            console.error(`[sandbox] postback retry for ${invoice.uuid} failed:`, err instanceof Error ? err.message : err),
          )
          .finally(() => settle(invoice.uuid));
      },
      retryDelayMs(project.postbackBackoffMs, n),
    );
    timer.unref();
  }
  return {
    url: project.notifyUrl,
    format: project.postbackFormat,
    attempt: n,
    ok: sent.ok,
    status: sent.status,
    error: sent.error,
    retrying,
  };
}

/**
 * Send the postback for an invoice's current state to the project's notification URL and wait for
 * the first attempt; retries, if needed, continue in the background.
 */
export async function dispatchPostback(invoice: SandboxInvoiceRow): Promise<DeliveryResult> {
  const seriesId = (series.get(invoice.uuid) ?? 0) + 1;
  series.set(invoice.uuid, seriesId);
  return attempt(invoice, sandboxProject(), seriesId, 1);
}
