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

const integration = (name: string, db: 'pglite' | 'postgres') => ({
  ...shared,
  test: {
    name,
    include: ['tests/integration/**/*.test.ts'],
    setupFiles: ['tests/helpers/integration-setup.ts'],
    // PGlite test databases are restored from one migrated and seeded image made before the files run.
    globalSetup: db === 'pglite' ? ['tests/helpers/pglite-image-setup.ts'] : [],
    env: { TEST_DB: db },
    // next-auth imports 'next/server' without an extension, which Node's ESM resolver refuses.
    server: { deps: { inline: ['next-auth'] } },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

export default defineConfig({
  test: {
    projects: [
      { ...shared, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'] } },
      integration('integration:pglite', 'pglite'),
      // The same integration suite against a real PostgreSQL server, when one is given.
      ...(process.env.TEST_DATABASE_URL ? [integration('integration:postgres', 'postgres')] : []),
    ],
  },
});
