import { NextResponse, type NextRequest } from 'next/server';
import createMiddleware from 'next-intl/middleware';
import { routing } from '@/i18n/routing';
import { env } from '@/lib/env';
import { securityHeaders } from '@/lib/http/security-headers';
import { refuseMalformedActionBody, refuseServerAction } from '@/lib/http/server-action-guard';

// next-intl's locale routing (docs/i18n.md): `/ru/…` is Russian, an unprefixed path is English, or the
// buyer's language (the NEXT_LOCALE cookie, else Accept-Language) on a first visit, by a redirect.
const intl = createMiddleware(routing);

/** Paths outside the shop's language-prefixed pages: route handlers, the back office, the dev mailbox, the sandbox, files. */
const OUTSIDE = /^\/(?:api|admin|dev|sandbox|unavailable|bench|_next|_vercel)(?:\/|$)/;

/** A buyer page (in any language): what next-intl's routing applies to. Files (`/robots.txt`, `/icon.svg`) are not. */
export function isBuyerPath(pathname: string): boolean {
  return !OUTSIDE.test(pathname) && !/\.[^/]*$/.test(pathname);
}

/**
 * Runs before every page and route handler (static files excluded): answers forged, oversized or
 * unreadable server-action requests with 403/413/415/400 (Next refuses them too, but with a 500),
 * routes buyer pages by language (a refused action is answered, never redirected), and adds the
 * security headers that depend on the running configuration (CSP with the pay origins, HSTS) to
 * whatever the answer is.
 */
/**
 * The standalone server (`node .next/standalone/server.js`, Next 16.4) runs the proxy a second time
 * on the URL the first pass rewrote to (vercel/next.js#95528): `/products/x` is rewritten to
 * `/en/products/x`, and next-intl, seeing the default language's prefix, redirects back to
 * `/products/x`, for ever. That second pass carries the request headers the first one set
 * (`x-next-intl-locale`); a browser asking for `/en/…` itself does not, and is still redirected.
 */
function isRewrittenDefaultLocalePass(request: NextRequest, pathname: string): boolean {
  const prefix = `/${routing.defaultLocale}`;
  return (pathname === prefix || pathname.startsWith(`${prefix}/`)) && request.headers.get('x-next-intl-locale') === routing.defaultLocale;
}

export async function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  const refusal =
    refuseServerAction(request.method, pathname, request.headers, env().SERVER_ACTIONS_ALLOWED_ORIGINS) ??
    (await refuseMalformedActionBody(request, pathname));
  const response = refusal
    ? new NextResponse(`${refusal.reason}\n`, { status: refusal.status, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
    : isBuyerPath(pathname) && !isRewrittenDefaultLocalePass(request, pathname)
      ? intl(request)
      : NextResponse.next();
  for (const [name, value] of Object.entries(securityHeaders())) response.headers.set(name, value);
  return response;
}

export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'],
};
