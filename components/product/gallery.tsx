import Image from 'next/image';
import { getTranslations } from 'next-intl/server';
import { Link } from '@/i18n/navigation';
import type { ProductImageView } from '@/lib/catalog';

/**
 * The product's images: the chosen one large, the others as thumbnail links (`?image=2`, keeping
 * the chosen variant), so it works with the keyboard and without JavaScript.
 */
export async function Gallery({
  images,
  current,
  hrefFor,
}: {
  images: ProductImageView[];
  current: number;
  hrefFor: (image: number) => string;
}) {
  const t = await getTranslations('product');
  const shown = images[current] ?? images[0]!;
  return (
    <div className="space-y-3" data-testid="gallery">
      <Image
        src={shown.src}
        alt={shown.alt}
        width={600}
        height={600}
        // Full width on phones, half the page (at most 36 rem of a 72 rem container) from md up.
        sizes="(min-width: 1152px) 576px, (min-width: 768px) 50vw, 100vw"
        priority
        unoptimized={shown.src.endsWith('.svg')}
        data-testid="gallery-main"
        className="aspect-square w-full rounded-2xl object-cover"
      />
      {images.length > 1 && (
        <ul className="flex gap-3" aria-label={t('images')}>
          {images.map((image, i) => (
            <li key={image.src}>
              <Link
                href={hrefFor(i + 1)}
                scroll={false}
                replace
                aria-current={i === current ? 'true' : undefined}
                aria-label={t('showImage', { n: i + 1, total: images.length, alt: image.alt })}
                data-testid="gallery-thumb"
                className={`block overflow-hidden rounded-lg border-2 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500 ${
                  i === current ? 'border-brand-600' : 'border-transparent hover:border-zinc-400'
                }`}
              >
                <Image
                  src={image.src}
                  alt=""
                  width={80}
                  height={80}
                  sizes="80px"
                  unoptimized={image.src.endsWith('.svg')}
                  className="size-20 object-cover"
                />
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
