import { statementsSent } from '@/db/client';
import { benchEnabled } from '@/lib/bench';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** `npm run bench`: statements this server has sent to its database so far. 404 without STOREFRONT_BENCH. */
export function GET() {
  if (!benchEnabled()) return Response.json({ error: 'not_found' }, { status: 404 });
  return Response.json({ statements: statementsSent() }, { headers: { 'Cache-Control': 'no-store' } });
}
