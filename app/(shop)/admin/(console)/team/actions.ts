'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { adminAction, grantAdmin, revokeAdmin, signInRequestSchema } from '@/lib/auth';

export const grantAdminAction = adminAction(
  signInRequestSchema.pick({ email: true }),
  async ({ email }, admin) => {
    await grantAdmin(admin, email);
    revalidatePath('/admin/team');
    return { ok: true, message: `${email} is an admin now and can sign in at /admin.` };
  },
  { fields: ['email'] },
);

export const revokeAdminAction = adminAction(z.object({ userId: z.string().min(1).max(100) }), async ({ userId }, admin) => {
  const result = await revokeAdmin(admin, userId);
  if (!result.ok) return { ok: false, message: result.error.message };
  revalidatePath('/admin/team');
  return { ok: true, message: `${result.value.email} no longer has access. Their next request is refused.` };
});
