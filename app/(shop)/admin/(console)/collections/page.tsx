import type { Metadata } from 'next';
import Link from 'next/link';
import { requireAdminPage } from '@/lib/auth';
import { listCollectionsForAdmin } from '@/lib/collections-admin';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Collections' };

/** The shop's collections (its menu), each with its products and the languages it has texts in. */
export default async function CollectionsPage() {
  await requireAdminPage('/admin/collections');
  const collections = await listCollectionsForAdmin();
  return (
    <section aria-labelledby="collections-heading" className="max-w-3xl space-y-6">
      <h1 id="collections-heading" className="text-2xl font-bold">
        Collections
      </h1>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        The shop&apos;s menu, in this order. Edit a collection&apos;s name and description, in English and in each other language.
      </p>
      <ul className="divide-y divide-zinc-200 rounded-2xl border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
        {collections.map((c) => (
          <li key={c.id} data-testid="collection-row">
            <Link
              href={`/admin/collections/${c.id}`}
              className="flex items-center justify-between gap-3 px-4 py-3 hover:bg-zinc-50 dark:hover:bg-zinc-900"
            >
              <span>
                <span className="block font-medium">{c.name}</span>
                <span className="block text-sm text-zinc-600 dark:text-zinc-400">
                  /collections/{c.slug} · {c.products} product{c.products === 1 ? '' : 's'}
                </span>
              </span>
              <span className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="collection-locales">
                {c.locales.length > 0 ? `Translated: ${c.locales.join(', ')}` : 'English only'}
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
