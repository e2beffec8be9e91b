'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { validatedAction } from '@/lib/actions';
import { grantAdmin, requireAdmin, revokeAdmin, signInRequestSchema } from '@/lib/auth';

export const grantAdminAction = validatedAction(
  signInRequestSchema.pick({ email: true }),
  async ({ email }) => {
    const admin = await requireAdmin();
    await grantAdmin(admin, email);
    revalidatePath('/admin/team');
    return { ok: true, message: `${email} is an admin now and can sign in at /admin.` };
  },
  { fields: ['email'] },
);

export const revokeAdminAction = validatedAction(z.object({ userId: z.string().min(1).max(100) }), async ({ userId }) => {
  const admin = await requireAdmin();
  const result = await revokeAdmin(admin, userId);
  if (!result.ok) return { ok: false, message: result.error.message };
  revalidatePath('/admin/team');
  return { ok: true, message: `${result.value.email} no longer has access. Their next request is refused.` };
});
