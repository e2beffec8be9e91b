import 'server-only';
import { expireInvoice, findInvoice, payInvoice, type ActionResult } from './invoices';
import { dispatchPostback, type DeliveryResult } from './postbacks';
import type { PaymentOutcome } from './pricing';
import { NOTIFIED_STATUSES, type SandboxInvoiceStatus } from './status';

// What the pay page buttons and the control API do: change the invoice, then notify the merchant.

export type SimulationResult =
  | { ok: true; invoice: Extract<ActionResult, { ok: true }>['invoice']; postback: DeliveryResult | null }
  | Extract<ActionResult, { ok: false }>;

const notified = (status: string) => NOTIFIED_STATUSES.includes(status as SandboxInvoiceStatus);

/** A payment by the buyer, followed by its postback (sent for paid, overpaid and partial). */
export async function simulatePayment(uuid: string, outcome: PaymentOutcome): Promise<SimulationResult> {
  const paid = await payInvoice(uuid, outcome);
  if (!paid.ok) return paid;
  return { ok: true, invoice: paid.invoice, postback: notified(paid.invoice.status) ? await dispatchPostback(paid.invoice) : null };
}

/** The invoice runs out now (no postback: the real service sends none for canceled invoices). */
export async function simulateExpiry(uuid: string): Promise<SimulationResult> {
  const expired = await expireInvoice(uuid);
  return expired.ok ? { ok: true, invoice: expired.invoice, postback: null } : expired;
}

/** Send the postback of a paid, overpaid or partial invoice again (the dashboard's re-send). */
export async function resendPostback(uuid: string): Promise<SimulationResult> {
  const invoice = await findInvoice(uuid);
  if (!invoice) return { ok: false, error: 'not-found' };
  if (!notified(invoice.status)) return { ok: false, error: 'not-allowed', invoice };
  return { ok: true, invoice, postback: await dispatchPostback(invoice) };
}
