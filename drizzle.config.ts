import { defineConfig } from 'drizzle-kit';

// Only `generate` is used: migrations are applied by the app (PGlite) or by `npm run db:migrate`.
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema.ts',
  out: './db/migrations',
});
