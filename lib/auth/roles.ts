import 'server-only';
import { asc, count, eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { auditLog, orders, users, type UserRole } from '@/db/schema';
import { env } from '@/lib/env';
import { fail, ok, type Result } from '@/lib/result';
import type { Admin } from './dal';

/** The admin of a fresh, unconfigured shop outside production (the sign-in page says so). */
export const DEV_ADMIN_EMAIL = 'admin@example.com';

/** Addresses that get the admin role when their user is created: ADMIN_EMAILS, or the development admin. */
export function seededAdminEmails(): string[] {
  const e = env();
  if (e.ADMIN_EMAILS.length > 0) return e.ADMIN_EMAILS;
  return e.isProductionDeployment ? [] : [DEV_ADMIN_EMAIL];
}

/** Nothing configured outside production: admin@example.com is the admin. */
export function usesDevelopmentAdmin(): boolean {
  const e = env();
  return e.ADMIN_EMAILS.length === 0 && !e.isProductionDeployment;
}

/** The role a new user starts with. Afterwards the database alone decides. */
export function initialRole(email: string): UserRole {
  return seededAdminEmails().includes(email.toLowerCase()) ? 'admin' : 'none';
}

/**
 * Whether this address may sign in at all: an admin in the database, an address that will be
 * seeded as one, or a buyer who placed an order with it (to see their orders; a buyer gets no
 * role). Nobody else is sent a sign-in link (the shop does not mail strangers).
 */
export async function maySignIn(email: string): Promise<boolean> {
  const address = email.toLowerCase();
  if (seededAdminEmails().includes(address)) return true;
  const { db } = await getDb();
  const [row] = await db.select({ role: users.role }).from(users).where(eq(users.email, address));
  if (row?.role === 'admin') return true;
  const [order] = await db
    .select({ id: orders.id })
    .from(orders)
    .where(sql`lower(${orders.email}) = ${address}`)
    .limit(1);
  return !!order;
}

export interface AdminView {
  id: string;
  email: string;
  name: string | null;
  createdAt: Date;
}

export async function listAdmins(): Promise<AdminView[]> {
  const { db } = await getDb();
  const rows = await db
    .select({ id: users.id, email: users.email, name: users.name, createdAt: users.createdAt })
    .from(users)
    .where(eq(users.role, 'admin'))
    .orderBy(asc(users.email));
  return rows.map((r) => ({ ...r, email: r.email ?? '' }));
}

export type RoleError = { kind: 'self' | 'last-admin' | 'not-found'; message: string };

/**
 * Give `email` the admin role (creating its user, so it can request a sign-in link), audited.
 * `actor` null: the command line (`npm run admin:add`).
 */
export async function grantAdmin(actor: Admin | null, email: string): Promise<{ id: string }> {
  const address = email.toLowerCase();
  const { db } = await getDb();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(users)
      .values({ email: address, role: 'admin' })
      .onConflictDoUpdate({ target: users.email, set: { role: 'admin' } })
      .returning({ id: users.id });
    await tx.insert(auditLog).values({
      actorId: actor?.id ?? null,
      actorEmail: actor?.email ?? 'command line',
      action: 'role.grant',
      subjectType: 'user',
      subjectId: row!.id,
      detail: { email: address, role: 'admin' },
    });
    return { id: row!.id };
  });
}

/**
 * Take the admin role away. Their sessions stay (they are signed in without access): every admin
 * page and action re-reads the role, so the very next one is refused.
 */
export async function revokeAdmin(actor: Admin, userId: string): Promise<Result<{ email: string }, RoleError>> {
  if (userId === actor.id) return fail({ kind: 'self', message: 'You cannot remove your own access. Ask another admin.' });
  const { db } = await getDb();
  return db.transaction(async (tx) => {
    // Lock the admins so two admins removing each other at once cannot leave none.
    const admins = await tx.select({ id: users.id }).from(users).where(eq(users.role, 'admin')).for('update');
    if (!admins.some((a) => a.id === userId)) return fail({ kind: 'not-found' as const, message: 'That account is not an admin.' });
    if (admins.length <= 1) return fail({ kind: 'last-admin' as const, message: 'The shop needs at least one admin.' });
    const [row] = await tx.update(users).set({ role: 'none' }).where(eq(users.id, userId)).returning({ email: users.email });
    await tx.insert(auditLog).values({
      actorId: actor.id,
      actorEmail: actor.email,
      action: 'role.revoke',
      subjectType: 'user',
      subjectId: userId,
      detail: { email: row!.email, role: 'none' },
    });
    return ok({ email: row!.email ?? '' });
  });
}

/** How many admins the database holds (start-up check). */
export async function adminCount(): Promise<number> {
  const { db } = await getDb();
  const [row] = await db.select({ n: count() }).from(users).where(eq(users.role, 'admin'));
  return Number(row?.n ?? 0);
}
