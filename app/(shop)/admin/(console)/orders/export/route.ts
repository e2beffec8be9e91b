import { getAdmin } from '@/lib/auth';
import { minorToDecimalString } from '@/lib/money';
import { exportOrders, orderListQuerySchema } from '@/lib/orders/admin-queries';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** A cell that a spreadsheet shows as text: quoted, and never read as a formula. */
function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

/** GET /admin/orders/export?status=&q=: the orders the list shows, as CSV (newest 10,000). */
export async function GET(req: Request) {
  const admin = await getAdmin();
  if (!admin.ok) {
    const status = admin.error.kind === 'unauthenticated' ? 401 : 403;
    return Response.json({ error: admin.error.kind, message: admin.error.message }, { status, headers: { 'Cache-Control': 'no-store' } });
  }
  const params = new URL(req.url).searchParams;
  const query = orderListQuerySchema.parse({ status: params.get('status') ?? undefined, q: params.get('q') ?? undefined });
  const rows = await exportOrders(query);
  const lines = [
    ['order_id', 'created_at', 'paid_at', 'email', 'status', 'total', 'currency'].join(','),
    ...rows.map((o) =>
      [
        o.id,
        o.createdAt.toISOString(),
        o.paidAt?.toISOString() ?? '',
        o.email,
        o.status,
        minorToDecimalString(o.totalMinor, o.currency),
        o.currency,
      ]
        .map(cell)
        .join(','),
    ),
  ];
  return new Response(`${lines.join('\r\n')}\r\n`, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="orders-${new Date().toISOString().slice(0, 10)}.csv"`,
      'Cache-Control': 'no-store',
    },
  });
}
