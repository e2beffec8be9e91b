import type { ComponentProps } from 'react';
import { ActionForm, Field } from '@/components/admin/action-form';
import { Timestamp } from '@/components/admin/timestamp';
import type { HistoryEntry } from '@/lib/audit-history';
import type { Locale } from '@/i18n/routing';

// Pieces the back office's catalog editors (products, collections) share.

/** One form per language other than the default, for an item's name and description there. */
export function TranslationForms({
  translations,
  action,
  id,
  testIdPrefix,
  nameMaxLength,
  descriptionMaxLength,
}: {
  translations: Array<{ locale: Locale; label: string; name: string; description: string }>;
  action: ComponentProps<typeof ActionForm>['action'];
  /** The item's id, sent with each form. */
  id: number;
  /** `product-translation` → forms `product-translation-ru`, … */
  testIdPrefix: string;
  nameMaxLength: number;
  descriptionMaxLength: number;
}) {
  return translations.map((tr) => (
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
      <ActionForm action={action} submitLabel="Save" pendingLabel="Saving…" testId={`${testIdPrefix}-${tr.locale}`}>
        <input type="hidden" name="id" value={id} />
        <input type="hidden" name="locale" value={tr.locale} />
        <Field name="name" label={`Name (${tr.label})`} maxLength={nameMaxLength} defaultValue={tr.name} />
        <Field
          name="description"
          label={`Description (${tr.label})`}
          multiline
          maxLength={descriptionMaxLength}
          defaultValue={tr.description}
        />
      </ActionForm>
    </section>
  ));
}

const show = (v: unknown) => (typeof v === 'string' ? (v.length > 60 ? `${v.slice(0, 60)}…` : v) : JSON.stringify(v));

/** The audit log of one item: who changed what and when, each field's change as before → after. */
export function EditHistory({
  history,
  verbs,
  testId,
  withoutDetail = [],
}: {
  history: HistoryEntry[];
  /** Each action's word ("Translated"); others show as "Edited". */
  verbs: Record<string, string>;
  testId: string;
  /** Actions whose detail is not a list of changes (a creation's is the whole item). */
  withoutDetail?: string[];
}) {
  return (
    <aside aria-labelledby="history-heading" className="space-y-3">
      <h2 id="history-heading" className="text-lg font-semibold">
        History
      </h2>
      {history.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">No changes made in the back office yet.</p>
      ) : (
        <ol className="space-y-3 text-sm" data-testid={testId}>
          {history.map((h) => (
            <li key={h.id} className="rounded-lg border border-zinc-200 p-3 dark:border-zinc-800">
              <p className="font-medium">
                {verbs[h.action] ?? 'Edited'} by {h.actorEmail}
              </p>
              <p className="text-zinc-500 dark:text-zinc-400">
                <Timestamp date={h.at} />
              </p>
              {!withoutDetail.includes(h.action) && h.detail && (
                <ul className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
                  {Object.entries(h.detail).map(([field, change]) => (
                    <li key={field}>
                      {field}: {Array.isArray(change) ? `${show(change[0])} → ${show(change[1])}` : show(change)}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
      )}
    </aside>
  );
}
