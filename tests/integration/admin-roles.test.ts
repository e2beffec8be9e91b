import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { auditLog, users } from '@/db/schema';
import { grantAdmin, listAdmins, revokeAdmin, type Admin } from '@/lib/auth';

async function admin(email: string): Promise<Admin> {
  const { db } = await getDb();
  const [u] = await db.insert(users).values({ email, role: 'admin' }).returning({ id: users.id });
  return { id: u!.id, email, name: null };
}

describe('admin roles', () => {
  it('grants and revokes the role in the database, audited, never leaving the shop without an admin', async () => {
    const owner = await admin('owner@example.com');
    const { id: staffId } = await grantAdmin(owner, 'Staff@Example.com');
    expect((await listAdmins()).map((a) => a.email)).toEqual(['owner@example.com', 'staff@example.com']);
    const staff: Admin = { id: staffId, email: 'staff@example.com', name: null };

    expect(await revokeAdmin(owner, owner.id)).toMatchObject({ ok: false, error: { kind: 'self' } });
    expect(await revokeAdmin(owner, staffId)).toEqual({ ok: true, value: { email: 'staff@example.com' } });
    const { db } = await getDb();
    expect((await db.select({ role: users.role }).from(users).where(eq(users.id, staffId)))[0]?.role).toBe('none');
    // A former admin cannot remove the last one (and is refused as not an admin to remove anyway).
    expect(await revokeAdmin(staff, owner.id)).toMatchObject({ ok: false, error: { kind: 'last-admin' } });
    expect(await revokeAdmin(owner, staffId)).toMatchObject({ ok: false, error: { kind: 'not-found' } });

    const trail = await db.select({ action: auditLog.action, actor: auditLog.actorEmail, subject: auditLog.subjectId }).from(auditLog);
    expect(trail).toEqual([
      { action: 'role.grant', actor: 'owner@example.com', subject: staffId },
      { action: 'role.revoke', actor: 'owner@example.com', subject: staffId },
    ]);
  });
});

describe('start-up check', () => {
  it('tells a production shop without an admin how to create one, and what else is missing', async () => {
    const { backOfficeStartupNotes } = await import('@/lib/auth');
    const { resetEnvCache } = await import('@/lib/env');
    const saved = { ...process.env };
    const { db } = await getDb();
    const admins = await db.select({ id: users.id }).from(users).where(eq(users.role, 'admin'));
    await db.update(users).set({ role: 'none' });
    try {
      Object.assign(process.env, { DEPLOY_ENV: 'production' });
      for (const k of ['ADMIN_EMAILS', 'AUTH_SECRET', 'EMAIL_SERVER', 'AUTH_GITHUB_ID', 'AUTH_GITHUB_SECRET']) delete process.env[k];
      resetEnvCache();
      const notes = (await backOfficeStartupNotes()).map((n) => `${n.level}: ${n.message}`).join('\n');
      expect(notes).toMatch(/warn: .*AUTH_SECRET is not set/);
      expect(notes).toMatch(/warn: .*no sign-in method/);
      expect(notes).toMatch(/warn: .*there is no admin\. Set ADMIN_EMAILS=you@example\.com .*npm run admin:add -- you@example\.com/);
      expect(notes).not.toMatch(/admin@example\.com/);

      await grantAdmin(null, 'first@shop.test');
      expect((await backOfficeStartupNotes()).map((n) => n.message).join('\n')).not.toMatch(/there is no admin/);
    } finally {
      process.env = saved;
      resetEnvCache();
      for (const { id } of admins) await db.update(users).set({ role: 'admin' }).where(eq(users.id, id));
    }
  });
});
