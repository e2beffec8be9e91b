import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { auditLog, products, users } from '@/db/schema';
import type { Admin } from '@/lib/auth';
import { createProduct, productInputSchema, updateProduct } from '@/lib/catalog-admin';
import { getActiveProduct, listActiveProducts } from '@/lib/catalog';

let admin: Admin;

beforeAll(async () => {
  const { db } = await getDb();
  const [u] = await db.insert(users).values({ email: 'merchant@example.com', role: 'admin' }).returning({ id: users.id });
  admin = { id: u!.id, email: 'merchant@example.com', name: null };
});

const form = (over: Record<string, string | undefined> = {}) => ({
  name: 'Seed Phrase Tote',
  slug: 'seed-phrase-tote',
  description: 'A canvas tote with 24 blank lines.',
  price: '18.50',
  stock: '12',
  active: 'on',
  image: '/products/node-runner-mug.svg',
  ...over,
});

const issues = (input: Record<string, unknown>) => {
  const r = productInputSchema.safeParse(input);
  return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [String(i.path[0]), i.message]));
};

describe('product form', () => {
  it('reads the price exactly in the shop currency', () => {
    expect(productInputSchema.parse(form()).price).toBe(1850);
    expect(productInputSchema.parse(form({ price: '0.1' })).price).toBe(10);
    expect(productInputSchema.parse(form({ active: undefined })).active).toBe(false);
    expect(issues(form({ price: '18.505' }))).toEqual({ price: 'Enter the price in USD with at most 2 decimals, like 12.50.' });
    expect(issues(form({ price: '-1' }))).toHaveProperty('price');
  });

  it('refuses bad slugs, stock and image addresses', () => {
    expect(issues(form({ slug: 'Seed Phrase' }))).toHaveProperty('slug');
    expect(issues(form({ slug: '-tote' }))).toHaveProperty('slug');
    expect(issues(form({ stock: '1.5' }))).toHaveProperty('stock');
    expect(issues(form({ stock: '2000000' }))).toHaveProperty('stock');
    for (const image of ['javascript:alert(1)', '//evil.example/x.png', 'http://insecure.example/x.png', 'products/x.svg']) {
      expect(issues(form({ image })), image).toHaveProperty('image');
    }
    expect(issues(form({ image: 'https://cdn.example.com/tote.png' }))).toEqual({});
  });
});

describe('products', () => {
  it('creates a product the shop sells at once, with an audit entry', async () => {
    const created = await createProduct(admin, productInputSchema.parse(form()));
    expect(created).toMatchObject({ ok: true, value: { slug: 'seed-phrase-tote' } });
    expect(await getActiveProduct('seed-phrase-tote')).toMatchObject({
      name: 'Seed Phrase Tote',
      priceMinor: 1850,
      currency: 'USD',
      stock: 12,
    });
    const { db } = await getDb();
    const [entry] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.subjectType, 'product'), eq(auditLog.action, 'product.create')));
    expect(entry).toMatchObject({ actorId: admin.id, actorEmail: admin.email, subjectId: String(created.ok && created.value.id) });

    expect(await createProduct(admin, productInputSchema.parse(form({ name: 'Copy' })))).toMatchObject({
      ok: false,
      error: { kind: 'slug-taken' },
    });
  });

  it('edits price, stock and visibility, auditing each changed field', async () => {
    const { db } = await getDb();
    const [mug] = await db.select().from(products).where(eq(products.slug, 'node-runner-mug'));
    const input = productInputSchema.parse(
      form({ name: mug!.name, slug: mug!.slug, description: mug!.description, image: mug!.image, price: '17.25', stock: '5' }),
    );
    const r = await updateProduct(admin, mug!.id, input);
    expect(r.ok && [...r.value.changed].sort()).toEqual(['priceMinor', 'stock']);
    expect(await getActiveProduct('node-runner-mug')).toMatchObject({ priceMinor: 1725, stock: 5 });
    const [entry] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'product.update'), eq(auditLog.subjectId, String(mug!.id))));
    expect(entry?.detail).toEqual({ priceMinor: [mug!.priceMinor, 1725], stock: [mug!.stock, 5] });

    expect(await updateProduct(admin, mug!.id, input)).toMatchObject({ ok: true, value: { changed: [] } });
    const hidden = await updateProduct(admin, mug!.id, { ...input, active: false });
    expect(hidden).toMatchObject({ ok: true, value: { changed: ['active'] } });
    expect(await getActiveProduct('node-runner-mug')).toBeNull();
    expect((await listActiveProducts()).map((p) => p.slug)).not.toContain('node-runner-mug');

    expect(await updateProduct(admin, mug!.id, { ...input, slug: 'whitepaper-poster' })).toMatchObject({
      ok: false,
      error: { kind: 'slug-taken' },
    });
    expect(await updateProduct(admin, 999_999, input)).toMatchObject({ ok: false, error: { kind: 'not-found' } });
  });
});
