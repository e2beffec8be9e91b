import { afterEach, describe, expect, it } from 'vitest';
import { allowTestInvoices, gatewaySettings, paymentsRefusal, paymentWarnings } from '@/lib/cryptocloud';
import { resetEnvCache } from '@/lib/env';

const saved = { ...process.env };
const LIVE = { CRYPTOCLOUD_API_KEY: 'k', CRYPTOCLOUD_SHOP_ID: 's', CRYPTOCLOUD_SECRET_KEY: 'x' };

function setEnv(vars: Record<string, string>) {
  process.env = { ...saved };
  for (const k of [...Object.keys(LIVE), 'CRYPTOCLOUD_SANDBOX', 'CRYPTOCLOUD_ALLOW_TEST_INVOICES', 'VERCEL_ENV', 'DEPLOY_ENV'])
    delete process.env[k];
  Object.assign(process.env, vars);
  resetEnvCache();
}

afterEach(() => {
  process.env = { ...saved };
  resetEnvCache();
});

describe('payment configuration checks', () => {
  it('a production deployment with no keys and no sandbox refuses to start, naming what to set', () => {
    for (const [declared, vars] of [
      ['DEPLOY_ENV', { DEPLOY_ENV: 'production' }],
      ['VERCEL_ENV', { VERCEL_ENV: 'production' }],
      ['DEPLOY_ENV', { DEPLOY_ENV: 'production', CRYPTOCLOUD_SANDBOX: 'off' }],
    ] as const) {
      setEnv(vars);
      expect(gatewaySettings().mode).toBe('disabled');
      const refusal = paymentsRefusal();
      expect(refusal).toContain(`${declared}=production`);
      for (const name of ['CRYPTOCLOUD_API_KEY', 'CRYPTOCLOUD_SHOP_ID', 'CRYPTOCLOUD_SECRET_KEY', 'CRYPTOCLOUD_SANDBOX=on'])
        expect(refusal).toContain(name);
    }
  });

  it('starts in production with live keys or the sandbox on, and anywhere outside production', () => {
    const cases: Record<string, string>[] = [
      { DEPLOY_ENV: 'production', ...LIVE },
      { DEPLOY_ENV: 'production', CRYPTOCLOUD_SANDBOX: 'on' },
      {},
      { CRYPTOCLOUD_SANDBOX: 'off' },
    ];
    for (const vars of cases) {
      setEnv(vars);
      expect(paymentsRefusal()).toBeNull();
    }
  });

  it('keeps the test-mode rule: accepted except in production with live keys, unless overridden', () => {
    setEnv({ ...LIVE });
    expect(allowTestInvoices()).toBe(true);
    setEnv({ ...LIVE, DEPLOY_ENV: 'production' });
    expect(allowTestInvoices()).toBe(false);
    setEnv({ ...LIVE, DEPLOY_ENV: 'production', CRYPTOCLOUD_ALLOW_TEST_INVOICES: 'true' });
    expect(allowTestInvoices()).toBe(true);
    setEnv({});
    expect(allowTestInvoices()).toBe(true);
  });

  it('warns whenever test-mode invoices count as paid while live keys are set', () => {
    setEnv({ ...LIVE });
    expect(paymentWarnings()).toEqual([
      expect.stringMatching(/Live CryptoCloud keys .* not a declared production deployment.*accepted as paid.*DEPLOY_ENV=production/),
    ]);
    setEnv({ ...LIVE, DEPLOY_ENV: 'production', CRYPTOCLOUD_ALLOW_TEST_INVOICES: 'yes' });
    expect(paymentWarnings()).toEqual([expect.stringContaining('CRYPTOCLOUD_ALLOW_TEST_INVOICES is on with live keys in production')]);
    setEnv({ ...LIVE, CRYPTOCLOUD_ALLOW_TEST_INVOICES: 'false' });
    expect(paymentWarnings()).toEqual([]);
    setEnv({ ...LIVE, DEPLOY_ENV: 'production' });
    expect(paymentWarnings()).toEqual([]);
  });

  it('warns about the sandbox only in a production deployment (locally it is the point)', () => {
    setEnv({});
    expect(paymentWarnings()).toEqual([]);
    setEnv({ DEPLOY_ENV: 'production', CRYPTOCLOUD_SANDBOX: 'on' });
    expect(paymentWarnings()).toEqual([expect.stringContaining('sandbox is on in a production deployment')]);
  });
});
