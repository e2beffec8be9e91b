'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { adminAction } from '@/lib/auth';
import { reprocessPostback } from '@/lib/orders/admin-actions';

export const reprocessPostbackAction = adminAction(
  z.object({
    postbackId: z
      .string()
      .regex(/^\d{1,15}$/, 'This form is out of date. Reload the page.')
      .transform(Number),
  }),
  async ({ postbackId }, admin) => {
    const result = await reprocessPostback(admin, postbackId);
    if (!result.ok) return { ok: false, message: result.error.message };
    revalidatePath('/admin/postbacks');
    return { ok: true, message: result.value.message };
  },
);
