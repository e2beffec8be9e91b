import { sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { errorSummary } from '@/lib/errors';

export const dynamic = 'force-dynamic';

/** 200 after a real query; 503 with a reason when the database cannot be reached. */
export async function GET() {
  try {
    const { db, kind } = await getDb();
    await db.execute(sql`select 1`);
    return Response.json({ status: 'ok', db: kind }, { headers: { 'Cache-Control': 'no-store' } });
  } catch (err) {
    const reason = errorSummary(err);
    return Response.json(
      { status: 'error', reason: `database unavailable: ${reason}` },
      { status: 503, headers: { 'Cache-Control': 'no-store' } },
    );
  }
}
