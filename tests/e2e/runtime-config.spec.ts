import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { expect, test } from '@playwright/test';

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

test('HSTS and the CSP pay hosts follow APP_URL and CRYPTOCLOUD_PAY_HOSTS given only at run time', async () => {
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
    await expect.poll(() => status('/api/health'), { timeout: 30_000 }).toBe(200);
    for (const path of ['/', '/api/health']) {
      const headers = (await fetch(`${origin}${path}`)).headers;
      expect(headers.get('strict-transport-security'), path).toBe('max-age=63072000; includeSubDomains');
      expect(headers.get('content-security-policy'), path).toContain("form-action 'self' https://pay.example.test;");
    }
  } finally {
    await server.stop();
  }
});
