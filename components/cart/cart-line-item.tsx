import { getLocale, getTranslations } from 'next-intl/server';
import { QuantityStepper } from '@/components/cart/quantity-stepper';
import { Price } from '@/components/product/price';
import { Link } from '@/i18n/navigation';
import type { Locale } from '@/i18n/routing';
import type { CartLine } from '@/lib/cart';

/** One cart line (image, name, prices, stepper): the cart page and the cart drawer. */
export async function CartLineItem({ line, locale: given, compact = false }: { line: CartLine; locale?: Locale; compact?: boolean }) {
  const locale = given ?? ((await getLocale()) as Locale);
  const t = await getTranslations({ locale, namespace: 'cartLine' });
  return (
    <li data-testid={compact ? 'drawer-line' : 'cart-line'} className="flex gap-4 py-4">
      {/* eslint-disable-next-line @next/next/no-img-element -- local SVGs need no optimisation */}
      <img
        src={line.image}
        alt=""
        width={96}
        height={96}
        className={`${compact ? 'size-16' : 'size-20 sm:size-24'} shrink-0 rounded-lg object-cover`}
      />
      <div className="flex min-w-0 flex-1 flex-col gap-2">
        <div className="flex justify-between gap-4">
          <Link
            href={line.sku ? `/products/${line.slug}?variant=${encodeURIComponent(line.sku)}` : `/products/${line.slug}`}
            locale={locale}
            className="font-medium break-words hover:underline"
          >
            {line.name}
          </Link>
          <Price minor={line.lineTotalMinor} currency={line.currency} className="font-semibold" />
        </div>
        {line.variantLabel && (
          <p className="text-sm" data-testid={compact ? 'drawer-line-variant' : 'cart-line-variant'}>
            {line.variantLabel}
          </p>
        )}
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          {t.rich('each', { price: () => <Price minor={line.unitPriceMinor} currency={line.currency} /> })}
        </p>
        {line.problem && (
          <p role="alert" className="text-sm font-medium text-red-700 dark:text-red-400">
            {line.problem}
          </p>
        )}
        <QuantityStepper
          productId={line.productId}
          variantId={line.variantId}
          quantity={line.quantity}
          name={line.variantLabel ? `${line.name} (${line.variantLabel})` : line.name}
          testId={compact ? 'drawer-line-quantity' : 'cart-line-quantity'}
        />
      </div>
    </li>
  );
}
