import { getLocale, getTranslations } from 'next-intl/server';
import { Link } from '@/i18n/navigation';
import type { Locale } from '@/i18n/routing';
import { optionNameIn } from '@/lib/i18n/messages';
import type { PickerOption } from '@/lib/variants';

const base = 'inline-flex min-w-12 items-center justify-center rounded-lg border px-3 py-2 text-sm font-medium';

/**
 * The options as links (`?size=M`): choosing works without JavaScript and the URL says what is
 * chosen. A value no variant has next to the current choice, or only sold-out ones have, is shown
 * but cannot be picked.
 */
export async function VariantPicker({ slug, options }: { slug: string; options: PickerOption[] }) {
  const [t, nameOf] = await Promise.all([getTranslations('product'), getLocale().then((l) => optionNameIn(l as Locale))]);
  return (
    <div className="space-y-4" data-testid="variant-picker">
      {options.map((o) => (
        <div key={o.name} role="group" aria-labelledby={`option-${o.param}`}>
          <p id={`option-${o.param}`} className="mb-2 text-sm font-medium">
            {nameOf(o.name)}
            {o.values.find((v) => v.selected) && <span className="font-normal">: {o.values.find((v) => v.selected)!.value}</span>}
          </p>
          <ul className="flex flex-wrap gap-2">
            {o.values.map((v) =>
              v.state === 'available' ? (
                <li key={v.value}>
                  <Link
                    href={`/products/${slug}?${v.query}`}
                    scroll={false}
                    aria-current={v.selected ? 'true' : undefined}
                    data-testid="variant-option"
                    data-value={v.value}
                    className={`${base} ${
                      v.selected
                        ? 'border-brand-600 bg-brand-600 text-white'
                        : 'border-zinc-300 hover:border-zinc-500 dark:border-zinc-700 dark:hover:border-zinc-400'
                    } focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500`}
                  >
                    <span className="sr-only">{nameOf(o.name)} </span>
                    {v.value}
                  </Link>
                </li>
              ) : (
                <li key={v.value}>
                  <span
                    aria-disabled="true"
                    data-testid="variant-option"
                    data-value={v.value}
                    data-state={v.state}
                    className={`${base} cursor-not-allowed border-dashed border-zinc-300 text-zinc-500 line-through dark:border-zinc-700 dark:text-zinc-400`}
                  >
                    <span className="sr-only">{nameOf(o.name)} </span>
                    {v.value}
                    <span className="sr-only">{v.state === 'sold-out' ? t('soldOutValue') : t('unavailableValue')}</span>
                  </span>
                </li>
              ),
            )}
          </ul>
        </div>
      ))}
    </div>
  );
}
