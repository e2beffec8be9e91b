import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { listProductPage, listProducts } from '@/lib/catalog-listing';
import { MAX_PAGE, PAGE_SIZE, type Sort } from '@/lib/catalog-params';
import { getCollection } from '@/lib/collections';

// A catalog bigger than one page: the demo products plus generated ones, some in Apparel.
const EXTRA = 70;

beforeAll(async () => {
  const { db } = await getDb();
  await db.execute(sql`
    insert into products (slug, name, description, image, price_minor, currency, stock)
    select 'paged-' || i, 'Paged tee ' || i, 'A tee of the paging test.', '/products/genesis-block-hoodie.svg', 500 + (i * 37) % 4000, 'USD', 5
    from generate_series(1, ${EXTRA}) as i`);
  await db.execute(sql`
    insert into product_collections (collection_id, product_id, position)
    select (select id from collections where slug = 'apparel'), p.id, 100 + p.id from products p where p.slug like 'paged-%' and p.id % 2 = 0`);
});

async function walk(options: { sort: Sort; q?: string; collectionId?: number }) {
  const seen: string[] = [];
  for (let page = 1; ; page++) {
    const result = await listProductPage({ ...options, page });
    expect(result.page).toBe(page);
    expect(result.products.length).toBeLessThanOrEqual(PAGE_SIZE);
    seen.push(...result.products.map((p) => p.slug));
    if (!result.hasNext) return { seen, last: result };
    expect(result.products).toHaveLength(PAGE_SIZE);
  }
}

describe('listing pages', () => {
  for (const sort of ['featured', 'newest', 'price-asc', 'price-desc'] as const) {
    it(`splits the whole catalog into pages with nothing missing or repeated (${sort})`, async () => {
      const all = (await listProducts({ sort })).map((p) => p.slug);
      expect(all.length).toBeGreaterThan(2 * PAGE_SIZE);
      const { seen, last } = await walk({ sort });
      expect(seen).toEqual(all);
      expect(last.total).toBe(all.length);
      expect(last.totalCapped).toBe(false);
      expect(last.pageCount).toBe(Math.ceil(all.length / PAGE_SIZE));
    });
  }

  it('pages a collection and a search the same way', async () => {
    const apparel = (await getCollection('apparel'))!.id;
    const inApparel = (await listProducts({ collectionId: apparel, sort: 'price-asc' })).map((p) => p.slug);
    expect(inApparel.length).toBeGreaterThan(PAGE_SIZE);
    expect((await walk({ collectionId: apparel, sort: 'price-asc' })).seen).toEqual(inApparel);

    const tees = (await listProducts({ q: 'paged tee', sort: 'relevance' })).map((p) => p.slug);
    expect(tees).toHaveLength(EXTRA);
    const { seen, last } = await walk({ q: 'paged tee', sort: 'relevance' });
    expect(seen).toEqual(tees);
    expect(last.total).toBe(EXTRA);
  });

  it('has no products past the last page, and clamps what no link produces', async () => {
    const first = await listProductPage({ sort: 'featured', page: 1 });
    const past = await listProductPage({ sort: 'featured', page: first.pageCount + 1 });
    expect(past.products).toEqual([]);
    expect(past.hasNext).toBe(false);
    expect((await listProductPage({ sort: 'featured', page: 0 })).page).toBe(1);
    expect((await listProductPage({ sort: 'featured', page: MAX_PAGE + 50 })).page).toBe(MAX_PAGE);
  });

  it('counts a huge listing only up to its reachable pages', async () => {
    const { db } = await getDb();
    const cap = PAGE_SIZE * MAX_PAGE;
    await db.execute(sql`
      insert into products (slug, name, description, image, price_minor, currency, stock)
      select 'bulk-' || i, 'Bulk item ' || i, 'Many of them.', '/products/genesis-block-hoodie.svg', 100, 'USD', 1
      from generate_series(1, ${cap}) as i`);
    const result = await listProductPage({ sort: 'featured', page: 1 });
    expect(result.totalCapped).toBe(true);
    expect(result.total).toBe(cap);
    expect(result.pageCount).toBe(MAX_PAGE);
    const deepest = await listProductPage({ sort: 'featured', page: MAX_PAGE });
    expect(deepest.products).toHaveLength(PAGE_SIZE);
    expect(deepest.hasNext).toBe(false);
  });
});
