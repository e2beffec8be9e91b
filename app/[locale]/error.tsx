'use client';

import { useTranslations } from 'next-intl';
import { RetryingError } from '@/components/ui/retrying-error';

/** A buyer page failed (usually: the database is unreachable for a moment), in the page's language. */
export default function PageError({ error, retry }: { error: unknown; retry: () => void }) {
  const t = useTranslations('errors');
  return <RetryingError error={error} retry={retry} title={t('pageTitle')} detail={t('pageDetail')} again={t('again')} />;
}
