import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 3471);
const baseURL = `http://localhost:${port}`;
// A second server whose sandbox sends form-encoded postbacks (the other CryptoCloud setting), that
// allows only 3 checkouts per address (in a day-long window, so no test straddles a new window) and
// that sits, as far as it knows, behind one proxy (TRUSTED_PROXY_HOPS=1).
const formPort = port + 1;
const formBaseURL = `http://localhost:${formPort}`;

// A system Chromium when there is one (Playwright cannot download browsers everywhere).
const executablePath =
  process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));

export default defineConfig({
  testDir: 'tests/e2e',
  // Kept apart from test-results/ itself, where npm test writes its reports (Playwright empties outputDir).
  outputDir: 'test-results/e2e-artifacts',
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [
    { name: 'chromium', use: { ...devices['Desktop Chrome'] } },
    // Tests tagged @second-server run against a server with form postbacks, a low checkout limit and one declared proxy.
    { name: 'second-server', grep: /@second-server/, use: { ...devices['Desktop Chrome'], baseURL: formBaseURL } },
  ],
  // Started one after the other: the first builds the app, the second reuses the build.
  webServer: [
    {
      command: 'node scripts/e2e-server.mjs',
      url: `${baseURL}/api/health`,
      timeout: 180_000,
      reuseExistingServer: false,
      stdout: 'pipe',
      // Many back-office sign-ins from one address here; the second server keeps the default limits.
      env: serverEnv(port, '.data/e2e-pglite', {
        CHECKOUT_RATE_LIMIT: '1000',
        SIGNIN_RATE_LIMIT_PER_EMAIL: '1000',
        SIGNIN_RATE_LIMIT_PER_ADDRESS: '1000',
      }),
    },
    {
      command: 'node scripts/e2e-server.mjs',
      url: `${formBaseURL}/api/health`,
      timeout: 60_000,
      reuseExistingServer: false,
      env: serverEnv(formPort, '.data/e2e-pglite-form', {
        E2E_SKIP_BUILD: '1',
        CRYPTOCLOUD_SANDBOX_POSTBACK_FORMAT: 'form',
        CHECKOUT_RATE_LIMIT: '3',
        CHECKOUT_RATE_WINDOW_SECONDS: '86400',
        TRUSTED_PROXY_HOPS: '1',
      }),
    },
  ],
});

function serverEnv(p: number, pgliteDir: string, extra: Record<string, string>): Record<string, string> {
  return {
    PORT: String(p),
    APP_URL: `http://localhost:${p}`,
    PGLITE_DIR: pgliteDir,
    NEXT_TELEMETRY_DISABLED: '1',
    DATABASE_URL: '',
    POSTGRES_URL: '',
    CRYPTOCLOUD_API_KEY: '',
    CRYPTOCLOUD_SHOP_ID: '',
    CRYPTOCLOUD_SECRET_KEY: '',
    CLIENT_IP_HEADER: '',
    ...extra,
  };
}
