import { env } from '@/lib/env';
import { localPath, RETRY_AFTER_SECONDS } from '@/lib/unavailable';

export const dynamic = 'force-dynamic';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * Where a page that could not reach the database sends the buyer (lib/unavailable.ts): a real
 * 503 with Retry-After, in the buyer's words, that reloads the page it came from by itself (a
 * meta refresh, so it works without JavaScript too). A route handler, because a page cannot
 * answer 503 in Next 16.
 */
export function GET(request: Request) {
  const from = localPath(new URL(request.url).searchParams.get('from')) ?? '/';
  const order = from.startsWith('/orders/');
  const title = order ? 'We could not load your order. Retrying…' : 'We could not load this page. Retrying…';
  const detail = order
    ? 'Your order is safe. The shop cannot reach its database for a moment; this page tries again by itself.'
    : 'The shop cannot reach its database for a moment; this page tries again by itself.';
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="${RETRY_AFTER_SECONDS};url=${escape(from)}">
<title>${escape(title)} · ${escape(env().SHOP_NAME)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;line-height:1.5;color:#18181b}a{color:inherit}</style>
</head>
<body>
<main role="alert" data-testid="unavailable">
<h1>${escape(title)}</h1>
<p>${escape(detail)}</p>
<p><a href="${escape(from)}">Try again now</a></p>
</main>
</body>
</html>
`;
  return new Response(html, {
    status: 503,
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'Retry-After': String(RETRY_AFTER_SECONDS),
      'Cache-Control': 'no-store',
      // `from` may be an order page, whose path is its credential.
      'Referrer-Policy': 'no-referrer',
    },
  });
}
