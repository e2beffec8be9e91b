import 'server-only';
import { payLinkOrigins, payLinkPolicy } from '@/lib/cryptocloud';
import { env } from '@/lib/env';

const isDev = process.env.NODE_ENV !== 'production';

/**
 * The headers that depend on configuration, computed from the running server's environment (not
 * at build time, so an APP_URL or pay host given only at run time counts). The constant ones
 * (nosniff, X-Frame-Options, Referrer-Policy) are in next.config.js.
 */
export function securityHeaders(): Record<string, string> {
  const headers: Record<string, string> = { 'Content-Security-Policy': contentSecurityPolicy() };
  if (env().APP_URL.startsWith('https://')) headers['Strict-Transport-Security'] = 'max-age=63072000; includeSubDomains';
  return headers;
}

function contentSecurityPolicy(): string {
  return [
    "default-src 'self'",
    // Next inlines its bootstrap scripts, so script-src needs 'unsafe-inline' without per-request nonces.
    `script-src 'self' 'unsafe-inline'${isDev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${isDev ? ' ws: wss:' : ''}`,
    // A checkout posted without JavaScript is answered with a 303 to the pay link, and the browser
    // checks that redirect against form-action: list exactly where pay links may point.
    ["form-action 'self'", ...payLinkOrigins(payLinkPolicy())].join(' '),
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "object-src 'none'",
  ].join('; ');
}
