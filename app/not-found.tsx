import { EnglishPage } from '@/components/layout/english-page';
import { NotFoundContent } from '@/components/layout/not-found-content';
import { DEFAULT_LOCALE } from '@/i18n/routing';

/** A path no page answers outside the buyer's pages (buyer pages have app/[locale]/not-found.tsx). */
export default function NotFound() {
  return (
    <EnglishPage>
      <NotFoundContent locale={DEFAULT_LOCALE} />
    </EnglishPage>
  );
}
