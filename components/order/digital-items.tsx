import { getTranslations } from 'next-intl/server';
import type { OrderView } from '@/lib/orders/queries';

/** A paid order's downloads (signed, expiring links made for this page view) and license keys. */
export async function DigitalItems({ digital }: { digital: NonNullable<OrderView['digital']> }) {
  const t = await getTranslations('order');
  return (
    <div className="mt-3 space-y-3 rounded-lg bg-zinc-50 p-4 text-sm dark:bg-zinc-900" data-testid="digital-items">
      <h2 className="text-base font-semibold">{t('digitalTitle')}</h2>
      {digital.downloads.length > 0 && (
        <ul className="space-y-2">
          {digital.downloads.map((d) => (
            <li key={d.url} data-testid="download">
              <span className="font-medium">{d.name}</span>:{' '}
              {d.remaining > 0 ? (
                <a href={d.url} className="font-semibold text-brand-600 underline" data-testid="download-link" rel="noreferrer">
                  {t('download', { file: d.fileName })}
                </a>
              ) : (
                <span>{t('noDownloads')}</span>
              )}{' '}
              <span className="text-zinc-500 dark:text-zinc-400">{t('downloadsLeft', { count: d.remaining })}</span>
            </li>
          ))}
        </ul>
      )}
      {digital.keys.length > 0 && (
        <ul className="space-y-2">
          {digital.keys.map((k, i) => (
            <li key={i} data-testid="license-key">
              <span className="font-medium">{k.name}</span>:{' '}
              <code className="rounded bg-white px-2 py-1 font-mono dark:bg-zinc-800">{k.key}</code>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
