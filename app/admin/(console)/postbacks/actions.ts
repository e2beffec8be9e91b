'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { validatedAction } from '@/lib/actions';
import { requireAdmin } from '@/lib/auth';
import { reprocessPostback } from '@/lib/orders/admin-actions';

export const reprocessPostbackAction = validatedAction(
  z.object({ postbackId: z.string().regex(/^\d{1,15}$/, 'This form is out of date. Reload the page.').transform(Number) }),
  async ({ postbackId }) => {
    const admin = await requireAdmin();
    const result = await reprocessPostback(admin, postbackId);
    if (!result.ok) return { ok: false, message: result.error.message };
    revalidatePath('/admin/postbacks');
    return { ok: true, message: result.value.message };
  },
);
