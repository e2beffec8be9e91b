import 'server-only';
import Decimal from 'decimal.js';
import { z } from 'zod';
import { FIAT_CURRENCIES, isFiatCurrency, type FiatCurrency } from '@/lib/currencies';
import { normalizeInvoiceUuid } from '@/lib/cryptocloud';
import { fail, ok, type Result } from '@/lib/result';
import { findCrypto } from './catalog';

// Request bodies of the emulated API, checked with zod and reported with the real API's own
// messages (docs/cryptocloud.md §2.4, §3.2). Messages the docs do not give follow the same
// "<field> not passed." / "Invalid value <field>." pattern and are sandbox-specific.

/** A refused request body: the per-field messages the emulated API answers with. */
export type ValidationError = { kind: 'invalid'; errors: Record<string, string> };
export type Validated<T> = Result<T, ValidationError>;

const rejected = (errors: Record<string, string>) => fail<ValidationError>({ kind: 'invalid', errors });

const notPassed = (field: string) => `${field} not passed.`;
const invalid = (field: string) => `Invalid value ${field}.`;

export const INVALID_CURRENCY_MESSAGE = `Invalid account currency specified. Available currencies ${FIAT_CURRENCIES.map((c) => `'${c}'`).join(', ')}.`;
export const MAX_INFO_UUIDS = 100;

const present = (v: unknown) => v !== undefined && v !== null && v !== '';

// Fits numeric(38,18) with room for fees; the real minimum is undocumented, so any positive amount passes.
const amountSchema = z
  .union([
    z.number(),
    z
      .string()
      .trim()
      .regex(/^\d+(\.\d+)?$/),
  ])
  .transform((v) => new Decimal(v))
  .refine((d) => d.isFinite() && d.gt(0) && d.lt('1e12') && d.decimalPlaces() <= 18);

const idSchema = z.union([z.string(), z.number()]).transform((v) => String(v));

const timeToPaySchema = z
  .object({ hours: z.number().int().min(0).optional(), minutes: z.number().int().min(0).optional() })
  .transform(({ hours = 0, minutes = 0 }) => hours * 60 + minutes)
  .refine((total) => total >= 1 && total <= 30 * 24 * 60);

const cryptoCode = z.string().refine((c) => findCrypto(c) !== undefined);

const addFieldsSchema = z.looseObject({
  time_to_pay: timeToPaySchema.optional(),
  available_currencies: z.array(cryptoCode).min(1).optional(),
  cryptocurrency: cryptoCode.optional(),
  email_to_send: z.string().optional(),
});

export interface CreateInvoiceRequest {
  shopId: string;
  amount: Decimal;
  currency: FiatCurrency;
  orderId: string | null;
  email: string | null;
  /** Invoice lifetime; 24 h when `add_fields.time_to_pay` is absent. */
  lifetimeMinutes: number;
  availableCurrencies: string[] | null;
  cryptocurrency: string | null;
  addFields: Record<string, unknown> | null;
}

/** Body of `invoice/create`. `expectedShopId` is the sandbox project's SHOP ID. */
export function parseCreateInvoice(body: Record<string, unknown>, expectedShopId: string): Validated<CreateInvoiceRequest> {
  const errors: Record<string, string> = {};
  if (!present(body.amount)) errors.amount = notPassed('amount');
  if (!present(body.shop_id)) errors.shop_id = notPassed('shop_id');
  if (Object.keys(errors).length) return rejected(errors);

  // Sandbox-specific: the real message for a foreign shop_id is undocumented.
  const shopId = z.string().safeParse(body.shop_id);
  if (!shopId.success || shopId.data !== expectedShopId) errors.shop_id = 'Invalid shop_id.';
  const amount = amountSchema.safeParse(body.amount);
  if (!amount.success) errors.amount = invalid('amount');
  const currency = body.currency === undefined || body.currency === null ? 'USD' : body.currency;
  if (typeof currency !== 'string' || !isFiatCurrency(currency)) errors.currency = INVALID_CURRENCY_MESSAGE;
  const orderId = idSchema.nullable().optional().safeParse(body.order_id);
  if (!orderId.success) errors.order_id = invalid('order_id');
  const email = z.string().nullable().optional().safeParse(body.email);
  if (!email.success) errors.email = invalid('email');

  let add: z.infer<typeof addFieldsSchema> | null = null;
  if (body.add_fields !== undefined && body.add_fields !== null) {
    const parsed = addFieldsSchema.safeParse(body.add_fields);
    if (parsed.success) add = parsed.data;
    else {
      const field = parsed.error.issues[0]?.path[0];
      const name = typeof field === 'string' ? field : 'add_fields';
      errors[name] = invalid(name);
    }
  }
  if (add?.cryptocurrency && add.available_currencies && !add.available_currencies.includes(add.cryptocurrency)) {
    errors.cryptocurrency = invalid('cryptocurrency');
  }
  if (Object.keys(errors).length || !amount.success || !orderId.success || !email.success || !shopId.success) {
    return rejected(errors);
  }
  return ok({
    shopId: shopId.data,
    amount: amount.data,
    currency: currency as FiatCurrency,
    orderId: orderId.data ?? null,
    email: email.data ?? null,
    lifetimeMinutes: add?.time_to_pay ?? 24 * 60,
    availableCurrencies: add?.available_currencies ? [...new Set(add.available_currencies)] : null,
    cryptocurrency: add?.cryptocurrency ?? null,
    addFields: body.add_fields && typeof body.add_fields === 'object' ? (body.add_fields as Record<string, unknown>) : null,
  });
}

/**
 * Body of `merchant/info`: ids with or without `INV-`, at most 100. Ids that are not invoice ids
 * are ignored like unknown ones (absent from the answer).
 */
export function parseInfo(body: Record<string, unknown>): Validated<string[]> {
  const uuids = z.array(z.unknown()).safeParse(body.uuids);
  if (!uuids.success || uuids.data.length === 0) return rejected({ validate_error: 'uuids is required' });
  if (uuids.data.length > MAX_INFO_UUIDS) return rejected({ validate_error: 'Max 100 uuids' });
  const normalized = uuids.data.map(normalizeInvoiceUuid).filter((u): u is string => u !== null);
  return ok([...new Set(normalized)]);
}

/** Body of `merchant/canceled`; `null` uuid means "well-formed but cannot be an invoice id". */
export function parseCancel(body: Record<string, unknown>): Validated<string | null> {
  const uuid = idSchema.safeParse(body.uuid);
  if (!uuid.success || uuid.data.trim() === '') return rejected({ validate_error: 'uuid is required' });
  return ok(normalizeInvoiceUuid(uuid.data));
}

const DAY = /^(\d{2})\.(\d{2})\.(\d{4})$/;

function parseDay(value: unknown): Date | null {
  if (typeof value !== 'string') return null;
  const m = DAY.exec(value.trim());
  if (!m) return null;
  const [, d, mo, y] = m.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCDate() === d && date.getUTCMonth() === mo - 1 ? date : null;
}

export interface Period {
  /** Inclusive UTC day range, as [from, untilExclusive). */
  from: Date;
  until: Date;
}

export interface ListRequest extends Period {
  offset: number;
  limit: number;
}

/** `start` and `end` as `dd.mm.yyyy` (list and statistics); the range includes both days. */
export function parsePeriod(body: Record<string, unknown>): Validated<Period> {
  const errors: Record<string, string> = {};
  if (!present(body.start)) errors.start = notPassed('start');
  if (!present(body.end)) errors.end = notPassed('end');
  if (Object.keys(errors).length) return rejected(errors);
  const from = parseDay(body.start);
  const end = parseDay(body.end);
  if (!from) errors.start = invalid('start');
  if (!end || (from && end < from)) errors.end = invalid('end');
  if (!from || !end || Object.keys(errors).length) return rejected(errors);
  return ok({ from, until: new Date(end.getTime() + 86_400_000) });
}

const pageNumber = z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]).pipe(z.number().int().min(0));

/** List paging: `offset` (default 0) and `limit`, read as a count (default 10, at most 100). */
export function parseList(body: Record<string, unknown>): Validated<ListRequest> {
  const period = parsePeriod(body);
  const errors: Record<string, string> = period.ok ? {} : { ...period.error.errors };
  const offset = pageNumber.optional().safeParse(body.offset ?? undefined);
  const limit = pageNumber
    .pipe(z.number().max(100))
    .optional()
    .safeParse(body.limit ?? undefined);
  if (!offset.success) errors.offset = invalid('offset');
  if (!limit.success) errors.limit = invalid('limit');
  if (!period.ok || !offset.success || !limit.success) return rejected(errors);
  return ok({ ...period.value, offset: offset.data ?? 0, limit: limit.data ?? 10 });
}

export interface StaticWalletRequest {
  currency: string;
  identify: string;
}

/** Body of `invoice/static/create`. */
export function parseStaticWallet(body: Record<string, unknown>, expectedShopId: string): Validated<StaticWalletRequest> {
  const errors: Record<string, string> = {};
  for (const field of ['shop_id', 'currency', 'identify'] as const) {
    if (!present(body[field])) errors[field] = notPassed(field);
  }
  if (Object.keys(errors).length) return rejected(errors);
  if (body.shop_id !== expectedShopId) errors.shop_id = 'Invalid shop_id.';
  const currency = cryptoCode.safeParse(body.currency);
  if (!currency.success) errors.currency = invalid('currency');
  const identify = idSchema.safeParse(body.identify);
  if (!identify.success) errors.identify = invalid('identify');
  if (!currency.success || !identify.success || Object.keys(errors).length) return rejected(errors);
  return ok({ currency: currency.data, identify: identify.data });
}
