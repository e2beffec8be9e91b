// Domain types of orders, shared by the data layer (db/schema.ts), server logic and components.
// Plain values only: safe to import anywhere, including client components.

export const ORDER_STATUSES = ['pending', 'awaiting_payment', 'partially_paid', 'paid', 'expired', 'canceled', 'needs_review'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** Postback verdicts, weakest first: a row's verdict only ever moves right (see setVerdict). */
export const POSTBACK_VERDICTS = ['received', 'unmatched', 'duplicate', 'mismatch', 'matched', 'applied'] as const;
export type PostbackVerdict = (typeof POSTBACK_VERDICTS)[number];
