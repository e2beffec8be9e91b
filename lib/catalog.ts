import 'server-only';
import { and, asc, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { products, type Deliverable, type ProductKind } from '@/db/schema';

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
