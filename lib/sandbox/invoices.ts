import 'server-only';
import { randomInt } from 'node:crypto';
import Decimal from 'decimal.js';
import { and, asc, count, desc, eq, gte, inArray, lt, lte, sql } from 'drizzle-orm';
import { getSandboxDb } from '@/db/client';
import { sandboxInvoices, sandboxPostbacks } from '@/db/schema';
import { fail, ok, type Result } from '@/lib/result';
import { depositAddress, fakeTxHash } from './addresses';
import { DEFAULT_CRYPTO, cryptoOf, findCrypto } from './catalog';
import type { SandboxInvoiceRow } from './invoice-view';
import { cryptoToUsd, fiatToUsd, paymentAmount, quoteColumns, statusForPaid, type PaymentOutcome } from './pricing';
import { INVOICE_STATUSES, OPEN_STATUSES, processingState, sourcesOf, type SandboxInvoiceStatus } from './status';
import type { CreateInvoiceRequest, ListRequest, Period } from './validation';

// Sandbox invoices in the app's database, reached through the sandbox's own small pool
// (getSandboxDb) so that emulating the gateway never starves the shop. Expiry is applied lazily: every read or action first
// turns open invoices past their expiry_date into `canceled`.

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

function newInvoiceUuid(): string {
  let suffix = '';
  for (let i = 0; i < 8; i++) suffix += ID_ALPHABET[randomInt(ID_ALPHABET.length)];
  return `INV-${suffix}`;
}

/** Cancel every open invoice (or only these) whose expiry_date has passed. */
export async function expireDue(now = new Date(), uuids?: string[]): Promise<void> {
  const { db } = await getSandboxDb();
  await db
    .update(sandboxInvoices)
    .set({ status: 'canceled', invoiceStatus: processingState('canceled'), finishedAt: now })
    .where(
      and(
        inArray(sandboxInvoices.status, sourcesOf('canceled')),
        lte(sandboxInvoices.expiresAt, now),
        uuids ? inArray(sandboxInvoices.uuid, uuids) : undefined,
      ),
    );
}

export async function createInvoice(input: CreateInvoiceRequest, locale: string | null, now = new Date()): Promise<SandboxInvoiceRow> {
  const { db } = await getSandboxDb();
  const amountUsd = fiatToUsd(input.amount, input.currency);
  const crypto = input.cryptocurrency ?? input.availableCurrencies?.[0] ?? DEFAULT_CRYPTO;
  // 36^8 ids make a collision unlikely; a clash just draws again.
  for (let tries = 0; tries < 5; tries++) {
    const uuid = newInvoiceUuid();
    const [row] = await db
      .insert(sandboxInvoices)
      .values({
        uuid,
        shopId: input.shopId,
        orderId: input.orderId,
        email: input.email,
        amountFiat: input.amount.toFixed(),
        fiatCurrency: input.currency,
        amountUsd: amountUsd.toFixed(),
        availableCurrencies: input.availableCurrencies,
        cryptoPreselected: input.cryptocurrency !== null,
        // The address exists once a crypto is chosen: preselected here, else on the pay page.
        address: input.cryptocurrency ? depositAddress(uuid, cryptoOf(crypto)) : '',
        locale,
        addFields: input.addFields,
        testMode: true,
        createdAt: now,
        expiresAt: new Date(now.getTime() + input.lifetimeMinutes * 60_000),
        ...quoteColumns(amountUsd, cryptoOf(crypto)),
      })
      .onConflictDoNothing()
      .returning();
    if (row) return row;
  }
  throw new Error('could not allocate a sandbox invoice id');
}

/**
 * Invoices by uuid (`INV-` form), in the order asked; unknown ones are left out. Only the invoices
 * asked about are expired here, and only when one is due: the info API's usual answer (one for
 * each postback) costs a single query.
 */
export async function findInvoices(uuids: string[], now = new Date()): Promise<SandboxInvoiceRow[]> {
  if (uuids.length === 0) return [];
  const { db } = await getSandboxDb();
  const read = () => db.select().from(sandboxInvoices).where(inArray(sandboxInvoices.uuid, uuids));
  let rows = await read();
  const due = rows.filter((r) => (OPEN_STATUSES as string[]).includes(r.status) && r.expiresAt <= now).map((r) => r.uuid);
  if (due.length > 0) {
    await expireDue(now, due);
    rows = await read();
  }
  const byUuid = new Map(rows.map((r) => [r.uuid, r]));
  return uuids.flatMap((u) => byUuid.get(u) ?? []);
}

export async function findInvoice(uuid: string): Promise<SandboxInvoiceRow | null> {
  return (await findInvoices([uuid]))[0] ?? null;
}

/** Move an invoice to `to` if its status allows it (and, when given, nothing was paid meanwhile). */
async function transition(
  uuid: string,
  to: SandboxInvoiceStatus,
  set: Partial<typeof sandboxInvoices.$inferInsert>,
  expectedPaid?: string,
): Promise<SandboxInvoiceRow | null> {
  const { db } = await getSandboxDb();
  const [row] = await db
    .update(sandboxInvoices)
    .set({ ...set, status: to, invoiceStatus: processingState(to) })
    .where(
      and(
        eq(sandboxInvoices.uuid, uuid),
        inArray(sandboxInvoices.status, sourcesOf(to)),
        expectedPaid === undefined ? undefined : eq(sandboxInvoices.amountPaid, expectedPaid),
      ),
    )
    .returning();
  return row ?? null;
}

/** Why an invoice action was refused: no such invoice, or its status (the invoice as it is) forbids it. */
export type InvoiceActionError = { kind: 'not-found' } | { kind: 'not-allowed'; invoice: SandboxInvoiceRow };
export type ActionResult = Result<{ invoice: SandboxInvoiceRow }, InvoiceActionError>;

/** API cancel: only a `created` invoice (nothing paid yet) can be canceled. */
export async function cancelInvoice(uuid: string, now = new Date()): Promise<ActionResult> {
  const current = await findInvoice(uuid);
  if (!current) return fail({ kind: 'not-found' });
  if (current.status !== 'created') return fail({ kind: 'not-allowed', invoice: current });
  const row = await transition(uuid, 'canceled', { finishedAt: now }, '0');
  return row ? ok({ invoice: row }) : fail({ kind: 'not-allowed', invoice: current });
}

/** Let an open invoice run out now: its expiry_date becomes now and it is canceled. */
export async function expireInvoice(uuid: string, now = new Date()): Promise<ActionResult> {
  const current = await findInvoice(uuid);
  if (!current) return fail({ kind: 'not-found' });
  const row = await transition(uuid, 'canceled', { finishedAt: now, expiresAt: now });
  return row ? ok({ invoice: row }) : fail({ kind: 'not-allowed', invoice: current });
}

/**
 * Simulate the buyer sending crypto: the rest of what is due (paid), half of it (partial) or 110 %
 * of it (overpaid). The resulting status follows from the total paid, so "paid" on a partial
 * invoice is the top-up.
 */
export async function payInvoice(uuid: string, outcome: PaymentOutcome, now = new Date()): Promise<ActionResult> {
  const current = await findInvoice(uuid);
  if (!current) return fail({ kind: 'not-found' });
  if (!(OPEN_STATUSES as string[]).includes(current.status)) return fail({ kind: 'not-allowed', invoice: current });
  const crypto = cryptoOf(current.cryptoCurrency);
  const toPay = new Decimal(current.amountToPay);
  const paidBefore = new Decimal(current.amountPaid);
  const sent = paymentAmount(outcome, toPay.sub(paidBefore), crypto);
  const paid = paidBefore.add(sent);
  const status = statusForPaid(paid, toPay);
  const row = await transition(
    uuid,
    status,
    {
      amountPaid: paid.toFixed(),
      amountPaidUsd: (status === 'paid' ? new Decimal(current.amountToPayUsd) : cryptoToUsd(paid, crypto)).toFixed(),
      address: current.address || depositAddress(uuid, crypto),
      txList: [...current.txList, fakeTxHash(crypto)],
      finishedAt: status === 'partial' ? null : now,
    },
    current.amountPaid,
  );
  return row ? ok({ invoice: row }) : fail({ kind: 'not-allowed', invoice: current });
}

/**
 * The buyer picks another crypto on the pay page: re-priced at the demo rate, new address. Only
 * before anything was paid, when the merchant did not preselect one, and within
 * `available_currencies` when the merchant restricted them.
 */
export async function selectCurrency(uuid: string, fullcode: string): Promise<ActionResult> {
  const current = await findInvoice(uuid);
  if (!current) return fail({ kind: 'not-found' });
  const allowed = current.availableCurrencies ?? null;
  if (current.status !== 'created' || current.cryptoPreselected || !findCrypto(fullcode) || (allowed && !allowed.includes(fullcode))) {
    return fail({ kind: 'not-allowed', invoice: current });
  }
  const { db } = await getSandboxDb();
  const [row] = await db
    .update(sandboxInvoices)
    .set({ ...quoteColumns(new Decimal(current.amountUsd), cryptoOf(fullcode)), address: depositAddress(uuid, cryptoOf(fullcode)) })
    .where(and(eq(sandboxInvoices.uuid, uuid), eq(sandboxInvoices.status, 'created'), eq(sandboxInvoices.amountPaid, '0')))
    .returning();
  return row ? ok({ invoice: row }) : fail({ kind: 'not-allowed', invoice: current });
}

const inPeriod = (p: Period) => and(gte(sandboxInvoices.createdAt, p.from), lt(sandboxInvoices.createdAt, p.until));

/** Invoices created in the period, newest first, with the total number of matches. */
export async function listInvoices(req: ListRequest): Promise<{ rows: SandboxInvoiceRow[]; total: number }> {
  await expireDue();
  const { db } = await getSandboxDb();
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(sandboxInvoices)
      .where(inPeriod(req))
      .orderBy(desc(sandboxInvoices.createdAt), asc(sandboxInvoices.uuid))
      .offset(req.offset)
      .limit(req.limit),
    db.select({ n: count() }).from(sandboxInvoices).where(inPeriod(req)),
  ]);
  return { rows, total: Number(total?.n ?? 0) };
}

export interface StatisticsTotals {
  count: Record<'all' | SandboxInvoiceStatus, number>;
  /** USD sums (decimal). */
  amount: Record<'all' | SandboxInvoiceStatus, Decimal>;
}

/** Count and USD amount of invoices created in the period, per status. */
export async function invoiceStatistics(period: Period): Promise<StatisticsTotals> {
  await expireDue();
  const { db } = await getSandboxDb();
  const rows = await db
    .select({
      status: sandboxInvoices.status,
      n: count(),
      usd: sql<string>`coalesce(sum(${sandboxInvoices.amountUsd}), 0)::text`,
    })
    .from(sandboxInvoices)
    .where(inPeriod(period))
    .groupBy(sandboxInvoices.status);
  const zeroCounts = Object.fromEntries(['all', ...INVOICE_STATUSES].map((s) => [s, 0])) as StatisticsTotals['count'];
  const zeroAmounts = Object.fromEntries(['all', ...INVOICE_STATUSES].map((s) => [s, new Decimal(0)])) as StatisticsTotals['amount'];
  for (const r of rows) {
    const status = r.status as SandboxInvoiceStatus;
    zeroCounts[status] += Number(r.n);
    zeroCounts.all += Number(r.n);
    zeroAmounts[status] = zeroAmounts[status].add(r.usd);
    zeroAmounts.all = zeroAmounts.all.add(r.usd);
  }
  return { count: zeroCounts, amount: zeroAmounts };
}

export type PostbackAttemptRow = typeof sandboxPostbacks.$inferSelect;

export async function recordPostbackAttempt(values: typeof sandboxPostbacks.$inferInsert): Promise<void> {
  const { db } = await getSandboxDb();
  await db.insert(sandboxPostbacks).values(values);
}

/** Delivery attempts of an invoice's postbacks, oldest first. */
export async function postbackAttempts(uuid: string): Promise<PostbackAttemptRow[]> {
  const { db } = await getSandboxDb();
  return db
    .select()
    .from(sandboxPostbacks)
    .where(eq(sandboxPostbacks.invoiceUuid, uuid))
    .orderBy(asc(sandboxPostbacks.createdAt), asc(sandboxPostbacks.id));
}
