import 'server-only';
import { and, desc, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { auditLog } from '@/db/schema';

/** One change in the back office's history of a subject: who did what, when, with what detail. */
export interface HistoryEntry {
  id: number;
  action: string;
  actorEmail: string;
  detail: Record<string, unknown> | null;
  at: Date;
}

/** The newest 50 audit-log entries about one subject (a product, a collection), newest first. */
export async function subjectHistory(subjectType: 'product' | 'collection', id: number): Promise<HistoryEntry[]> {
  const { db } = await getDb();
  return db
    .select({ id: auditLog.id, action: auditLog.action, actorEmail: auditLog.actorEmail, detail: auditLog.detail, at: auditLog.createdAt })
    .from(auditLog)
    .where(and(eq(auditLog.subjectType, subjectType), eq(auditLog.subjectId, String(id))))
    .orderBy(desc(auditLog.id))
    .limit(50);
}
