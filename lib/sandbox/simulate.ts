import 'server-only';
import { fail, ok, type Result } from '@/lib/result';
import { expireInvoice, findInvoice, payInvoice, type InvoiceActionError } from './invoices';
import type { SandboxInvoiceRow } from './invoice-view';
import { dispatchPostback, type DeliveryResult } from './postbacks';
import type { PaymentOutcome } from './pricing';
import { NOTIFIED_STATUSES, type SandboxInvoiceStatus } from './status';

// What the pay page buttons and the control API do: change the invoice, then notify the merchant.

export type SimulationResult = Result<{ invoice: SandboxInvoiceRow; postback: DeliveryResult | null }, InvoiceActionError>;

const notified = (status: string) => NOTIFIED_STATUSES.includes(status as SandboxInvoiceStatus);

/** A payment by the buyer, followed by its postback (sent for paid, overpaid and partial). */
export async function simulatePayment(uuid: string, outcome: PaymentOutcome): Promise<SimulationResult> {
  const paid = await payInvoice(uuid, outcome);
  if (!paid.ok) return paid;
  const { invoice } = paid.value;
  return ok({ invoice, postback: notified(invoice.status) ? await dispatchPostback(invoice) : null });
}

/** The invoice runs out now (no postback: the real service sends none for canceled invoices). */
export async function simulateExpiry(uuid: string): Promise<SimulationResult> {
  const expired = await expireInvoice(uuid);
  return expired.ok ? ok({ invoice: expired.value.invoice, postback: null }) : expired;
}

/** Send the postback of a paid, overpaid or partial invoice again (the dashboard's re-send). */
export async function resendPostback(uuid: string): Promise<SimulationResult> {
  const invoice = await findInvoice(uuid);
  if (!invoice) return fail({ kind: 'not-found' });
  if (!notified(invoice.status)) return fail({ kind: 'not-allowed', invoice });
  return ok({ invoice, postback: await dispatchPostback(invoice) });
}
