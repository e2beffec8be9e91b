// Run as a separate process by tests/integration/db-faults.test.ts (E3): records a postback and
// applies the gateway's confirmed invoice state the way the postback path does, inside one
// transaction, prints one JSON line once everything is written but not committed, and waits there
// to be killed. Reads CHILD_DB_URL and CHILD_INVOICE_UUID; APP_URL points at the test's sandbox.
import { openDb } from '@/db/client';
import { postbackEvents } from '@/db/schema';
import { getInvoices } from '@/lib/cryptocloud';
import { applyInvoiceInfoIn } from '@/lib/orders/apply-invoice';

async function main() {
  const url = process.env.CHILD_DB_URL;
  const invoiceUuid = process.env.CHILD_INVOICE_UUID;
  if (!url || !invoiceUuid) throw new Error('CHILD_DB_URL and CHILD_INVOICE_UUID are required');
  const { db } = await openDb({ url });
  const info = await getInvoices([invoiceUuid]);
  if (!info.ok || !info.value.invoices[0]) throw new Error(`info API: ${info.ok ? 'no invoice' : info.error.message}`);
  const invoice = info.value.invoices[0];
  await db.transaction(async (tx) => {
    await tx
      .insert(postbackEvents)
      .values({ invoiceUuid, dedupeKey: 'killed-mid-transaction', contentType: 'application/json', rawBody: '{}', verdict: 'received' });
    const outcome = await applyInvoiceInfoIn(tx, invoice, 'postback');
    process.stdout.write(`${JSON.stringify({ ready: true, outcome })}\n`);
    // Never committed: the parent SIGKILLs this process here (the interval keeps it alive).
    setInterval(() => undefined, 60_000);
    await new Promise<never>(() => undefined);
  });
}

main().catch((err) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exit(1);
});
