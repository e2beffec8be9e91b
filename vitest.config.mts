import os from 'node:os';
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
    // Vitest's default is one worker less than the cores: one on a two-core CI machine, which left
    // a core idle while integration files wait on databases, HTTP and child processes. Each file
    // has its own database, so files need no ordering. Not more than the cores: the burst tests
    // (200 postbacks at once on PGlite, 1,000 invalid tokens, a batch of 100) timed out with three
    // workers on a machine loaded by other work.
    maxWorkers: os.availableParallelism(),
    projects: [
      { ...shared, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'] } },
      integration('integration:pglite', 'pglite'),
      // The same integration suite against a real PostgreSQL server, when one is given.
      ...(process.env.TEST_DATABASE_URL ? [integration('integration:postgres', 'postgres')] : []),
    ],
  },
});
