import { getTranslations } from 'next-intl/server';
import { buttonClass } from '@/components/ui/button';
import { Link } from '@/i18n/navigation';
import type { Locale } from '@/i18n/routing';

/** "Page not found", in a language: the buyer pages' 404 and the root one. */
export async function NotFoundContent({ locale }: { locale: Locale }) {
  const t = await getTranslations({ locale, namespace: 'notFound' });
  return (
    <section className="mx-auto max-w-md py-16 text-center">
      <p className="text-sm font-semibold text-brand-600">404</p>
      <h1 className="mt-2 text-2xl font-bold">{t('title')}</h1>
      <p className="mt-3 text-zinc-600 dark:text-zinc-400">{t('body')}</p>
      <Link href="/" locale={locale} className={`${buttonClass} mt-6`}>
        {t('back')}
      </Link>
    </section>
  );
}
