import { createNavigation } from 'next-intl/navigation';
import { routing } from './routing';

/**
 * Locale-aware `Link`, `redirect` and `getPathname`: `href="/cart"` becomes `/ru/cart` on a
 * Russian page and stays `/cart` on an English one (`localePrefix: 'as-needed'`).
 */
export const { Link, redirect, getPathname, usePathname, useRouter } = createNavigation(routing);
