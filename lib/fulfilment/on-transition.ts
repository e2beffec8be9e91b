import 'server-only';
import type { Tx } from '@/db/client';
import type { OrderStatus } from '@/db/schema';
import { queueEmailForTransition } from './order-emails';

// What the order state machine calls inside the transaction of a status change (lib/orders/state-machine.ts).

export { takeDeliverables } from './deliverables';

export interface OrderTransition {
  orderId: string;
  from: OrderStatus;
  to: OrderStatus;
  cause: string;
  now: Date;
}

/** Side effects of a committed status change, written in its transaction: the buyer's email. */
export async function afterOrderTransition(tx: Tx, t: OrderTransition): Promise<void> {
  await queueEmailForTransition(tx, t.orderId, t.to, t.now);
}
