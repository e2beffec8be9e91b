'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { adminAction } from '@/lib/auth';
import { saveShippingOption, shippingOptionInputSchema } from '@/lib/fulfilment';
import { fulfilOrder } from '@/lib/orders/admin-actions';
import { shippingOptionTranslationInputSchema, translateShippingOption } from '@/lib/translations';

const FIELDS = ['name', 'countries', 'price', 'freeAbove', 'sortOrder', 'active'] as const;
const id = z
  .union([z.literal(''), z.string().regex(/^\d{1,9}$/, 'This form is out of date. Reload the page.')])
  .transform((v) => (v ? Number(v) : null));

/** Create (empty id) or save a shipping option; checkout reads the new price at once. */
export const saveShippingOptionAction = adminAction(
  shippingOptionInputSchema.extend({ id }),
  async ({ id, ...input }, admin) => {
    const saved = await saveShippingOption(admin, id, input);
    if (!saved.ok) return { ok: false, message: saved.error.message };
    revalidatePath('/admin/shipping/options');
    revalidatePath('/cart');
    return { ok: true, message: id ? 'Saved. Checkout uses it now.' : 'Shipping option added. Checkout offers it now.' };
  },
  { fields: FIELDS },
);

/** A shipping option's name in another language (empty: the default language's shows). */
export const translateShippingOptionAction = adminAction(
  shippingOptionTranslationInputSchema,
  async (input, admin) => {
    const saved = await translateShippingOption(admin, input);
    if (!saved.ok) return { ok: false, message: saved.error.message };
    if (!saved.value.changed) return { ok: true, message: 'Nothing changed.' };
    revalidatePath('/admin/shipping/options');
    return { ok: true, message: 'Saved. Emails in this language use it now.' };
  },
  { fields: ['name'] },
);

/** "Mark shipped" from the packing view: the order leaves the list, and the page says so. */
export const markShippedAction = adminAction(
  z.object({
    orderId: z.uuid({ error: 'This form is out of date. Reload the page.' }),
    trackingRef: z
      .string()
      .trim()
      .max(200, 'Keep it under 200 characters.')
      .optional()
      .transform((v) => v || undefined),
  }),
  async ({ orderId, trackingRef }, admin) => {
    const done = await fulfilOrder(admin, orderId, { trackingRef });
    if (!done.ok) return { ok: false, message: done.error.message };
    revalidatePath('/admin/shipping');
    revalidatePath(`/admin/orders/${orderId}`);
    redirect(`/admin/shipping?shipped=${orderId.slice(0, 8)}`);
  },
  { fields: ['trackingRef'] },
);
