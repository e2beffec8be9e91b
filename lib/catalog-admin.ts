import 'server-only';
import { and, asc, desc, eq, ne } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { auditLog, products } from '@/db/schema';
import type { Admin } from '@/lib/auth';
import { productColumns } from '@/lib/catalog';
import { env } from '@/lib/env';
import { minorUnitDigits, parseMoneyInput } from '@/lib/money';
import { fail, ok, type Result } from '@/lib/result';

// The merchant's side of the catalog: create and edit products, each change audited.

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A product form as typed; the price is read in the shop's currency, exactly. */
export const productInputSchema = z.object({
  name: z.string().trim().min(1, 'Enter a name.').max(120, 'Keep the name under 120 characters.'),
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .min(1, 'Enter the address name, like node-runner-mug.')
    .max(100, 'Keep it under 100 characters.')
    .regex(SLUG, 'Use lower-case letters, digits and single hyphens, like node-runner-mug.'),
  description: z.string().trim().min(1, 'Enter a description.').max(5_000, 'Keep the description under 5,000 characters.'),
  price: z.string().transform((value, ctx) => {
    const currency = env().SHOP_CURRENCY;
    const minor = parseMoneyInput(value, currency);
    if (minor === null) {
      const digits = minorUnitDigits(currency);
      ctx.addIssue({
        code: 'custom',
        message: digits > 0 ? `Enter the price in ${currency} with at most ${digits} decimals, like 12.50.` : `Enter the price in ${currency} as a whole number.`,
      });
      return z.NEVER;
    }
    return minor;
  }),
  stock: z
    .string()
    .trim()
    .regex(/^\d{1,7}$/, 'Enter how many are in stock, as a whole number.')
    .transform(Number)
    .pipe(z.number().max(1_000_000, 'At most 1,000,000.')),
  active: z
    .literal('on')
    .optional()
    .transform((v) => v === 'on'),
  image: z
    .string()
    .trim()
    .max(2_000, 'That address is too long.')
    .refine((v) => (v.startsWith('/') && !v.startsWith('//') && !v.startsWith('/\\')) || /^https:\/\/[^\s/]+\/\S*$/.test(v), {
      message: 'Enter a path on this shop (/products/mug.svg) or an https:// address.',
    }),
});
export type ProductInput = z.output<typeof productInputSchema>;

/** The form's values as product columns, priced in the shop's currency. */
const toColumns = ({ price, ...rest }: ProductInput) => ({ ...rest, priceMinor: price, currency: env().SHOP_CURRENCY });

export interface AdminProduct {
  id: number;
  slug: string;
  name: string;
  description: string;
  image: string;
  priceMinor: number;
  currency: string;
  stock: number;
  active: boolean;
  updatedAt: Date;
}

const columns = { ...productColumns, active: products.active, updatedAt: products.updatedAt };

export async function listAllProducts(): Promise<AdminProduct[]> {
  const { db } = await getDb();
  return db.select(columns).from(products).orderBy(asc(products.id));
}

export async function getProduct(id: number): Promise<AdminProduct | null> {
  const { db } = await getDb();
  const [row] = await db.select(columns).from(products).where(eq(products.id, id));
  return row ?? null;
}

/** The product's audit trail, newest first. */
export async function productHistory(id: number) {
  const { db } = await getDb();
  return db
    .select({ id: auditLog.id, action: auditLog.action, actorEmail: auditLog.actorEmail, detail: auditLog.detail, at: auditLog.createdAt })
    .from(auditLog)
    .where(and(eq(auditLog.subjectType, 'product'), eq(auditLog.subjectId, String(id))))
    .orderBy(desc(auditLog.id))
    .limit(50);
}

export type ProductError = { kind: 'slug-taken' | 'not-found'; message: string };
const SLUG_TAKEN = fail({ kind: 'slug-taken' as const, message: 'Another product already uses this address name.' });

export async function createProduct(admin: Admin, input: ProductInput): Promise<Result<{ id: number; slug: string }, ProductError>> {
  const { db } = await getDb();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(products)
      .values(toColumns(input))
      .onConflictDoNothing({ target: products.slug })
      .returning({ id: products.id, slug: products.slug });
    if (!row) return SLUG_TAKEN;
    await tx.insert(auditLog).values({ actorId: admin.id, actorEmail: admin.email, action: 'product.create', subjectType: 'product', subjectId: String(row.id), detail: { ...input } });
    return ok(row);
  });
}

/** Save a product; the audit entry lists each changed field as [before, after]. */
export async function updateProduct(
  admin: Admin,
  id: number,
  input: ProductInput,
): Promise<Result<{ slug: string; previousSlug: string; changed: string[] }, ProductError>> {
  const { db } = await getDb();
  return db.transaction(async (tx) => {
    const [before] = await tx.select(columns).from(products).where(eq(products.id, id)).for('update');
    if (!before) return fail({ kind: 'not-found' as const, message: 'There is no such product.' });
    const [clash] = await tx.select({ id: products.id }).from(products).where(and(eq(products.slug, input.slug), ne(products.id, id)));
    if (clash) return SLUG_TAKEN;
    const after = toColumns(input);
    const changes = Object.fromEntries(
      (Object.keys(after) as Array<keyof typeof after>).filter((k) => before[k] !== after[k]).map((k) => [k, [before[k], after[k]]]),
    );
    const changed = Object.keys(changes);
    if (changed.length > 0) {
      await tx.update(products).set({ ...after, updatedAt: new Date() }).where(eq(products.id, id));
      await tx.insert(auditLog).values({ actorId: admin.id, actorEmail: admin.email, action: 'product.update', subjectType: 'product', subjectId: String(id), detail: changes });
    }
    return ok({ slug: after.slug, previousSlug: before.slug, changed });
  });
}
