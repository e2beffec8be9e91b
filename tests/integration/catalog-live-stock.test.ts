import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { productVariants } from '@/db/schema';
import { getProductDetail } from '@/lib/catalog';
import { withLiveStock } from '@/lib/catalog-cache';
import { listProductPage } from '@/lib/catalog-listing';

// Catalog pages come from a cache (lib/catalog-cache.ts); the stock they show must not.
describe('live stock over a cached catalog copy', () => {
  it('puts the stock of a product and of each of its sizes as it is now over an older copy', async () => {
    const copy = (await getProductDetail('genesis-block-hoodie'))!;
    const large = copy.variants.find((v) => v.sku.endsWith('-L'))!;
    const { db } = await getDb();
    await db
      .update(productVariants)
      .set({ stock: sql`${productVariants.stock} - 2` })
      .where(eq(productVariants.id, large.id));
    const [live] = await withLiveStock([copy]);
    expect(live!.variants.find((v) => v.id === large.id)!.stock).toBe(large.stock - 2);
    expect(live!.stock).toBe(copy.stock - 2); // the product's own stock is its sizes' sum
    expect(live!.variants.filter((v) => v.id !== large.id)).toEqual(copy.variants.filter((v) => v.id !== large.id));
  });

  it('does the same for a listing page', async () => {
    const copy = await listProductPage({ sort: 'featured', page: 1 });
    const { db } = await getDb();
    await db.execute(sql`update products set stock = 0 where slug = 'node-runner-mug'`);
    const live = await withLiveStock(copy.products);
    expect(live.find((p) => p.slug === 'node-runner-mug')!.stock).toBe(0);
    expect(live.map((p) => p.slug)).toEqual(copy.products.map((p) => p.slug));
  });
});
