import { after } from 'next/server';
import { errorSummary } from '@/lib/errors';
import { isFinal } from '@/lib/orders/state-machine';
import { getOrderStatusByToken } from '@/lib/orders/queries';
import { reconcileOnView, viewReconcileDue } from '@/lib/orders/reconcile';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';
// The poll may ask the gateway about the invoice after answering (tests/unit/function-settings.test.ts).
export const maxDuration = 30;

const headers = { 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' };

/** Polled by the order page while the order is open. The token is the credential. */
export async function GET(_req: Request, { params }: { params: Promise<{ token: string }> }) {
  let current: Awaited<ReturnType<typeof getOrderStatusByToken>>;
  try {
    current = await getOrderStatusByToken((await params).token);
  } catch (err) {
    console.error('[order status] database unavailable:', errorSummary(err));
    return Response.json({ error: 'unavailable' }, { status: 503, headers: { ...headers, 'Retry-After': '2' } });
  }
  if (!current) return Response.json({ error: 'not_found' }, { status: 404, headers });
  // A buyer waiting on the page is a reason to ask the gateway (rate-limited per order). The row
  // just read says whether the claim could succeed, so most polls stay one statement.
  const { id } = current;
  if (viewReconcileDue(current)) after(() => reconcileOnView(id).catch((err) => console.error('[reconcile]', errorSummary(err))));
  return Response.json({ status: current.status, final: isFinal(current.status), updatedAt: current.updatedAt.toISOString() }, { headers });
}
