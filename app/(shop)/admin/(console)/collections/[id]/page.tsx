import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ActionForm, Field } from '@/components/admin/action-form';
import { EditHistory, TranslationForms } from '@/components/admin/catalog-editor';
import { requireAdminPage } from '@/lib/auth';
import { subjectHistory } from '@/lib/audit-history';
import { getCollectionForAdmin } from '@/lib/collections-admin';
import { collectionTranslationsForEditor } from '@/lib/translations';
import { translateCollectionAction, updateCollectionAction } from '../actions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Edit collection' };

const VERBS: Record<string, string> = { 'collection.update': 'Edited', 'collection.translate': 'Translated' };

type Props = { params: Promise<{ id: string }> };

/** One collection's texts: the default language's, then one form per other language. */
export default async function EditCollectionPage({ params }: Props) {
  const { id } = await params;
  await requireAdminPage(`/admin/collections/${id}`);
  const collection = /^\d{1,9}$/.test(id) ? await getCollectionForAdmin(Number(id)) : null;
  if (!collection) notFound();
  const [translations, history] = await Promise.all([
    collectionTranslationsForEditor(collection.id),
    subjectHistory('collection', collection.id),
  ]);
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
        <TranslationForms
          translations={translations}
          action={translateCollectionAction}
          id={collection.id}
          testIdPrefix="collection-translation"
          nameMaxLength={80}
          descriptionMaxLength={2000}
        />
      </section>
      <EditHistory history={history} verbs={VERBS} testId="collection-history" />
    </div>
  );
}
