// @ts-check

const isDev = process.env.NODE_ENV !== 'production';

// Hosts a payment link may point to (lib/env.ts reads the same variable). A checkout form posted
// without JavaScript is answered with a 303 to the pay page, and browsers check that redirect
// against `form-action`, so the pay hosts must be listed there.
const payHosts = (process.env.CRYPTOCLOUD_PAY_HOSTS ?? 'pay.cryptocloud.plus,pay.trybit.com')
  .split(',')
  .map((h) => h.trim())
  .filter(Boolean)
  .map((h) => `https://${h}`);

// Next inlines its bootstrap scripts, so script-src needs 'unsafe-inline' without per-request
// nonces; everything else is locked to this origin.
const csp = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${isDev ? " 'unsafe-eval'" : ''}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  `connect-src 'self'${isDev ? ' ws: wss:' : ''}`,
  `form-action 'self' ${payHosts.join(' ')}`,
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "object-src 'none'",
].join('; ');

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Bundled PGlite fails at run time ("Received an instance of URL"); keep it external.
  serverExternalPackages: ['@electric-sql/pglite'],
  poweredByHeader: false,
  // forbidden()/unauthorized(): admin pages, actions and routes answer real 403/401 (lib/auth/dal.ts).
  experimental: { authInterrupts: true },
  async headers() {
    const secure = (process.env.APP_URL ?? '').startsWith('https://');
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'Content-Security-Policy', value: csp },
          // Order URLs carry their credential (the token): never send it to other origins.
          { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'X-Frame-Options', value: 'DENY' },
          ...(secure ? [{ key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains' }] : []),
        ],
      },
    ];
  },
};

module.exports = nextConfig;
