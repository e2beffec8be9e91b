// Runs before each integration test file: gives the file its own fresh database and makes it the
// process-wide one that app code reaches through getDb().
import { afterAll } from 'vitest';
import { setDb } from '@/db/client';
import { resetEnvCache } from '@/lib/env';
import { createTestDb, type TestDbKind } from './test-db';

const kind = (process.env.TEST_DB ?? 'pglite') as TestDbKind;
delete process.env.DATABASE_URL;
delete process.env.POSTGRES_URL;
resetEnvCache();

const testDb = await createTestDb(kind);
setDb(testDb);

afterAll(async () => {
  await testDb.destroy();
});
