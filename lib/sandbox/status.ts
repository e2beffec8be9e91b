import 'server-only';

// The sandbox invoice state machine (docs/cryptocloud.md §4). Every status change is one
// conditional UPDATE whose WHERE lists the statuses allowed to move to the target.

export const INVOICE_STATUSES = ['created', 'partial', 'paid', 'overpaid', 'canceled'] as const;
export type SandboxInvoiceStatus = (typeof INVOICE_STATUSES)[number];

const TRANSITIONS: Record<SandboxInvoiceStatus, readonly SandboxInvoiceStatus[]> = {
  created: ['paid', 'partial', 'overpaid', 'canceled'],
  // A top-up settles a partial invoice; a second short payment keeps it partial; expiry cancels it.
  partial: ['paid', 'partial', 'overpaid', 'canceled'],
  paid: [],
  overpaid: [],
  canceled: [],
};

/** Statuses from which `to` may be reached. */
export function sourcesOf(to: SandboxInvoiceStatus): SandboxInvoiceStatus[] {
  return INVOICE_STATUSES.filter((from) => TRANSITIONS[from].includes(to));
}

/** Statuses that still accept a payment (and expire at `expiry_date`). */
export const OPEN_STATUSES = sourcesOf('paid');

/** `invoice_status` (internal processing state): "start" until confirmed, then "success". */
export function processingState(status: SandboxInvoiceStatus): string {
  if (status === 'paid' || status === 'overpaid') return 'success';
  return status === 'canceled' ? 'canceled' : 'start';
}

/** Statuses for which the sandbox sends a postback (partial too, so merchants see one). */
export const NOTIFIED_STATUSES: readonly SandboxInvoiceStatus[] = ['paid', 'overpaid', 'partial'];
