'use client';

import { useTranslations } from 'next-intl';
import { RetryingError } from '@/components/ui/retrying-error';

export default function OrderError({ error, retry }: { error: unknown; retry: () => void }) {
  const t = useTranslations('errors');
  return <RetryingError error={error} retry={retry} title={t('orderTitle')} detail={t('orderDetail')} again={t('again')} />;
}
