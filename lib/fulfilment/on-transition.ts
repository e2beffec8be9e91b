import 'server-only';
import type { OrderStatus } from '@/db/schema';
import { emailDueOn } from './order-emails';

// What the order state machine calls inside the transaction of a status change (lib/orders/state-machine.ts).

export { takeDeliverables } from './deliverables';

export interface OrderTransition {
  orderId: string;
  from: OrderStatus;
  to: OrderStatus;
}

/**
 * Side effects a status change makes due, as rows for the state machine to write in the change's
 * transaction (batched with its order event): the buyer's email, queued unrendered.
 */
export function dueOnTransition(t: OrderTransition) {
  return { email: emailDueOn(t.orderId, t.to) };
}
