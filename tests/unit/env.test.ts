import { afterEach, describe, expect, it } from 'vitest';
import { env, EnvError, resetEnvCache } from '@/lib/env';

const saved = { ...process.env };

function withEnv(vars: Record<string, string | undefined>) {
  process.env = { ...saved, ...vars };
  for (const [k, v] of Object.entries(vars)) if (v === undefined) delete process.env[k];
  resetEnvCache();
  return env;
}

afterEach(() => {
  process.env = { ...saved };
  resetEnvCache();
});

describe('env', () => {
  it('has working defaults with no configuration', () => {
    const e = withEnv({ PORT: undefined, APP_URL: undefined, DATABASE_URL: undefined, POSTGRES_URL: undefined })();
    expect(e.APP_URL).toBe('http://localhost:3000');
    expect(e.databaseUrl).toBeUndefined();
    expect(e.PGLITE_DIR).toBe('.data/pglite');
    expect(e.SHOP_CURRENCY).toBe('USD');
    expect(e.isProductionDeployment).toBe(false);
  });

  it('derives APP_URL from PORT and prefers DATABASE_URL over POSTGRES_URL', () => {
    const e = withEnv({
      PORT: '4123',
      APP_URL: undefined,
      DATABASE_URL: 'postgres://a@h/db1',
      POSTGRES_URL: 'postgres://b@h/db2',
    })();
    expect(e.APP_URL).toBe('http://localhost:4123');
    expect(e.databaseUrl).toBe('postgres://a@h/db1');
  });

  it('treats VERCEL_ENV/DEPLOY_ENV=production as a production deployment, not NODE_ENV', () => {
    expect(withEnv({ NODE_ENV: 'production', VERCEL_ENV: undefined, DEPLOY_ENV: undefined })().isProductionDeployment).toBe(false);
    expect(withEnv({ DEPLOY_ENV: 'production' })().isProductionDeployment).toBe(true);
    expect(withEnv({ VERCEL_ENV: 'production' })().isProductionDeployment).toBe(true);
  });

  it('bounds the database timeouts: 5 s by default, and a query timeout that leaves the server 1 s to cancel first', () => {
    const e = withEnv({ DB_CONNECT_TIMEOUT_MS: undefined, DB_QUERY_TIMEOUT_MS: undefined })();
    expect([e.DB_CONNECT_TIMEOUT_MS, e.DB_QUERY_TIMEOUT_MS]).toEqual([5_000, 5_000]);
    expect(withEnv({ DB_QUERY_TIMEOUT_MS: '1500' })).toThrow(/DB_QUERY_TIMEOUT_MS/);
    expect(withEnv({ DB_CONNECT_TIMEOUT_MS: '0' })).toThrow(/DB_CONNECT_TIMEOUT_MS/);
    expect(withEnv({ DB_QUERY_TIMEOUT_MS: '30000' })().DB_QUERY_TIMEOUT_MS).toBe(30_000);
  });

  it('names every bad variable in one readable error', () => {
    const read = withEnv({ PORT: 'eighty', DATABASE_URL: 'mysql://x', SHOP_CURRENCY: 'XYZ' });
    expect(read).toThrow(EnvError);
    try {
      read();
    } catch (err) {
      const msg = (err as Error).message;
      expect(msg).toContain('PORT: must be a whole number');
      expect(msg).toContain('DATABASE_URL: must be a postgres://');
      expect(msg).toContain('SHOP_CURRENCY: must be one of');
    }
  });

  it('validates the client-address settings', () => {
    expect(withEnv({ TRUSTED_PROXY_HOPS: undefined, CLIENT_IP_HEADER: undefined })().TRUSTED_PROXY_HOPS).toBe(0);
    expect(withEnv({ CLIENT_IP_HEADER: 'X-Real-IP' })().CLIENT_IP_HEADER).toBe('x-real-ip');
    expect(withEnv({ TRUSTED_PROXY_HOPS: '-1' })).toThrow(/TRUSTED_PROXY_HOPS: must be a whole number/);
    expect(withEnv({ TRUSTED_PROXY_HOPS: '11' })).toThrow(/TRUSTED_PROXY_HOPS/);
    expect(withEnv({ CLIENT_IP_HEADER: 'x-real-ip: 1.2.3.4' })).toThrow(/CLIENT_IP_HEADER: must be a header name/);
  });

  it('reads SERVER_ACTIONS_ALLOWED_ORIGINS as a list of hosts', () => {
    expect(withEnv({ SERVER_ACTIONS_ALLOWED_ORIGINS: undefined })().SERVER_ACTIONS_ALLOWED_ORIGINS).toEqual([]);
    expect(withEnv({ SERVER_ACTIONS_ALLOWED_ORIGINS: ' Shop.Example.com, *.example.org:8443 ' })().SERVER_ACTIONS_ALLOWED_ORIGINS).toEqual([
      'shop.example.com',
      '*.example.org:8443',
    ]);
    expect(withEnv({ SERVER_ACTIONS_ALLOWED_ORIGINS: 'https://shop.example.com' })).toThrow(
      /SERVER_ACTIONS_ALLOWED_ORIGINS.*without a scheme/,
    );
  });

  it('requires the three CryptoCloud keys together', () => {
    expect(withEnv({ CRYPTOCLOUD_API_KEY: 'k', CRYPTOCLOUD_SHOP_ID: undefined, CRYPTOCLOUD_SECRET_KEY: undefined })).toThrow(
      /must be set together/,
    );
  });
});
