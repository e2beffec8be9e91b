import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { collections, productCollections, products } from '@/db/schema';
import { DEMO_COLLECTIONS, DEMO_PRODUCTS, seed } from '@/db/seed';
import { relatedProducts } from '@/lib/catalog';
import { listProducts, searchCondition, searchQuery } from '@/lib/catalog-listing';
import { parseListingParams, type Sort } from '@/lib/catalog-params';
import { getCollection, listCollections } from '@/lib/collections';

const slugs = (rows: Array<{ slug: string }>) => rows.map((r) => r.slug);
const search = (q: string, sort: Sort = 'relevance') => listProducts({ q, sort }).then(slugs);
const activeSlugs = DEMO_PRODUCTS.filter((p) => p.active !== false).map((p) => p.slug);

async function collectionId(slug: string): Promise<number> {
  const c = await getCollection(slug);
  if (!c) throw new Error(`no collection ${slug}`);
  return c.id;
}

describe('collections', () => {
  it('seeds Apparel, Accessories, Digital and Home in menu order, once', async () => {
    expect((await listCollections()).map((c) => c.name)).toEqual(['Apparel', 'Accessories', 'Digital', 'Home']);
    expect(DEMO_COLLECTIONS.map((c) => c.slug)).toEqual(['apparel', 'accessories', 'digital', 'home']);
    const { db } = await getDb();
    const links = await db.$count(productCollections);
    await seed(db);
    expect(await db.$count(collections)).toBe(4);
    expect(await db.$count(productCollections)).toBe(links);
  });

  it('puts every seeded product in a collection, some in two', async () => {
    const { db } = await getDb();
    const rows = await db
      .select({ slug: products.slug, n: sql<number>`count(*)::int` })
      .from(productCollections)
      .innerJoin(products, eq(products.id, productCollections.productId))
      .groupBy(products.slug);
    expect(rows.map((r) => r.slug).sort()).toEqual(DEMO_PRODUCTS.map((p) => p.slug).sort());
    expect(
      rows
        .filter((r) => r.n === 2)
        .map((r) => r.slug)
        .sort(),
    ).toEqual(['hash-rate-notebook', 'lightning-enamel-pin-set', 'node-runner-mug']);
  });

  it('lists a collection in its own order, active products only', async () => {
    const home = await listProducts({ collectionId: await collectionId('home'), sort: 'featured' });
    // The halving print is in Home but inactive.
    expect(slugs(home)).toEqual(['block-height-wall-clock', 'whitepaper-poster', 'node-runner-mug', 'hash-rate-notebook']);
    expect(slugs(await listProducts({ collectionId: await collectionId('apparel'), sort: 'featured' }))).toEqual([
      'genesis-block-hoodie',
      'merkle-tree-socks',
      'lightning-enamel-pin-set',
    ]);
    // The pin set is in two collections and shows in both.
    expect(slugs(await listProducts({ collectionId: await collectionId('accessories'), sort: 'featured' }))).toContain(
      'lightning-enamel-pin-set',
    );
  });

  it('answers null for unknown and malformed slugs', async () => {
    expect(await getCollection('apparel')).toMatchObject({ name: 'Apparel', description: expect.stringContaining('wear') });
    for (const bad of ['no-such-collection', 'Apparel', "apparel' or 1=1 --", '', 'a'.repeat(101), '../home']) {
      expect(await getCollection(bad), bad).toBeNull();
    }
  });

  it('a deleted product leaves its collections; a deleted collection leaves its products', async () => {
    const { db } = await getDb();
    await db
      .transaction(async (tx) => {
        const [c] = await tx.insert(collections).values({ slug: 'gone-soon', name: 'Gone soon', position: 99 }).returning();
        const [p] = await tx
          .insert(products)
          .values({
            slug: 'gone-product',
            name: 'Gone Product',
            description: 'x',
            image: '/x.svg',
            priceMinor: 100,
            currency: 'USD',
            stock: 1,
          })
          .returning();
        await tx.insert(productCollections).values({ collectionId: c!.id, productId: p!.id });
        await tx.delete(collections).where(eq(collections.id, c!.id));
        expect(await tx.$count(productCollections, eq(productCollections.productId, p!.id))).toBe(0);
        expect(await tx.$count(products, eq(products.id, p!.id))).toBe(1);
        tx.rollback();
      })
      .catch((err: Error) => {
        if (!/rollback/i.test(err.message)) throw err;
      });
  });
});

describe('sorting', () => {
  it('orders all products by price both ways, featured by catalog order', async () => {
    const asc = await listProducts({ sort: 'price-asc' });
    expect(asc.map((p) => p.priceMinor)).toEqual([...asc.map((p) => p.priceMinor)].sort((a, b) => a - b));
    expect(asc[0]?.slug).toBe('self-custody-field-guide');
    const desc = await listProducts({ sort: 'price-desc' });
    expect(desc.map((p) => p.priceMinor)).toEqual([...desc.map((p) => p.priceMinor)].sort((a, b) => b - a));
    expect(desc[0]?.slug).toBe('genesis-block-hoodie');
    expect(slugs(await listProducts({ sort: 'featured' }))).toEqual(activeSlugs);
  });

  it('puts the newest product first', async () => {
    const { db } = await getDb();
    await db
      .update(products)
      .set({ createdAt: new Date(Date.now() + 60_000) })
      .where(eq(products.slug, 'merkle-tree-socks'));
    expect((await listProducts({ sort: 'newest' }))[0]?.slug).toBe('merkle-tree-socks');
    expect((await listProducts({ collectionId: await collectionId('apparel'), sort: 'newest' }))[0]?.slug).toBe('merkle-tree-socks');
  });

  it('sorts a collection by price', async () => {
    const accessories = await listProducts({ collectionId: await collectionId('accessories'), sort: 'price-asc' });
    expect(slugs(accessories)).toEqual([
      'lightning-enamel-pin-set',
      'hash-rate-notebook',
      'node-runner-mug',
      'faraday-wallet-pouch',
      'cold-storage-steel-plate',
    ]);
  });
});

describe('search', () => {
  it('matches words in any form in the name and the description', async () => {
    expect(await search('hoodies')).toEqual(['genesis-block-hoodie']);
    expect(await search('Hoodie')).toEqual(['genesis-block-hoodie']);
    expect(await search('stoneware')).toEqual(['node-runner-mug']);
    expect(await search('"steel plate"')).toEqual(expect.arrayContaining(['cold-storage-steel-plate']));
  });

  it('matches words still being typed, as prefixes', async () => {
    expect(await search('runn')).toEqual(['node-runner-mug']);
    expect(await search('merk tre')).toEqual(['merkle-tree-socks']);
    expect(await search('notebo')).toEqual(['hash-rate-notebook']);
    expect(await search('LICENS')).toEqual(['mempool-desk-license']);
  });

  it('ranks a match in the name above one in the description', async () => {
    // The pouch's description mentions a steel backup plate; the plate is named so.
    const results = await search('steel');
    expect(results[0]).toBe('cold-storage-steel-plate');
    expect(results).toContain('faraday-wallet-pouch');
  });

  it('sorts search results by price when asked', async () => {
    const results = await listProducts({ q: 'co', sort: 'price-asc' });
    expect(results.length).toBeGreaterThan(3);
    expect(results.map((p) => p.priceMinor)).toEqual([...results.map((p) => p.priceMinor)].sort((a, b) => a - b));
    // Plate $49, pouch $29, field guide $9.
    expect(await search('steel', 'price-desc')).toEqual(['cold-storage-steel-plate', 'faraday-wallet-pouch', 'self-custody-field-guide']);
    expect(await search('steel', 'price-asc')).toEqual(['self-custody-field-guide', 'faraday-wallet-pouch', 'cold-storage-steel-plate']);
  });

  it('finds neither inactive products nor nonsense', async () => {
    expect(await search('halving')).toEqual([]);
    expect(await search('risograph')).toEqual([]);
    expect(await search('xyzzy')).toEqual([]);
    expect(await search('the')).toEqual([]);
  });

  it('excludes words with a minus', async () => {
    const all = await search('cotton');
    expect(all).toEqual(expect.arrayContaining(['genesis-block-hoodie', 'merkle-tree-socks']));
    expect(await search('cotton -socks')).toEqual(['genesis-block-hoodie']);
  });

  it('takes hostile input as words, never as syntax or SQL', async () => {
    for (const q of [
      "'; drop table products; --",
      'mug:* | !',
      "a' & b",
      '&&&|||!!!(((',
      ':*',
      '\\',
      '"unbalanced',
      'or or or',
      '-',
      '🧦 socks',
      'ß ǅ İ',
      'x'.repeat(100),
      parseListingParams({ q: 'hoodie\u0000mug'.repeat(50) }, { search: true }).q,
    ]) {
      await expect(search(q), q).resolves.toBeInstanceOf(Array);
    }
    expect(await search('🧦 socks')).toEqual(['merkle-tree-socks']);
    const { db } = await getDb();
    expect(await db.$count(products)).toBe(DEMO_PRODUCTS.length);
  });

  it('follows renames and hides products the merchant switches off', async () => {
    const { db } = await getDb();
    await db.update(products).set({ name: 'Node Operator Mug' }).where(eq(products.slug, 'node-runner-mug'));
    expect(await search('operator')).toEqual(['node-runner-mug']);
    await db.update(products).set({ active: false }).where(eq(products.slug, 'node-runner-mug'));
    expect(await search('operator')).toEqual([]);
    expect(slugs(await listProducts({ collectionId: await collectionId('home'), sort: 'featured' }))).not.toContain('node-runner-mug');
    await db.update(products).set({ name: 'Node Runner Mug', active: true }).where(eq(products.slug, 'node-runner-mug'));
  });

  it('is answered by the GIN index on search_vector', async () => {
    const { db } = await getDb();
    const query = searchQuery('steel pla')!;
    const plan = await db.transaction(async (tx) => {
      // Twelve rows would always be scanned; forbid that to see whether the index can serve the search.
      await tx.execute(sql`set local enable_seqscan = off`);
      const result = await tx.execute(sql`explain select id from products where ${searchCondition(query)}`);
      return (result as unknown as { rows: Array<Record<string, string>> }).rows.map((r) => Object.values(r)[0]).join('\n');
    });
    expect(plan).toContain('products_search_idx');
  });
});

describe('related products', () => {
  it('come from the product’s collections first, most shared first, never the product itself', async () => {
    const { db } = await getDb();
    const [mug] = await db.select().from(products).where(eq(products.slug, 'node-runner-mug'));
    const related = await relatedProducts({ id: mug!.id, kind: mug!.kind });
    expect(related).toHaveLength(4);
    // The notebook shares both of the mug's collections (Accessories and Home).
    expect(related[0]!.slug).toBe('hash-rate-notebook');
    const mugCollections = DEMO_COLLECTIONS.filter((c) => c.products.includes('node-runner-mug'));
    for (const p of related) {
      expect(p.slug).not.toBe('node-runner-mug');
      expect(
        mugCollections.some((c) => c.products.includes(p.slug)),
        p.slug,
      ).toBe(true);
    }
  });
});
