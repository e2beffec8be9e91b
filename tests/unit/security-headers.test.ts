import { afterEach, describe, expect, it } from 'vitest';
import { acceptPayLink, payLinkPolicy } from '@/lib/cryptocloud';
import { resetEnvCache } from '@/lib/env';
import { securityHeaders } from '@/lib/http/security-headers';

const saved = { ...process.env };
const LIVE = { CRYPTOCLOUD_API_KEY: 'k', CRYPTOCLOUD_SHOP_ID: 's', CRYPTOCLOUD_SECRET_KEY: 'x' };

function setEnv(vars: Record<string, string>) {
  process.env = { ...saved };
  for (const k of [
    'APP_URL',
    'PORT',
    'CRYPTOCLOUD_API_KEY',
    'CRYPTOCLOUD_SHOP_ID',
    'CRYPTOCLOUD_SECRET_KEY',
    'CRYPTOCLOUD_PAY_HOSTS',
    'CRYPTOCLOUD_SANDBOX',
    'VERCEL_ENV',
    'DEPLOY_ENV',
  ])
    delete process.env[k];
  Object.assign(process.env, vars);
  resetEnvCache();
}

afterEach(() => {
  process.env = { ...saved };
  resetEnvCache();
});

const formAction = () => /form-action ([^;]+)/.exec(securityHeaders()['Content-Security-Policy']!)![1]!.split(' ');

describe('security headers from the running configuration', () => {
  it('sandbox: form-action allows the sandbox pay page on APP_URL, nothing else', () => {
    setEnv({ APP_URL: 'http://localhost:4123' });
    expect(formAction()).toEqual(["'self'", 'http://localhost:4123']);
  });

  it('live: form-action lists the pay hosts as read now, over https', () => {
    setEnv({ ...LIVE, CRYPTOCLOUD_PAY_HOSTS: 'pay.example.test, Pay2.example.test:8443' });
    expect(formAction()).toEqual(["'self'", 'https://pay.example.test', 'https://pay2.example.test:8443']);
  });

  it('payments disabled: form-action allows this site only', () => {
    setEnv({ DEPLOY_ENV: 'production' });
    expect(formAction()).toEqual(["'self'"]);
  });

  it('HSTS follows the runtime APP_URL', () => {
    setEnv({ APP_URL: 'http://shop.example.test' });
    expect(securityHeaders()['Strict-Transport-Security']).toBeUndefined();
    setEnv({ APP_URL: 'https://shop.example.test' });
    expect(securityHeaders()['Strict-Transport-Security']).toBe('max-age=63072000; includeSubDomains');
  });

  it.each([
    ['sandbox', { APP_URL: 'http://localhost:4123' }],
    ['live', { ...LIVE }],
    ['live, custom hosts', { ...LIVE, CRYPTOCLOUD_PAY_HOSTS: 'pay.example.test,pay2.example.test:8443' }],
  ])('%s: every pay link the gateway client accepts is allowed by form-action', (_, vars) => {
    setEnv(vars);
    const links = [
      'http://localhost:4123/sandbox/pay/ABCD1234',
      'https://localhost:4123/sandbox/pay/ABCD1234',
      'https://pay.cryptocloud.plus/ABCD1234',
      'pay.trybit.com/ABCD1234',
      'https://PAY.example.test:443/ABCD1234',
      'https://pay2.example.test:8443/ABCD1234',
      'http://pay.example.test/ABCD1234',
    ];
    const accepted = links.map((l) => acceptPayLink(l, payLinkPolicy())).filter((l): l is string => l !== null);
    expect(accepted.length).toBeGreaterThan(0);
    for (const link of accepted) expect(formAction()).toContain(new URL(link).origin);
  });
});
