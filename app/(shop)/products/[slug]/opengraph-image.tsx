import { ImageResponse } from 'next/og';
import { getActiveProduct } from '@/lib/catalog';
import { env } from '@/lib/env';
import { formatMoney } from '@/lib/money';

// The catalog is in the database, which does not exist at build time.
export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';
export const alt = 'The product, its price and the shop';
export const size = { width: 1200, height: 630 };
export const contentType = 'image/png';

/** The picture a shared product link shows: name, price and the shop's name. */
export default async function OpenGraphImage({ params }: { params: Promise<{ slug: string }> }) {
  const product = await getActiveProduct((await params).slug);
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
        {product && <div style={{ fontSize: 48 }}>{formatMoney(product.priceMinor, product.currency)}</div>}
      </div>
      <div style={{ fontSize: 28, opacity: 0.85 }}>Pay with crypto through CryptoCloud</div>
    </div>,
    size,
  );
}
