import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ActionForm, Field } from '@/components/admin/action-form';
import { Timestamp } from '@/components/admin/timestamp';
import { requireAdminPage } from '@/lib/auth';
import { collectionHistory, getCollectionForAdmin } from '@/lib/collections-admin';
import { collectionTranslationsForEditor } from '@/lib/translations';
import { translateCollectionAction, updateCollectionAction } from '../actions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Edit collection' };

const VERBS: Record<string, string> = { 'collection.update': 'Edited', 'collection.translate': 'Translated' };
const show = (v: unknown) => (typeof v === 'string' ? (v.length > 60 ? `${v.slice(0, 60)}…` : v) : JSON.stringify(v));

type Props = { params: Promise<{ id: string }> };

/** One collection's texts: the default language's, then one form per other language. */
export default async function EditCollectionPage({ params }: Props) {
  const { id } = await params;
  await requireAdminPage(`/admin/collections/${id}`);
  const collection = /^\d{1,9}$/.test(id) ? await getCollectionForAdmin(Number(id)) : null;
  if (!collection) notFound();
  const [translations, history] = await Promise.all([collectionTranslationsForEditor(collection.id), collectionHistory(collection.id)]);
  return (
    <div className="grid gap-8 lg:grid-cols-[1fr_20rem]">
      <section aria-labelledby="edit-collection-heading" className="max-w-2xl space-y-6">
        <Link href="/admin/collections" className="text-sm font-medium text-brand-600 hover:underline">
          ← Collections
        </Link>
        <h1 id="edit-collection-heading" className="text-2xl font-bold">
          {collection.name}
        </h1>
        <ActionForm action={updateCollectionAction} submitLabel="Save" pendingLabel="Saving…" testId="collection-form">
          <input type="hidden" name="id" value={collection.id} />
          <Field name="name" label="Name (English)" required maxLength={80} defaultValue={collection.name} />
          <Field name="description" label="Description (English)" multiline maxLength={2000} defaultValue={collection.description} />
        </ActionForm>
        {translations.map((tr) => (
          <section
            key={tr.locale}
            aria-labelledby={`translation-${tr.locale}-heading`}
            className="space-y-3 rounded-2xl border border-zinc-200 p-4 dark:border-zinc-800"
          >
            <h2 id={`translation-${tr.locale}-heading`} className="text-lg font-semibold">
              {tr.label} ({tr.locale})
            </h2>
            <p className="text-sm text-zinc-600 dark:text-zinc-400">
              Shown to buyers who shop in {tr.label}. Left empty, they see the name and description above.
            </p>
            <ActionForm
              action={translateCollectionAction}
              submitLabel="Save"
              pendingLabel="Saving…"
              testId={`collection-translation-${tr.locale}`}
            >
              <input type="hidden" name="id" value={collection.id} />
              <input type="hidden" name="locale" value={tr.locale} />
              <Field name="name" label={`Name (${tr.label})`} maxLength={80} defaultValue={tr.name} />
              <Field name="description" label={`Description (${tr.label})`} multiline maxLength={2000} defaultValue={tr.description} />
            </ActionForm>
          </section>
        ))}
      </section>
      <aside aria-labelledby="history-heading" className="space-y-3">
        <h2 id="history-heading" className="text-lg font-semibold">
          History
        </h2>
        {history.length === 0 ? (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">No changes yet.</p>
        ) : (
          <ol className="space-y-3 text-sm" data-testid="collection-history">
            {history.map((h) => (
              <li key={h.id}>
                <span className="font-medium">{VERBS[h.action] ?? h.action}</span> by {h.actorEmail} · <Timestamp date={h.at} />
                <ul className="text-zinc-600 dark:text-zinc-400">
                  {Object.entries((h.detail ?? {}) as Record<string, unknown>).map(([field, value]) => (
                    <li key={field}>
                      {field}: {Array.isArray(value) ? `${show(value[0])} → ${show(value[1])}` : show(value)}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ol>
        )}
      </aside>
    </div>
  );
}
