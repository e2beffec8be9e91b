import type { Messages } from './messages';

/**
 * The namespaces client components read with `useTranslations`: only these travel to the browser
 * (app/[locale]/layout.tsx), so the page's JavaScript does not grow with every message of the shop.
 */
export const CLIENT_NAMESPACES = ['cartClient', 'errors'] as const satisfies readonly (keyof Messages)[];

export function pickMessages(messages: Record<string, unknown>, namespaces: readonly string[]) {
  return Object.fromEntries(namespaces.filter((n) => n in messages).map((n) => [n, messages[n]]));
}
