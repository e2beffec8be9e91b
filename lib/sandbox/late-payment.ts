import 'server-only';
import { and, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { sandboxInvoices } from '@/db/schema';
import { fail, ok } from '@/lib/result';
import { depositAddress, fakeTxHash } from './addresses';
import { cryptoOf } from './catalog';
import { findInvoice } from './invoices';
import { dispatchPostback } from './postbacks';
import { processingState } from './status';
import type { SimulationResult } from './simulate';

/**
 * A transaction sent before the invoice expired but confirmed after it: CryptoCloud's FAQ says the
 * invoice still becomes `paid`. This is the one way out of `canceled`, kept apart from the invoice
 * state machine (no buyer action leads there), and followed by the usual postback.
 */
export async function simulateLatePayment(uuid: string, now = new Date()): Promise<SimulationResult> {
  const current = await findInvoice(uuid);
  if (!current) return fail({ kind: 'not-found' });
  if (current.status !== 'canceled') return fail({ kind: 'not-allowed', invoice: current });
  const crypto = cryptoOf(current.cryptoCurrency);
  const { db } = await getDb();
  const [row] = await db
    .update(sandboxInvoices)
    .set({
      status: 'paid',
      invoiceStatus: processingState('paid'),
      amountPaid: current.amountToPay,
      amountPaidUsd: current.amountToPayUsd,
      address: current.address || depositAddress(uuid, crypto),
      txList: [...current.txList, fakeTxHash(crypto)],
      finishedAt: now,
    })
    .where(and(eq(sandboxInvoices.uuid, uuid), eq(sandboxInvoices.status, 'canceled')))
    .returning();
  if (!row) return fail({ kind: 'not-allowed', invoice: current });
  return ok({ invoice: row, postback: await dispatchPostback(row) });
}
