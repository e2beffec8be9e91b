import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { errorSummary } from '@/lib/errors';
import { orderTokenSchema } from '@/lib/orders/tokens';
import { findOrderLinkByToken } from '@/lib/orders/queries';
import { reconcileOnView } from '@/lib/orders/reconcile';
import { orderPath } from '@/lib/i18n/paths';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';
// A buyer's return asks the gateway about the invoice before answering
// (tests/unit/function-settings.test.ts).
export const maxDuration = 30;

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * The project's success and fail URL at CryptoCloud. It only sends the buyer to their order page
 * (by `order_id` from the query, else the cookie set at checkout); the order page shows the status
 * from the database, so nothing in this URL can make an order look paid. A page rather than a
 * route handler, so that the sandbox's server-action redirect can land here too.
 */
export default async function CheckoutReturn({ searchParams }: Props) {
  const fromQuery = (await searchParams).order_id;
  const fromCookie = (await cookies()).get('last_order')?.value;
  const token = [typeof fromQuery === 'string' ? fromQuery : undefined, fromCookie].find(
    (t): t is string => !!t && orderTokenSchema.safeParse(t).success,
  );
  let order: Awaited<ReturnType<typeof findOrderLinkByToken>> = null;
  try {
    order = token ? await findOrderLinkByToken(token) : null;
  } catch (err) {
    // The database is down: the order page will say so; the buyer keeps the way to their order.
    console.error('[checkout return]', errorSummary(err));
    redirect(token ? `/orders/${token}` : '/');
  }
  if (!order) redirect('/');
  // Coming back from the pay page is news (an expiry sends no postback): ask the gateway now.
  await reconcileOnView(order.id, new Date(), 0).catch((err) => console.error('[reconcile]', errorSummary(err)));
  // Back in the buyer's language: the order remembers it.
  redirect(orderPath(order));
}
