'use server';

import 'server-only';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { expireFromPage, payFromPage, returnFromPage, selectCurrencyFromPage } from '@/lib/sandbox/pay-page';

// Bound arguments come back from the browser: checked here like any other input.
const id = z.string().regex(/^(INV-)?[A-Za-z0-9]{8}$/);
const outcome = z.enum(['paid', 'partial', 'overpaid']);
const currency = z.string().regex(/^[A-Z0-9_]{2,20}$/);

/** Pay in full, in part or too much; then the postback goes out and a settled invoice leaves for the shop. */
export async function payAction(rawId: string, rawOutcome: string): Promise<void> {
  const invoice = id.parse(rawId);
  const target = await payFromPage(invoice, outcome.parse(rawOutcome));
  if (target) redirect(target);
  revalidatePath(`/sandbox/pay/${invoice}`);
}

/** Let the invoice run out and send the buyer to the fail URL. */
export async function expireAction(rawId: string): Promise<void> {
  const invoice = id.parse(rawId);
  const target = await expireFromPage(invoice);
  if (target) redirect(target);
  revalidatePath(`/sandbox/pay/${invoice}`);
}

/** Back to the shop from a settled invoice (a redirect: the page never prints the full order_id). */
export async function returnAction(rawId: string): Promise<void> {
  const invoice = id.parse(rawId);
  const target = await returnFromPage(invoice);
  if (target) redirect(target);
  revalidatePath(`/sandbox/pay/${invoice}`);
}

/** Re-price the invoice in the crypto picked on the page. */
export async function selectCurrencyAction(rawId: string, formData: FormData): Promise<void> {
  const invoice = id.parse(rawId);
  const picked = currency.safeParse(formData.get('currency'));
  if (picked.success) await selectCurrencyFromPage(invoice, picked.data);
  revalidatePath(`/sandbox/pay/${invoice}`);
}
