import 'server-only';
import { asc, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { collections } from '@/db/schema';

/** A collection as the storefront shows it (menu, collection page). */
export interface CollectionView {
  id: number;
  slug: string;
  name: string;
  description: string;
}

const collectionColumns = { id: collections.id, slug: collections.slug, name: collections.name, description: collections.description };

/** Every collection, in the merchant's menu order. */
export async function listCollections(): Promise<CollectionView[]> {
  const { db } = await getDb();
  return db.select(collectionColumns).from(collections).orderBy(asc(collections.position), asc(collections.id));
}

/** A collection by slug; unknown and malformed slugs are null (a 404 for buyers). */
export async function getCollection(slug: string): Promise<CollectionView | null> {
  if (!/^[a-z0-9-]{1,100}$/.test(slug)) return null;
  const { db } = await getDb();
  const [row] = await db.select(collectionColumns).from(collections).where(eq(collections.slug, slug)).limit(1);
  return row ?? null;
}
