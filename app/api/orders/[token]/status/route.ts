import { after } from 'next/server';
import { isFinal } from '@/lib/orders/state-machine';
import { findOrderIdByToken, getOrderStatus } from '@/lib/orders/queries';
import { reconcileOnView } from '@/lib/orders/reconcile';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const headers = { 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' };

/** Polled by the order page while the order is open. The token is the credential. */
export async function GET(_req: Request, { params }: { params: Promise<{ token: string }> }) {
  const orderId = await findOrderIdByToken((await params).token);
  const current = orderId ? await getOrderStatus(orderId) : null;
  if (!orderId || !current) return Response.json({ error: 'not_found' }, { status: 404, headers });
  // A buyer waiting on the page is a reason to ask the gateway (rate-limited per order).
  if (!isFinal(current.status)) after(() => reconcileOnView(orderId).catch((err) => console.error('[reconcile]', err)));
  return Response.json({ status: current.status, final: isFinal(current.status), updatedAt: current.updatedAt.toISOString() }, { headers });
}
