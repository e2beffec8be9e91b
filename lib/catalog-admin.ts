import 'server-only';
import { and, asc, eq, ne } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { auditLog, DELIVERABLES, PRODUCT_KINDS, products, productVariants, type Deliverable, type ProductKind } from '@/db/schema';
import type { Admin } from '@/lib/auth';
import { productColumns, productVariantsOf, type VariantView } from '@/lib/catalog';
import { env } from '@/lib/env';
import { fileStorage, isFileKey } from '@/lib/fulfilment';
import { minorUnitDigits, parseMoneyInput } from '@/lib/money';
import { fail, ok, type Result } from '@/lib/result';

// The merchant's side of the catalog: create and edit products, each change audited.

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const optionalText = (max: number, message: string) =>
  z
    .string()
    .trim()
    .max(max, message)
    .optional()
    .transform((v) => v || undefined);

/** The product form's fields, before the rules that tie kind, deliverable and file together. */
const stockField = z
  .string()
  .trim()
  .regex(/^\d{1,7}$/, 'Enter how many are in stock, as a whole number.')
  .transform(Number)
  .pipe(z.number().max(1_000_000, 'At most 1,000,000.'));

const priceField = z.string().transform((value, ctx) => {
  const currency = env().SHOP_CURRENCY;
  const minor = parseMoneyInput(value, currency);
  if (minor === null) {
    const digits = minorUnitDigits(currency);
    ctx.addIssue({
      code: 'custom',
      message:
        digits > 0
          ? `Enter the price in ${currency} with at most ${digits} decimals, like 12.50.`
          : `Enter the price in ${currency} as a whole number.`,
    });
    return z.NEVER;
  }
  return minor;
});

const productFields = z.object({
  name: z.string().trim().min(1, 'Enter a name.').max(120, 'Keep the name under 120 characters.'),
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .min(1, 'Enter the address name, like node-runner-mug.')
    .max(100, 'Keep it under 100 characters.')
    .regex(SLUG, 'Use lower-case letters, digits and single hyphens, like node-runner-mug.'),
  description: z.string().trim().min(1, 'Enter a description.').max(5_000, 'Keep the description under 5,000 characters.'),
  price: priceField,
  stock: stockField,
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
  kind: z.enum(PRODUCT_KINDS, { error: 'Choose physical or digital.' }).default('physical'),
  deliverable: z.enum(DELIVERABLES, { error: 'Choose what the product delivers.' }).optional(),
  fileKey: optionalText(300, 'Keep the file name under 300 characters.'),
  fileName: optionalText(200, 'Keep the download name under 200 characters.'),
});

/** A digital product delivers a file (named in storage, saved under a name) or license keys. */
function kindRules(v: z.output<typeof productFields>, ctx: z.RefinementCtx) {
  if (v.kind !== 'digital') return;
  if (!v.deliverable) ctx.addIssue({ code: 'custom', path: ['deliverable'], message: 'Choose what the product delivers.' });
  if (v.deliverable !== 'file') return;
  if (!v.fileKey)
    ctx.addIssue({ code: 'custom', path: ['fileKey'], message: 'Name the file in the storage folder, like field-guide.pdf.' });
  else if (!isFileKey(v.fileKey)) {
    ctx.addIssue({
      code: 'custom',
      path: ['fileKey'],
      message: 'Use the file’s name in the storage folder: letters, digits, dots and dashes (folders with /).',
    });
  }
  if (!v.fileName) ctx.addIssue({ code: 'custom', path: ['fileName'], message: 'Enter the name the buyer’s download is saved under.' });
}

/** A product form as typed; the price is read in the shop's currency, exactly. */
export const productInputSchema = productFields.superRefine(kindRules);
/** The edit form: the same, plus the product's id. */
export const productUpdateSchema = productFields
  .extend({
    id: z
      .string()
      .regex(/^\d{1,9}$/, 'This form is out of date. Reload the page.')
      .transform(Number),
  })
  .superRefine(kindRules);
export type ProductInput = z.output<typeof productInputSchema>;

/** The form's values as product columns, priced in the shop's currency. */
const toColumns = ({ price, kind, deliverable, fileKey, fileName, ...rest }: ProductInput) => {
  const file = kind === 'digital' && deliverable === 'file';
  return {
    ...rest,
    priceMinor: price,
    currency: env().SHOP_CURRENCY,
    kind,
    deliverable: kind === 'digital' ? (deliverable ?? null) : null,
    fileKey: file ? (fileKey ?? null) : null,
    fileName: file ? (fileName ?? null) : null,
  };
};

/** A file product's file must be in storage, or every buyer would get a broken link. */
async function missingFile(input: ProductInput): Promise<ProductError | null> {
  const { fileKey } = toColumns(input);
  if (!fileKey || (await fileStorage().open(fileKey))) return null;
  return { kind: 'file-missing', message: `There is no file ${fileKey} in the storage (${fileStorage().name}). Put it there first.` };
}

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
  kind: ProductKind;
  deliverable: Deliverable | null;
  fileKey: string | null;
  fileName: string | null;
}

const columns = {
  ...productColumns,
  active: products.active,
  updatedAt: products.updatedAt,
  fileKey: products.fileKey,
  fileName: products.fileName,
};

export async function listAllProducts(): Promise<AdminProduct[]> {
  const { db } = await getDb();
  return db.select(columns).from(products).orderBy(asc(products.id));
}

export async function getProduct(id: number): Promise<AdminProduct | null> {
  const { db } = await getDb();
  const [row] = await db.select(columns).from(products).where(eq(products.id, id));
  return row ?? null;
}

export type ProductError = { kind: 'slug-taken' | 'not-found' | 'file-missing'; message: string };
const SLUG_TAKEN = fail({ kind: 'slug-taken' as const, message: 'Another product already uses this address name.' });

export async function createProduct(admin: Admin, input: ProductInput): Promise<Result<{ id: number; slug: string }, ProductError>> {
  const noFile = await missingFile(input);
  if (noFile) return fail(noFile);
  const { db } = await getDb();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(products)
      .values(toColumns(input))
      .onConflictDoNothing({ target: products.slug })
      .returning({ id: products.id, slug: products.slug });
    if (!row) return SLUG_TAKEN;
    await tx.insert(auditLog).values({
      actorId: admin.id,
      actorEmail: admin.email,
      action: 'product.create',
      subjectType: 'product',
      subjectId: String(row.id),
      detail: { ...input },
    });
    return ok(row);
  });
}

/** Save a product; the audit entry lists each changed field as [before, after]. */
export async function updateProduct(
  admin: Admin,
  id: number,
  input: ProductInput,
): Promise<Result<{ slug: string; previousSlug: string; changed: string[] }, ProductError>> {
  const noFile = await missingFile(input);
  if (noFile) return fail(noFile);
  const { db } = await getDb();
  return db.transaction(async (tx) => {
    const [before] = await tx.select(columns).from(products).where(eq(products.id, id)).for('update');
    if (!before) return fail({ kind: 'not-found' as const, message: 'There is no such product.' });
    const [clash] = await tx
      .select({ id: products.id })
      .from(products)
      .where(and(eq(products.slug, input.slug), ne(products.id, id)));
    if (clash) return SLUG_TAKEN;
    const after = toColumns(input);
    // A product with variants has their stock together (a trigger keeps it): it is edited per variant.
    const [variant] = await tx.select({ id: productVariants.id }).from(productVariants).where(eq(productVariants.productId, id)).limit(1);
    if (variant) after.stock = before.stock;
    const changes = Object.fromEntries(
      (Object.keys(after) as Array<keyof typeof after>).filter((k) => before[k] !== after[k]).map((k) => [k, [before[k], after[k]]]),
    );
    const changed = Object.keys(changes);
    if (changed.length > 0) {
      await tx
        .update(products)
        .set({ ...after, updatedAt: new Date() })
        .where(eq(products.id, id));
      await tx.insert(auditLog).values({
        actorId: admin.id,
        actorEmail: admin.email,
        action: 'product.update',
        subjectType: 'product',
        subjectId: String(id),
        detail: changes,
      });
    }
    return ok({ slug: after.slug, previousSlug: before.slug, changed });
  });
}

/** A variant's row in the product editor: its stock, and its own price or empty for the product's. */
export const variantUpdateSchema = z.object({
  variantId: z
    .string()
    .regex(/^\d{1,9}$/, 'This form is out of date. Reload the page.')
    .transform(Number),
  stock: stockField,
  price: z
    .string()
    .trim()
    .transform((v) => v || undefined)
    .pipe(priceField.optional())
    .transform((v) => v ?? null),
});
export type VariantUpdate = z.output<typeof variantUpdateSchema>;

/** A product's options and variants for the editor (prices as the variants' own, null: the product's). */
export async function adminVariants(product: AdminProduct): Promise<Array<VariantView & { ownPriceMinor: number | null }>> {
  const { db } = await getDb();
  const { variants } = await productVariantsOf(product.id, product.priceMinor);
  const own = await db
    .select({ id: productVariants.id, priceMinor: productVariants.priceMinor })
    .from(productVariants)
    .where(eq(productVariants.productId, product.id));
  return variants.map((v) => ({ ...v, ownPriceMinor: own.find((o) => o.id === v.id)?.priceMinor ?? null }));
}

/**
 * Set a variant's stock and price. Only the variant row is locked and written (the stock trigger
 * then moves the product's stock by the difference), the order checkout's decrement takes too, so
 * an edit and a checkout never deadlock. The audit entry names the SKU and each change.
 */
export async function updateVariant(
  admin: Admin,
  input: VariantUpdate,
): Promise<Result<{ productId: number; slug: string; sku: string; changed: string[] }, { kind: 'not-found'; message: string }>> {
  const { db } = await getDb();
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select({
        productId: productVariants.productId,
        sku: productVariants.sku,
        stock: productVariants.stock,
        priceMinor: productVariants.priceMinor,
      })
      .from(productVariants)
      .where(eq(productVariants.id, input.variantId))
      .for('update');
    if (!before) return fail({ kind: 'not-found' as const, message: 'There is no such variant. Reload the page.' });
    const changes: Record<string, [unknown, unknown]> = {};
    if (before.stock !== input.stock) changes.stock = [before.stock, input.stock];
    if (before.priceMinor !== input.price) changes.priceMinor = [before.priceMinor, input.price];
    const changed = Object.keys(changes);
    if (changed.length > 0) {
      await tx
        .update(productVariants)
        .set({ stock: input.stock, priceMinor: input.price, updatedAt: new Date() })
        .where(eq(productVariants.id, input.variantId));
      await tx.insert(auditLog).values({
        actorId: admin.id,
        actorEmail: admin.email,
        action: 'product.variant.update',
        subjectType: 'product',
        subjectId: String(before.productId),
        detail: { sku: before.sku, ...changes },
      });
    }
    const [p] = await tx.select({ slug: products.slug }).from(products).where(eq(products.id, before.productId));
    return ok({ productId: before.productId, slug: p?.slug ?? '', sku: before.sku, changed });
  });
}
