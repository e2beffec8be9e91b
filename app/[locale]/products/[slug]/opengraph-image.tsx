import { ImageResponse } from 'next/og';
import { hasLocale } from 'next-intl';
import { getTranslations } from 'next-intl/server';
import { routing } from '@/i18n/routing';
import { getActiveProduct } from '@/lib/catalog';
import { env } from '@/lib/env';
import { formatPrice } from '@/lib/i18n/format';
import { productsInLocale } from '@/lib/translations';

// The catalog is in the database, which does not exist at build time.
export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';
const size = { width: 1200, height: 630 };

/** One picture per page, described in the page's language (a static `alt` export would be English only). */
export async function generateImageMetadata({ params }: { params: { locale: string } }) {
  const locale = hasLocale(routing.locales, params.locale) ? params.locale : routing.defaultLocale;
  const t = await getTranslations({ locale, namespace: 'product' });
  return [{ id: 'card', alt: t('ogAlt'), size, contentType: 'image/png' }];
}

/** The picture a shared product link shows: name, price and the shop's name. */
export default async function OpenGraphImage({ params }: { params: Promise<{ locale: string; slug: string }> }) {
  const { locale: segment, slug } = await params;
  const locale = hasLocale(routing.locales, segment) ? segment : routing.defaultLocale;
  const found = await getActiveProduct(slug);
  const [product] = found ? await productsInLocale([found], locale) : [];
  const t = await getTranslations({ locale, namespace: 'product' });
  const { SHOP_NAME } = env();
  return new ImageResponse(
    <div
      style={{
        width: '100%',
        height: '100%',
        display: 'flex',
        flexDirection: 'column',
        justifyContent: 'space-between',
        padding: 80,
        background: 'linear-gradient(135deg, #1e1b4b 0%, #4338ca 100%)',
        color: 'white',
      }}
    >
      <div style={{ fontSize: 32, opacity: 0.85 }}>{SHOP_NAME}</div>
      <div style={{ display: 'flex', flexDirection: 'column', gap: 24 }}>
        <div style={{ fontSize: 72, fontWeight: 700, lineHeight: 1.1 }}>{product?.name ?? SHOP_NAME}</div>
        {product && <div style={{ fontSize: 48 }}>{formatPrice(product.priceMinor, product.currency, locale)}</div>}
      </div>
      <div style={{ fontSize: 28, opacity: 0.85 }}>{t('ogTagline')}</div>
    </div>,
    size,
  );
}
