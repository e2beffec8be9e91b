import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { fillShipping } from './support/shop';

// These tests start their own `next start` on the build the e2e servers use (built with
// APP_URL=http://localhost and the default pay hosts), with settings given only at run time.
const port = Number(process.env.E2E_PORT ?? 3471) + 2;
const origin = `http://localhost:${port}`;

function startServer(vars: Record<string, string>) {
  const pgliteDir = '.data/e2e-pglite-runtime';
  rmSync(pgliteDir, { recursive: true, force: true });
  const child = spawn(process.execPath, ['node_modules/next/dist/bin/next', 'start', '-p', String(port)], {
    env: {
      ...process.env,
      PORT: String(port),
      PGLITE_DIR: pgliteDir,
      NEXT_TELEMETRY_DISABLED: '1',
      RECONCILE_INTERVAL_SECONDS: '0',
      DATABASE_URL: '',
      POSTGRES_URL: '',
      CRYPTOCLOUD_API_KEY: '',
      CRYPTOCLOUD_SHOP_ID: '',
      CRYPTOCLOUD_SECRET_KEY: '',
      ...vars,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exitCode = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    output: () => output,
    exitCode,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exitCode;
    },
  };
}

const status = (path: string) =>
  fetch(`${origin}${path}`).then(
    (r) => r.status,
    () => 0,
  );

test('HSTS and the CSP pay hosts follow APP_URL and CRYPTOCLOUD_PAY_HOSTS given only at run time; test mode with live keys is warned about', async () => {
  const server = startServer({
    APP_URL: 'https://shop.example.test',
    CRYPTOCLOUD_API_KEY: 'live-key',
    CRYPTOCLOUD_SHOP_ID: 'LIVESHOP',
    CRYPTOCLOUD_SECRET_KEY: 'live-secret',
    // Never reached: nothing here creates an invoice.
    CRYPTOCLOUD_API_URL: 'http://127.0.0.1:9',
    CRYPTOCLOUD_PAY_HOSTS: 'pay.example.test',
  });
  try {
    await expect.poll(() => status('/api/health'), { timeout: 45_000 }).toBe(200);
    // Live keys outside a declared production deployment: test-mode invoices count as paid.
    expect(server.output()).toContain('WARNING: Live CryptoCloud keys are configured, but this is not a declared production deployment');
    for (const path of ['/', '/api/health']) {
      const headers = (await fetch(`${origin}${path}`)).headers;
      expect(headers.get('strict-transport-security'), path).toBe('max-age=63072000; includeSubDomains');
      expect(headers.get('content-security-policy'), path).toContain("form-action 'self' https://pay.example.test;");
    }
  } finally {
    await server.stop();
  }
});

test('a production deployment with neither keys nor the sandbox refuses to start, naming the variables', async () => {
  const server = startServer({ DEPLOY_ENV: 'production', APP_URL: 'https://shop.example.test' });
  try {
    expect(await server.exitCode).toBe(1);
    expect(server.output()).toContain('Refusing to start: DEPLOY_ENV=production, but payments are not configured');
    for (const name of ['CRYPTOCLOUD_API_KEY', 'CRYPTOCLOUD_SHOP_ID', 'CRYPTOCLOUD_SECRET_KEY', 'CRYPTOCLOUD_SANDBOX=on']) {
      expect(server.output()).toContain(name);
    }
    expect(await status('/api/health')).toBe(0); // nothing is listening
  } finally {
    await server.stop();
  }
});

test('with payments off (no keys, CRYPTOCLOUD_SANDBOX=off) checkout takes no order and reserves nothing', async ({ page }) => {
  const server = startServer({ APP_URL: origin, CRYPTOCLOUD_SANDBOX: 'off' });
  try {
    await expect.poll(() => status('/api/health'), { timeout: 45_000 }).toBe(200);
    await page.goto(`${origin}/products/node-runner-mug`);
    await expect(page.getByText('80 in stock')).toBeVisible();
    await page.getByTestId('add-to-cart').click();
    await expect(page.getByTestId('cart-count')).toHaveText('1');
    await page.goto(`${origin}/cart`);
    await page.getByTestId('checkout-email').fill('nopay@example.com');
    await fillShipping(page);
    await page.getByTestId('checkout-submit').click();
    await expect(page.getByTestId('checkout-error')).toHaveText(
      'This shop is not taking payments at the moment. Nothing was reserved or charged.',
    );
    await page.goto(`${origin}/products/node-runner-mug`);
    await expect(page.getByText('80 in stock')).toBeVisible();
    await expect(page.getByTestId('cart-count')).toHaveText('1');
  } finally {
    await server.stop();
  }
});
