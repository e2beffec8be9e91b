import 'server-only';
import { and, asc, desc, eq, ne, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import {
  productCollections,
  productImages,
  productOptions,
  products,
  productVariants,
  type Deliverable,
  type ProductKind,
} from '@/db/schema';
import { variantLabel } from '@/lib/variants';

/** What pages may see of a product (no internal timestamps). */
export interface ProductView {
  id: number;
  slug: string;
  name: string;
  description: string;
  image: string;
  priceMinor: number;
  currency: string;
  stock: number;
  kind: ProductKind;
  deliverable: Deliverable | null;
}

/** The columns of a product as the storefront shows it (the back office reads these and more). */
export const productColumns = {
  id: products.id,
  slug: products.slug,
  name: products.name,
  description: products.description,
  image: products.image,
  priceMinor: products.priceMinor,
  currency: products.currency,
  stock: products.stock,
  kind: products.kind,
  deliverable: products.deliverable,
};

export async function listActiveProducts(): Promise<ProductView[]> {
  const { db } = await getDb();
  return db.select(productColumns).from(products).where(eq(products.active, true)).orderBy(asc(products.id));
}

/** An active product by slug; inactive and unknown slugs are both null (a 404 for buyers). */
export async function getActiveProduct(slug: string): Promise<ProductView | null> {
  if (!/^[a-z0-9-]{1,100}$/.test(slug)) return null;
  const { db } = await getDb();
  const [row] = await db
    .select(productColumns)
    .from(products)
    .where(and(eq(products.slug, slug), eq(products.active, true)))
    .limit(1);
  return row ?? null;
}

export interface ProductOptionView {
  name: string;
  values: string[];
}

export interface VariantView {
  id: number;
  sku: string;
  options: Record<string, string>;
  /** "Size: M", in the product's option order. */
  label: string;
  /** The variant's own price, or the product's. */
  priceMinor: number;
  stock: number;
}

export interface ProductImageView {
  src: string;
  alt: string;
}

/** A product page's data: the product, its options and variants (none for a product without options), its gallery. */
export interface ProductDetail extends ProductView {
  options: ProductOptionView[];
  variants: VariantView[];
  /** The main image first, then the gallery in order. */
  images: ProductImageView[];
}

/** Options and variants of one product, in their positions. */
export async function productVariantsOf(
  productId: number,
  priceMinor: number,
): Promise<{ options: ProductOptionView[]; variants: VariantView[] }> {
  const { db } = await getDb();
  const [options, variants] = await Promise.all([
    db
      .select({ name: productOptions.name, values: productOptions.values })
      .from(productOptions)
      .where(eq(productOptions.productId, productId))
      .orderBy(asc(productOptions.position), asc(productOptions.id)),
    db
      .select({
        id: productVariants.id,
        sku: productVariants.sku,
        options: productVariants.options,
        priceMinor: productVariants.priceMinor,
        stock: productVariants.stock,
      })
      .from(productVariants)
      .where(eq(productVariants.productId, productId))
      .orderBy(asc(productVariants.position), asc(productVariants.id)),
  ]);
  return {
    options,
    variants: variants.map((v) => ({ ...v, priceMinor: v.priceMinor ?? priceMinor, label: variantLabel(options, v.options) })),
  };
}

/** An active product with what its page shows; null like getActiveProduct. */
export async function getProductDetail(slug: string): Promise<ProductDetail | null> {
  const product = await getActiveProduct(slug);
  if (!product) return null;
  const { db } = await getDb();
  const [{ options, variants }, gallery] = await Promise.all([
    productVariantsOf(product.id, product.priceMinor),
    db
      .select({ src: productImages.src, alt: productImages.alt })
      .from(productImages)
      .where(eq(productImages.productId, product.id))
      .orderBy(asc(productImages.position), asc(productImages.id)),
  ]);
  return { ...product, options, variants, images: [{ src: product.image, alt: product.name }, ...gallery] };
}

/**
 * Other active products to show under a product: those sharing one of its collections first (most
 * shared first), then the same kind, then the rest, in catalog order. One statement.
 */
export async function relatedProducts(product: Pick<ProductView, 'id' | 'kind'>, limit = 4): Promise<ProductView[]> {
  const { db } = await getDb();
  const shared = sql<number>`(
    select count(*) from ${productCollections} mine
    join ${productCollections} theirs on theirs.collection_id = mine.collection_id
    where mine.product_id = ${product.id} and theirs.product_id = ${products.id}
  )`;
  return db
    .select(productColumns)
    .from(products)
    .where(and(eq(products.active, true), ne(products.id, product.id)))
    .orderBy(desc(shared), sql`${products.kind} <> ${product.kind}`, asc(products.id))
    .limit(limit);
}
