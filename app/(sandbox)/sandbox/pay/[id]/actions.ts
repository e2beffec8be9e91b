'use server';

import 'server-only';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { validatedAction } from '@/lib/actions';
import { expireFromPage, payFromPage, returnFromPage, selectCurrencyFromPage } from '@/lib/sandbox/pay-page';

// The pay page's forms name their invoice (and what to simulate) in hidden fields: checked like any other input.
const invoice = z.string().regex(/^(INV-)?[A-Za-z0-9]{8}$/, 'Unknown invoice.');
const invoiceForm = z.object({ invoice });

/** Go where the simulation leads (the shop's return URL), or stay on this invoice's page. */
function followOrStay(target: string | null, invoiceId: string): { ok: true } {
  if (target) redirect(target);
  revalidatePath(`/sandbox/pay/${invoiceId}`);
  return { ok: true };
}

/** Pay in full, in part or too much; then the postback goes out and a settled invoice leaves for the shop. */
export const payAction = validatedAction(
  z.object({ invoice, outcome: z.enum(['paid', 'partial', 'overpaid']) }),
  async ({ invoice, outcome }) => followOrStay(await payFromPage(invoice, outcome), invoice),
  { label: 'sandbox pay' },
);

/** Let the invoice run out and send the buyer to the fail URL. */
export const expireAction = validatedAction(invoiceForm, async ({ invoice }) => followOrStay(await expireFromPage(invoice), invoice), {
  label: 'sandbox expire',
});

/** Back to the shop from a settled invoice (a redirect: the page never prints the full order_id). */
export const returnAction = validatedAction(invoiceForm, async ({ invoice }) => followOrStay(await returnFromPage(invoice), invoice), {
  label: 'sandbox return',
});

/** Re-price the invoice in the crypto picked on the page. */
export const selectCurrencyAction = validatedAction(
  z.object({ invoice, currency: z.string().regex(/^[A-Z0-9_]{2,20}$/, 'Unknown currency.') }),
  async ({ invoice, currency }) => {
    await selectCurrencyFromPage(invoice, currency);
    return followOrStay(null, invoice);
  },
  { label: 'sandbox currency' },
);
