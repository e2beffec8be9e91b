import 'server-only';
import { asc, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { collections } from '@/db/schema';
import { DEFAULT_LOCALE, type Locale } from '@/i18n/routing';
import { localizedCollectionTexts } from '@/lib/translations';

/** A collection as the storefront shows it (menu, collection page). */
export interface CollectionView {
  id: number;
  slug: string;
  name: string;
  description: string;
}

const collectionColumns = { id: collections.id, slug: collections.slug, name: collections.name, description: collections.description };

/** Names and descriptions in `locale` (the stored ones are the default language's). */
async function inLocale(rows: CollectionView[], locale: Locale): Promise<CollectionView[]> {
  if (locale === DEFAULT_LOCALE || rows.length === 0) return rows;
  const { db } = await getDb();
  const texts = await localizedCollectionTexts(
    db,
    rows.map((r) => r.id),
    locale,
  );
  return rows.map((r) => ({ ...r, ...texts.get(r.id) }));
}

/** Every collection, in the merchant's menu order, in `locale`. */
export async function listCollections(locale: Locale = DEFAULT_LOCALE): Promise<CollectionView[]> {
  const { db } = await getDb();
  return inLocale(await db.select(collectionColumns).from(collections).orderBy(asc(collections.position), asc(collections.id)), locale);
}

/** A collection by slug; unknown and malformed slugs are null (a 404 for buyers). */
export async function getCollection(slug: string, locale: Locale = DEFAULT_LOCALE): Promise<CollectionView | null> {
  if (!/^[a-z0-9-]{1,100}$/.test(slug)) return null;
  const { db } = await getDb();
  const [row] = await db.select(collectionColumns).from(collections).where(eq(collections.slug, slug)).limit(1);
  return row ? ((await inLocale([row], locale))[0] ?? null) : null;
}
