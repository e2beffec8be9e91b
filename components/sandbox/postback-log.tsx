import 'server-only';
import type { Translator } from '@/lib/i18n/messages';
import type { PayPageAttempt } from '@/lib/sandbox/pay-page';

/** Every delivery attempt of this invoice's postbacks: time, URL and HTTP status or error. */
export function PostbackLog({ attempts, t }: { attempts: PayPageAttempt[]; t: Translator<'sandboxPay'> }) {
  return (
    <section aria-labelledby="postback-log-title" className="space-y-3" data-testid="sandbox-postbacks">
      <h2 id="postback-log-title" className="text-base font-semibold text-zinc-900 dark:text-zinc-100">
        {t('postbacks.title')}
      </h2>
      {attempts.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">{t('postbacks.none')}</p>
      ) : (
        <div className="overflow-x-auto rounded-lg ring-1 ring-zinc-200 dark:ring-zinc-800">
          <table className="min-w-full text-left text-sm">
            <thead className="bg-zinc-50 text-xs uppercase tracking-wide text-zinc-600 dark:bg-zinc-900 dark:text-zinc-400">
              <tr>
                <th scope="col" className="px-3 py-2">
                  {t('postbacks.time')}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t('postbacks.attempt')}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t('postbacks.invoiceStatus')}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t('postbacks.url')}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t('postbacks.result')}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
              {attempts.map((a) => {
                const ok = a.responseStatus !== null && a.responseStatus >= 200 && a.responseStatus < 300;
                return (
                  <tr key={a.id} data-testid="sandbox-postback-attempt">
                    <td className="whitespace-nowrap px-3 py-2 font-mono text-xs">
                      <time dateTime={a.at}>{a.at.replace('T', ' ').replace('Z', '')}</time>
                    </td>
                    <td className="px-3 py-2 tabular-nums">{a.attempt}</td>
                    <td className="px-3 py-2">{a.invoiceStatus}</td>
                    <td className="max-w-56 truncate px-3 py-2 font-mono text-xs" title={a.url}>
                      {a.url}
                    </td>
                    <td
                      className={`px-3 py-2 font-medium ${ok ? 'text-emerald-700 dark:text-emerald-400' : 'text-red-700 dark:text-red-400'}`}
                    >
                      {a.responseStatus !== null ? `HTTP ${a.responseStatus}` : (a.error ?? t('postbacks.failed'))}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
