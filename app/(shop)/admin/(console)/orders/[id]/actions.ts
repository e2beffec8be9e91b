'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import type { ActionState } from '@/lib/actions';
import { adminAction } from '@/lib/auth';
import { cancelUnpaidOrder, flagRefundOwed, fulfilOrder, recheckOrder, resendDownloads, resolveReview } from '@/lib/orders/admin-actions';
import type { Result } from '@/lib/result';

// Every action is a public endpoint: adminAction checks the admin first (401/403 otherwise),
// whatever page it was rendered on.

const orderId = z.uuid({ error: 'This form is out of date. Reload the page.' });
const reason = z
  .string()
  .trim()
  .min(3, 'Say why, in a few words (the reason is kept in the order’s history).')
  .max(500, 'Keep the reason under 500 characters.');
const optional = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Keep it under ${max} characters.`)
    .optional()
    .transform((v) => (v ? v : undefined));

function answer(id: string, result: Result<{ message: string }, { message: string }>): ActionState {
  if (!result.ok) return { ok: false, message: result.error.message };
  revalidatePath(`/admin/orders/${id}`);
  revalidatePath(`/admin/orders`);
  return { ok: true, message: result.value.message };
}

export const recheckAction = adminAction(z.object({ orderId }), async ({ orderId }, admin) =>
  answer(orderId, await recheckOrder(admin, orderId)),
);

export const cancelOrderAction = adminAction(
  z.object({ orderId, reason }),
  async ({ orderId, reason }, admin) => answer(orderId, await cancelUnpaidOrder(admin, orderId, reason)),
  { fields: ['reason'] },
);

export const resolveReviewAction = adminAction(
  z.object({ orderId, decision: z.enum(['paid', 'canceled']), reason }),
  async ({ orderId, decision, reason }, admin) => answer(orderId, await resolveReview(admin, orderId, decision, reason)),
  { fields: ['reason'] },
);

export const flagRefundAction = adminAction(
  z.object({
    orderId,
    amount: z
      .string()
      .trim()
      .regex(/^\d{1,20}(\.\d{1,18})?$/, 'Enter the amount as a number, like 12.50 or 0.0015.')
      .refine((v) => /[1-9]/.test(v), 'The amount must be more than zero.'),
    currency: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z0-9_]{2,20}$/, 'Enter a currency code, like USD or USDT_TRC20.'),
    invoiceUuid: optional(20),
    reason,
  }),
  async ({ orderId, ...input }, admin) => answer(orderId, await flagRefundOwed(admin, orderId, input)),
  { fields: ['amount', 'currency', 'invoiceUuid', 'reason'] },
);

export const fulfilAction = adminAction(
  z.object({ orderId, note: optional(500), trackingRef: optional(200) }),
  async ({ orderId, note, trackingRef }, admin) => answer(orderId, await fulfilOrder(admin, orderId, { note, trackingRef })),
  { fields: ['note', 'trackingRef'] },
);

export const resendDownloadsAction = adminAction(z.object({ orderId }), async ({ orderId }, admin) =>
  answer(orderId, await resendDownloads(admin, orderId)),
);
