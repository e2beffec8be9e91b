// @ts-check
// eslint-disable-next-line @typescript-eslint/no-require-imports -- this config is CommonJS; next-intl ships a CommonJS plugin entry
const createNextIntlPlugin = require('next-intl/plugin');

// next-intl reads its per-request configuration from i18n/request.ts (docs/i18n.md). The plugin
// only wires that module in: no route, redirect or header changes until locale routing is on.
const withNextIntl = createNextIntlPlugin('./i18n/request.ts');

/** @type {import('next').NextConfig} */
const nextConfig = {
  // `node .next/standalone/server.js` runs the shop from the built folder alone (README "Any host");
  // `next start` serves the same build. The migrations are read at run time (PGlite, MIGRATE_ON_START).
  output: 'standalone',
  // Digital products' files (DIGITAL_FILES_DIR's default) are read at run time too.
  outputFileTracingIncludes: { '/**': ['./db/migrations/**/*', './storage/digital/**/*'] },
  // Bundled PGlite fails at run time ("Received an instance of URL"); keep it external.
  // React Email renders with react-dom/server, which the server-components bundle refuses: loaded
  // by Node itself, it gets the ordinary server build.
  serverExternalPackages: ['@electric-sql/pglite', '@react-email/components'],
  poweredByHeader: false,
  experimental: {
    // forbidden()/unauthorized(): admin pages, actions and routes answer real 403/401 (lib/auth/dal.ts).
    authInterrupts: true,
    serverActions: {
      // Extra hosts whose pages may call server actions (proxy.ts applies the same list, from the
      // same variable, to answer 403 instead of Next's 500). bodySizeLimit stays at Next's 1 MB,
      // which lib/http/server-action-guard.ts mirrors.
      allowedOrigins: (process.env.SERVER_ACTIONS_ALLOWED_ORIGINS ?? '')
        .split(',')
        .map((h) => h.trim().toLowerCase())
        .filter(Boolean),
    },
  },
  // Headers that never depend on configuration, on every response including static files. CSP and
  // HSTS depend on the running configuration and are added per request by proxy.ts.
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          // Order URLs carry their credential (the token): never send it to other origins.
          { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'X-Frame-Options', value: 'DENY' },
        ],
      },
    ];
  },
};

module.exports = withNextIntl(nextConfig);
