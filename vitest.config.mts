import path from 'node:path';
import { defineConfig } from 'vitest/config';

const root = import.meta.dirname;
const shared = {
  resolve: {
    alias: {
      '@': root,
      // Server modules import 'server-only' to keep them out of client bundles; tests are server code.
      'server-only': path.join(root, 'node_modules/server-only/empty.js'),
    },
  },
};

// Files whose tests make bursts (hundreds of postbacks or checkouts at once, tens of streams) or
// wait on a database's faults, each within a test's timeout. They run after everything else, one
// file at a time, so nothing else takes the two cores from them; the rest runs two files at a time.
const ALONE = [
  'tests/integration/orders-postback.test.ts',
  'tests/integration/orders-unreadable-invoices.test.ts',
  'tests/integration/postback-hostile-bodies.test.ts',
  'tests/integration/postback-burst.test.ts',
  'tests/integration/orders-checkout.test.ts',
  'tests/integration/fulfilment-digital.test.ts',
  'tests/integration/order-status-stream.test.ts',
  'tests/integration/db-faults.test.ts',
];
/** Files at a time in the first group (unit, and the integration files not ALONE). */
const TOGETHER = Number(process.env.VITEST_MAX_WORKERS ?? 2);

const integration = (name: string, db: 'pglite' | 'postgres', alone: boolean) => ({
  ...shared,
  test: {
    name: alone ? `${name}:alone` : name,
    include: alone ? ALONE : ['tests/integration/**/*.test.ts'],
    exclude: alone ? [] : ALONE,
    setupFiles: ['tests/helpers/integration-setup.ts'],
    // PGlite test databases are restored from one migrated and seeded image made before the files run.
    globalSetup: db === 'pglite' ? ['tests/helpers/pglite-image-setup.ts'] : [],
    env: { TEST_DB: db },
    // next-auth imports 'next/server', and next-intl's navigation 'next/navigation', without an
    // extension, which Node's ESM resolver refuses.
    server: { deps: { inline: ['next-auth', 'next-intl'] } },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    maxWorkers: alone ? 1 : TOGETHER,
    sequence: { groupOrder: alone ? 1 : 0 },
  },
});

const postgres = Boolean(process.env.TEST_DATABASE_URL);

export default defineConfig({
  test: {
    projects: [
      { ...shared, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], maxWorkers: TOGETHER, sequence: { groupOrder: 0 } } },
      integration('integration:pglite', 'pglite', false),
      // The same integration suite against a real PostgreSQL server, when one is given.
      ...(postgres ? [integration('integration:postgres', 'postgres', false)] : []),
      integration('integration:pglite', 'pglite', true),
      ...(postgres ? [integration('integration:postgres', 'postgres', true)] : []),
    ],
  },
});
