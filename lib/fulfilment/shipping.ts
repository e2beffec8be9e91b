import 'server-only';
import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { auditLog, shippingOptions, type ShippingAddress } from '@/db/schema';
import type { Tx } from '@/db/types';
import type { Admin } from '@/lib/auth';
import { env } from '@/lib/env';
import { formatMoney, minorUnitDigits, parseMoneyInput } from '@/lib/money';
import { fail, ok, type Result } from '@/lib/result';
import { DEFAULT_LOCALE, type Locale } from '@/i18n/routing';
import { refusalWriter } from '@/lib/i18n/refusals';
import { localizedShippingNames } from '@/lib/translations';
import { countryName, isCountryCode } from './countries';

// Shipping: the address form's rules, the options the merchant edits, and the price an order pays,
// always read from the database at checkout (never from the form).

const required = (max: number, missing: string, tooLong: string) => z.string({ error: missing }).trim().min(1, missing).max(max, tooLong);
const optional = (max: number, tooLong: string) =>
  z
    .string()
    .trim()
    .max(max, tooLong)
    .optional()
    .transform((v) => v || null);

/** The checkout form's shipping fields, as named in the form. */
export const shippingFormSchema = z.object({
  shipName: required(100, 'Enter the name of the person receiving the parcel.', 'Keep the name under 100 characters.'),
  shipLine1: required(200, 'Enter the street and house number.', 'Keep this line under 200 characters.'),
  shipLine2: optional(200, 'Keep this line under 200 characters.'),
  shipCity: required(100, 'Enter the town or city.', 'Keep the city under 100 characters.'),
  shipPostalCode: z
    .string({ error: 'Enter the postal code.' })
    .trim()
    .min(1, 'Enter the postal code.')
    .max(20, 'Keep the postal code under 20 characters.')
    .regex(/^[A-Za-z0-9][A-Za-z0-9 -]*$/, 'Use letters, digits, spaces and dashes only, like 10115 or SW1A 1AA.'),
  shipRegion: optional(100, 'Keep the region under 100 characters.'),
  shipCountry: z
    .string({ error: 'Choose the country from the list.' })
    .trim()
    .toUpperCase()
    .refine(isCountryCode, 'Choose the country from the list.'),
  shippingOptionId: z
    .string({ error: 'Choose how to ship your order.' })
    .regex(/^\d{1,9}$/, 'Choose how to ship your order.')
    .transform(Number),
});
export const SHIPPING_FIELDS = Object.keys(shippingFormSchema.shape) as Array<keyof typeof shippingFormSchema.shape>;

/** What checkout needs: where to, and which option (its price is looked up, not taken from here). */
export interface ShippingChoice {
  address: ShippingAddress;
  optionId: number;
}

export function toShippingChoice(v: z.output<typeof shippingFormSchema>): ShippingChoice {
  return {
    address: {
      name: v.shipName,
      line1: v.shipLine1,
      line2: v.shipLine2,
      city: v.shipCity,
      postalCode: v.shipPostalCode,
      region: v.shipRegion,
      country: v.shipCountry,
    },
    optionId: v.shippingOptionId,
  };
}

/** An address as printed on a label and in emails. */
export function addressLines(a: ShippingAddress): string[] {
  return [a.name, a.line1, a.line2, [a.postalCode, a.city].join(' '), a.region, countryName(a.country)].filter((l): l is string => !!l);
}

export interface ShippingOption {
  id: number;
  name: string;
  countries: string[];
  priceMinor: number;
  currency: string;
  freeAboveMinor: number | null;
  active: boolean;
  sortOrder: number;
}

const ships = (countries: string[], country: string) => countries.includes('*') || countries.includes(country);

/** Options on offer, in the merchant's order (the checkout form lists them). */
export async function listShippingOptions(options: { all?: boolean } = {}): Promise<ShippingOption[]> {
  const { db } = await getDb();
  return db
    .select({
      id: shippingOptions.id,
      name: shippingOptions.name,
      countries: shippingOptions.countries,
      priceMinor: shippingOptions.priceMinor,
      currency: shippingOptions.currency,
      freeAboveMinor: shippingOptions.freeAboveMinor,
      active: shippingOptions.active,
      sortOrder: shippingOptions.sortOrder,
    })
    .from(shippingOptions)
    .where(options.all ? undefined : eq(shippingOptions.active, true))
    .orderBy(asc(shippingOptions.sortOrder), asc(shippingOptions.id));
}

/** "Germany, France, …" or "everywhere", for the form and the back office. */
export function describeCountries(countries: string[]): string {
  if (countries.includes('*')) return 'everywhere';
  const named = countries.map((c) => countryName(c));
  return named.length > 6 ? `${named.slice(0, 6).join(', ')} and ${named.length - 6} more` : named.join(', ');
}

/** The option's price for display: "$6.00, free from $100.00". */
export function describePrice(o: Pick<ShippingOption, 'priceMinor' | 'currency' | 'freeAboveMinor'>): string {
  const price = o.priceMinor === 0 ? 'free' : formatMoney(o.priceMinor, o.currency);
  return o.freeAboveMinor !== null && o.priceMinor > 0 ? `${price}, free from ${formatMoney(o.freeAboveMinor, o.currency)}` : price;
}

export type QuoteError = { field: 'shippingOptionId'; message: string };

/**
 * The shipping line of an order, inside its checkout transaction: the option must be on offer, in
 * the order's currency, and ship to the country; its price is the option's flat price, or nothing
 * once the subtotal reaches its free-shipping threshold.
 */
export async function quoteShipping(
  tx: Tx,
  choice: ShippingChoice,
  subtotalMinor: number,
  currency: string,
  locale: Locale = DEFAULT_LOCALE,
): Promise<Result<{ optionId: number; name: string; priceMinor: number }, QuoteError>> {
  const [o] = await tx
    .select()
    .from(shippingOptions)
    .where(and(eq(shippingOptions.id, choice.optionId), eq(shippingOptions.active, true)));
  if (!o || o.currency !== currency) return fail({ field: 'shippingOptionId', message: (await refusalWriter(locale)).t('optionGone') });
  if (!ships(o.countries, choice.address.country)) {
    // Named in the buyer's language: the option's translation and the country's name.
    const [{ t }, names] = await Promise.all([
      refusalWriter(locale),
      locale === DEFAULT_LOCALE ? null : localizedShippingNames(tx, [o.id], locale),
    ]);
    const option = names?.get(o.id) ?? o.name;
    return fail({ field: 'shippingOptionId', message: t('noShipTo', { option, country: countryName(choice.address.country, locale) }) });
  }
  const free = o.freeAboveMinor !== null && subtotalMinor >= o.freeAboveMinor;
  return ok({ optionId: o.id, name: o.name, priceMinor: free ? 0 : o.priceMinor });
}

// ---- The back office: options are created and edited there ----

const money = (what: string) =>
  z.string().transform((value, ctx) => {
    const currency = env().SHOP_CURRENCY;
    const minor = parseMoneyInput(value, currency);
    if (minor === null) {
      const digits = minorUnitDigits(currency);
      ctx.addIssue({ code: 'custom', message: `Enter ${what} in ${currency}${digits > 0 ? `, like 6.50` : ' as a whole number'}.` });
      return z.NEVER;
    }
    return minor;
  });

/** The shipping option form as typed. */
export const shippingOptionInputSchema = z.object({
  name: z.string().trim().min(1, 'Enter a name, like Standard (EU).').max(80, 'Keep the name under 80 characters.'),
  countries: z
    .string()
    .max(2_000, 'That list is too long.')
    .transform((v) => [
      ...new Set(
        v
          .toUpperCase()
          .split(/[\s,;]+/)
          .filter(Boolean),
      ),
    ])
    .pipe(
      z
        .array(z.string())
        .min(1, 'List the country codes it ships to (DE, FR, US), or * for everywhere.')
        .refine(
          (codes) => codes.every((c) => c === '*' || isCountryCode(c)),
          'Use two-letter country codes (DE, FR, US), or * for everywhere.',
        ),
    ),
  price: money('the price'),
  freeAbove: z
    .string()
    .optional()
    .transform((v) => (v?.trim() ? v : undefined))
    .pipe(money('the free-shipping threshold').optional()),
  sortOrder: z
    .string()
    .trim()
    .regex(/^\d{1,4}$/, 'Enter a position, like 10.')
    .transform(Number),
  active: z
    .literal('on')
    .optional()
    .transform((v) => v === 'on'),
});
export type ShippingOptionInput = z.output<typeof shippingOptionInputSchema>;

/** Create (no id) or update a shipping option, audited. */
export async function saveShippingOption(
  admin: Admin,
  id: number | null,
  input: ShippingOptionInput,
): Promise<Result<{ id: number }, { kind: 'not-found'; message: string }>> {
  const values = {
    name: input.name,
    countries: input.countries,
    priceMinor: input.price,
    currency: env().SHOP_CURRENCY,
    freeAboveMinor: input.freeAbove ?? null,
    sortOrder: input.sortOrder,
    active: input.active,
    updatedAt: new Date(),
  };
  const { db } = await getDb();
  return db.transaction(async (tx) => {
    const [row] = id
      ? await tx.update(shippingOptions).set(values).where(eq(shippingOptions.id, id)).returning({ id: shippingOptions.id })
      : await tx.insert(shippingOptions).values(values).returning({ id: shippingOptions.id });
    if (!row) return fail({ kind: 'not-found' as const, message: 'There is no such shipping option.' });
    await tx.insert(auditLog).values({
      actorId: admin.id,
      actorEmail: admin.email,
      action: id ? 'shipping_option.update' : 'shipping_option.create',
      subjectType: 'shipping_option',
      subjectId: String(row.id),
      detail: { ...values, updatedAt: undefined },
    });
    return ok(row);
  });
}
