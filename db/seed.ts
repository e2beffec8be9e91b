import 'server-only';
import { randomBytes } from 'node:crypto';
import Decimal from 'decimal.js';
import { env } from '@/lib/env';
import { minorUnitDigits } from '@/lib/money';
import type { Db } from './types';
import { seedTranslations } from './seed-translations';
import {
  collections,
  licenseKeys,
  productCollections,
  productImages,
  productOptions,
  products,
  productVariants,
  shippingOptions,
  type Deliverable,
  type ProductKind,
} from './schema';

interface DemoProduct {
  slug: string;
  name: string;
  description: string;
  /** Price in major units of the shop currency, as a decimal string. */
  price: string;
  stock: number;
  active?: boolean;
  /** Physical unless said otherwise. */
  kind?: ProductKind;
  deliverable?: Deliverable;
  /** A file in DIGITAL_FILES_DIR (storage/digital), and the name the buyer saves it under. */
  file?: { key: string; name: string };
  /** Sizes sold separately: the product's stock is then theirs together (`stock` is ignored). */
  sizes?: ReadonlyArray<{ value: string; sku: string; stock: number; price?: string }>;
}

/** Demo license keys seeded for the license-key product (each is one unit in stock). */
const DEMO_KEYS = 25;

export const DEMO_PRODUCTS: readonly DemoProduct[] = [
  {
    slug: 'cold-storage-steel-plate',
    name: 'Cold Storage Steel Plate',
    description:
      'A 316 stainless steel plate for stamping a 24-word recovery phrase. Survives fire to 1,400 °C, floods and the years. Punch set included.',
    price: '49.00',
    stock: 25,
  },
  {
    slug: 'genesis-block-hoodie',
    name: 'Genesis Block Hoodie',
    description:
      'Heavyweight organic cotton hoodie with the genesis block header printed in tone-on-tone ink down the left sleeve. Unisex fit.',
    price: '59.00',
    stock: 0,
    sizes: [
      { value: 'S', sku: 'GBH-S', stock: 0 },
      { value: 'M', sku: 'GBH-M', stock: 3 },
      { value: 'L', sku: 'GBH-L', stock: 12 },
      { value: 'XL', sku: 'GBH-XL', stock: 6, price: '64.00' },
    ],
  },
  {
    slug: 'block-height-wall-clock',
    name: 'Block Height Wall Clock',
    description: 'A quiet sweep-movement wall clock whose face counts in ten-minute blocks. Walnut frame, 30 cm across, one AA battery.',
    price: '39.00',
    stock: 15,
  },
  {
    slug: 'whitepaper-poster',
    name: 'Whitepaper Poster',
    description: 'The nine pages of the 2008 whitepaper set as a single 50 × 70 cm poster, printed on 200 g matte archival paper.',
    price: '24.00',
    stock: 60,
  },
  {
    slug: 'node-runner-mug',
    name: 'Node Runner Mug',
    description: 'A 350 ml stoneware mug for the people who keep a full node running. Dishwasher and microwave safe.',
    price: '16.00',
    stock: 80,
  },
  {
    slug: 'faraday-wallet-pouch',
    name: 'Faraday Wallet Pouch',
    description: 'A waxed-canvas pouch lined with RF-shielding fabric that fits a hardware wallet, a phone and a steel backup plate.',
    price: '29.00',
    stock: 30,
  },
  {
    slug: 'lightning-enamel-pin-set',
    name: 'Lightning Enamel Pin Set',
    description: 'Three hard-enamel pins with rubber clutches: a bolt, a channel and a routing node. Gold-plated.',
    price: '12.00',
    stock: 120,
  },
  {
    slug: 'hash-rate-notebook',
    name: 'Hash Rate Notebook',
    description: 'A5 dot-grid notebook, 192 numbered pages of 100 g paper, lay-flat binding and a hex-grid cover in recycled board.',
    price: '14.50',
    stock: 70,
  },
  {
    slug: 'merkle-tree-socks',
    name: 'Merkle Tree Socks',
    description: 'Combed-cotton crew socks knitted with a binary hash-tree pattern. Two pairs, sizes 39–46.',
    price: '11.99',
    stock: 0,
    sizes: [
      { value: 'S/M', sku: 'MTS-SM', stock: 45 },
      { value: 'L/XL', sku: 'MTS-LXL', stock: 45 },
    ],
  },
  {
    slug: 'halving-anniversary-print',
    name: 'Halving Anniversary Print',
    description: 'A signed, numbered risograph print from the last halving. Sold out and kept for the archive.',
    price: '120.00',
    stock: 0,
    active: false,
  },
  {
    slug: 'self-custody-field-guide',
    name: 'Self-Custody Field Guide (e-book)',
    description:
      'A short PDF on keeping your own keys: backups on paper and steel, test restores, inheritance plans and the mistakes that cost the most. Download it right after paying.',
    price: '9.00',
    stock: 100_000,
    kind: 'digital',
    deliverable: 'file',
    file: { key: 'self-custody-field-guide.pdf', name: 'Self-Custody-Field-Guide.pdf' },
  },
  {
    slug: 'mempool-desk-license',
    name: 'Mempool Desk License Key',
    description:
      'A one-seat license for Mempool Desk, the desktop fee watcher for your own node. Your key arrives by email and on your order page as soon as the payment confirms.',
    price: '19.00',
    stock: DEMO_KEYS,
    kind: 'digital',
    deliverable: 'license_key',
  },
];

const EU = 'AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK'.split(' ');

/** Demo shipping options (prices in major units), seeded once into an empty table. */
export const DEMO_SHIPPING: ReadonlyArray<{ name: string; countries: string[]; price: string; freeAbove: string | null }> = [
  { name: 'Standard (EU and UK)', countries: [...EU, 'GB'], price: '6.00', freeAbove: '100.00' },
  { name: 'Standard (US and Canada)', countries: ['US', 'CA'], price: '8.00', freeAbove: '120.00' },
  { name: 'Express (US)', countries: ['US'], price: '25.00', freeAbove: null },
  { name: 'Worldwide tracked', countries: ['*'], price: '18.00', freeAbove: null },
];

/** Demo collections in menu order, with the products each holds in its "Featured" order (some in two). */
export const DEMO_COLLECTIONS: ReadonlyArray<{ slug: string; name: string; description: string; products: string[] }> = [
  {
    slug: 'apparel',
    name: 'Apparel',
    description: 'Things to wear to the meetup: heavyweight cotton, quiet prints, and pins for the jacket.',
    products: ['genesis-block-hoodie', 'merkle-tree-socks', 'lightning-enamel-pin-set'],
  },
  {
    slug: 'accessories',
    name: 'Accessories',
    description: 'Everyday carry for people who hold their own keys: steel backups, shielded pouches and desk companions.',
    products: ['cold-storage-steel-plate', 'faraday-wallet-pouch', 'lightning-enamel-pin-set', 'hash-rate-notebook', 'node-runner-mug'],
  },
  {
    slug: 'digital',
    name: 'Digital',
    description: 'Delivered the moment the payment confirms: a download or a license key, nothing to ship.',
    products: ['self-custody-field-guide', 'mempool-desk-license'],
  },
  {
    slug: 'home',
    name: 'Home',
    description: 'For the desk and the wall next to the node: prints, a clock that counts blocks, a mug that keeps up.',
    products: ['block-height-wall-clock', 'whitepaper-poster', 'halving-anniversary-print', 'node-runner-mug', 'hash-rate-notebook'],
  },
];

/** A demo license key, drawn at random: `DEMO-XXXXXX-XXXXXX-XXXXXX`. */
export function demoLicenseKey(): string {
  return `DEMO-${randomBytes(9).toString('hex').toUpperCase().match(/.{6}/g)!.join('-')}`;
}

/** Insert the demo catalog. Idempotent: existing slugs are left exactly as they are. */
export async function seed(db: Db): Promise<number> {
  const currency = env().SHOP_CURRENCY;
  const digits = minorUnitDigits(currency);
  const toMinor = (major: string) => new Decimal(major).toDecimalPlaces(digits).mul(new Decimal(10).pow(digits)).toNumber();
  const rows = DEMO_PRODUCTS.map((p) => ({
    slug: p.slug,
    name: p.name,
    description: p.description,
    image: `/products/${p.slug}.svg`,
    priceMinor: toMinor(p.price),
    currency,
    // Sized products count their variants' stock (a trigger adds it as they are inserted below).
    stock: p.sizes ? 0 : p.stock,
    active: p.active ?? true,
    kind: p.kind ?? 'physical',
    deliverable: p.deliverable ?? null,
    fileKey: p.file?.key ?? null,
    fileName: p.file?.name ?? null,
  }));
  const inserted = await db
    .insert(products)
    .values(rows)
    .onConflictDoNothing({ target: products.slug })
    .returning({ id: products.id, slug: products.slug, name: products.name, deliverable: products.deliverable });
  // A newly seeded product gets its gallery (views drawn by scripts/product-views.mjs) and its sizes.
  for (const product of inserted) {
    await db.insert(productImages).values([
      { productId: product.id, src: `/products/${product.slug}-2.svg`, alt: `${product.name}, seen from the other side`, position: 1 },
      { productId: product.id, src: `/products/${product.slug}-3.svg`, alt: `${product.name}, close-up`, position: 2 },
    ]);
    const sizes = DEMO_PRODUCTS.find((p) => p.slug === product.slug)?.sizes;
    if (!sizes) continue;
    await db.insert(productOptions).values({ productId: product.id, name: 'Size', position: 0, values: sizes.map((s) => s.value) });
    await db.insert(productVariants).values(
      sizes.map((s, i) => ({
        productId: product.id,
        sku: s.sku,
        options: { Size: s.value },
        priceMinor: s.price === undefined ? null : toMinor(s.price),
        stock: s.stock,
        position: i,
      })),
    );
  }
  // A newly seeded license-key product gets its pool: one key per unit in stock.
  for (const product of inserted.filter((p) => p.deliverable === 'license_key')) {
    const keys = Array.from({ length: DEMO_KEYS }, demoLicenseKey);
    await db.insert(licenseKeys).values(keys.map((key) => ({ productId: product.id, key, uploadedBy: 'seed' })));
  }
  // Shipping options, once: a merchant who deleted or renamed them keeps their own.
  const [anyOption] = await db.select({ id: shippingOptions.id }).from(shippingOptions).limit(1);
  if (!anyOption) {
    await db.insert(shippingOptions).values(
      DEMO_SHIPPING.map((o, i) => ({
        name: o.name,
        countries: o.countries,
        priceMinor: toMinor(o.price),
        currency,
        freeAboveMinor: o.freeAbove === null ? null : toMinor(o.freeAbove),
        sortOrder: (i + 1) * 10,
      })),
    );
  }
  await seedCollections(db);
  await seedTranslations(db, {
    products: Object.fromEntries(DEMO_PRODUCTS.map((p) => [p.slug, p.name])),
    collections: Object.fromEntries(DEMO_COLLECTIONS.map((c) => [c.slug, c.name])),
  });
  return inserted.length;
}

/** The demo collections, once: a merchant who deleted or renamed them keeps their own. */
async function seedCollections(db: Db): Promise<void> {
  const [anyCollection] = await db.select({ id: collections.id }).from(collections).limit(1);
  if (anyCollection) return;
  const created = await db
    .insert(collections)
    .values(DEMO_COLLECTIONS.map((c, i) => ({ slug: c.slug, name: c.name, description: c.description, position: (i + 1) * 10 })))
    .returning({ id: collections.id, slug: collections.slug });
  const productIds = new Map(
    (await db.select({ id: products.id, slug: products.slug }).from(products)).map((p) => [p.slug, p.id] as const),
  );
  const links = DEMO_COLLECTIONS.flatMap((c) => {
    const collectionId = created.find((row) => row.slug === c.slug)!.id;
    // A demo product the merchant has deleted is simply not linked.
    return c.products.flatMap((slug, i) => {
      const productId = productIds.get(slug);
      return productId === undefined ? [] : [{ collectionId, productId, position: (i + 1) * 10 }];
    });
  });
  if (links.length > 0) await db.insert(productCollections).values(links);
}
