import { afterEach, describe, expect, it } from 'vitest';
import { databaseRefusal, migrateOnBuild, migrationUrlVariable } from '@/lib/deploy';
import { env, resetEnvCache } from '@/lib/env';

const saved = { ...process.env };
const DEPLOY_VARS = [
  'APP_URL',
  'PORT',
  'DATABASE_URL',
  'DATABASE_URL_UNPOOLED',
  'POSTGRES_URL',
  'POSTGRES_URL_NON_POOLING',
  'MIGRATE_ON_BUILD',
  'VERCEL',
  'VERCEL_ENV',
  'VERCEL_URL',
  'VERCEL_PROJECT_PRODUCTION_URL',
  'DEPLOY_ENV',
];

function withEnv(vars: Record<string, string>) {
  process.env = { ...saved };
  for (const k of DEPLOY_VARS) delete process.env[k];
  Object.assign(process.env, vars);
  resetEnvCache();
  return env();
}

afterEach(() => {
  process.env = { ...saved };
  resetEnvCache();
});

const POOLED = 'postgresql://u:p@ep-x-pooler.eu-central-1.aws.neon.tech/neondb?sslmode=require';
const DIRECT = 'postgresql://u:p@ep-x.eu-central-1.aws.neon.tech/neondb?sslmode=require';

describe('database URLs from hosting integrations', () => {
  it("reads DATABASE_URL first (Vercel's Neon integration, pooled) and migrates through DATABASE_URL_UNPOOLED", () => {
    const e = withEnv({
      DATABASE_URL: POOLED,
      DATABASE_URL_UNPOOLED: DIRECT,
      POSTGRES_URL: 'postgres://old@h/db',
      POSTGRES_URL_NON_POOLING: 'postgres://old@h2/db',
    });
    expect(e.databaseUrl).toBe(POOLED);
    expect(e.migrationDatabaseUrl).toBe(DIRECT);
    expect(migrationUrlVariable(e)).toBe('DATABASE_URL_UNPOOLED');
  });

  it('falls back to POSTGRES_URL (older Vercel Postgres projects) with its POSTGRES_URL_NON_POOLING', () => {
    const e = withEnv({ POSTGRES_URL: POOLED, POSTGRES_URL_NON_POOLING: DIRECT });
    expect([e.databaseUrl, e.migrationDatabaseUrl, migrationUrlVariable(e)]).toEqual([POOLED, DIRECT, 'POSTGRES_URL_NON_POOLING']);
  });

  it("never pairs DATABASE_URL with another database's direct URL: without DATABASE_URL_UNPOOLED it migrates through DATABASE_URL", () => {
    const e = withEnv({ DATABASE_URL: DIRECT, POSTGRES_URL_NON_POOLING: 'postgres://other@h/otherdb' });
    expect([e.migrationDatabaseUrl, migrationUrlVariable(e)]).toEqual([DIRECT, 'DATABASE_URL']);
  });

  it('rejects a direct URL that is not a postgres connection string, naming it', () => {
    expect(() => withEnv({ DATABASE_URL: POOLED, DATABASE_URL_UNPOOLED: 'mysql://x' })).toThrow(/DATABASE_URL_UNPOOLED/);
  });
});

describe('APP_URL on Vercel', () => {
  it('defaults to the production domain in production and to the deployment itself on a preview', () => {
    const vercel = { VERCEL: '1', VERCEL_PROJECT_PRODUCTION_URL: 'shop.example.com', VERCEL_URL: 'shop-git-x-team.vercel.app' };
    expect(withEnv({ ...vercel, VERCEL_ENV: 'production' }).APP_URL).toBe('https://shop.example.com');
    expect(withEnv({ ...vercel, VERCEL_ENV: 'preview' }).APP_URL).toBe('https://shop-git-x-team.vercel.app');
    expect(withEnv({ ...vercel, VERCEL_ENV: 'production', APP_URL: 'https://pay.example.org/' }).APP_URL).toBe('https://pay.example.org');
  });

  it('is untouched off Vercel', () => {
    expect(withEnv({ VERCEL_URL: 'x.vercel.app', PORT: '4100' }).APP_URL).toBe('http://localhost:4100');
  });
});

describe('deployment decisions', () => {
  it('migrates during the build of a Vercel production deployment only, unless MIGRATE_ON_BUILD is on', () => {
    expect(migrateOnBuild(withEnv({ VERCEL: '1', VERCEL_ENV: 'production' })).migrate).toBe(true);
    const preview = migrateOnBuild(withEnv({ VERCEL: '1', VERCEL_ENV: 'preview' }));
    expect(preview).toEqual({ migrate: false, reason: expect.stringContaining('MIGRATE_ON_BUILD') });
    expect(migrateOnBuild(withEnv({})).migrate).toBe(false);
    expect(migrateOnBuild(withEnv({ DEPLOY_ENV: 'production' })).migrate).toBe(false);
    expect(migrateOnBuild(withEnv({ VERCEL: '1', VERCEL_ENV: 'preview', MIGRATE_ON_BUILD: '1' })).migrate).toBe(true);
  });

  it('refuses a production deployment on the embedded PGlite, naming DATABASE_URL', () => {
    expect(databaseRefusal(withEnv({ DEPLOY_ENV: 'production' }))).toMatch(/^DEPLOY_ENV=production, but no database .*DATABASE_URL/);
    expect(databaseRefusal(withEnv({ VERCEL_ENV: 'production' }))).toMatch(/^VERCEL_ENV=production/);
    expect(databaseRefusal(withEnv({ DEPLOY_ENV: 'production', POSTGRES_URL: POOLED }))).toBeNull();
    expect(databaseRefusal(withEnv({ VERCEL_ENV: 'preview' }))).toBeNull();
  });
});
