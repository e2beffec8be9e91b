// `npm test`: the whole suite. Unit and integration tests (Vitest; the integration suite runs on
// PGlite and, when TEST_DATABASE_URL is set, again on that PostgreSQL server), then the end-to-end
// tests in Chromium (Playwright), getting a browser first when the machine has none.
import { spawnSync } from 'node:child_process';
import net from 'node:net';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { ensureChromium } from './ensure-chromium.mjs';

process.env.NEXT_TELEMETRY_DISABLED = '1';
mkdirSync('test-results', { recursive: true });

function run(label, cmd, args, env = {}) {
  console.log(`\n=== ${label}: ${cmd} ${args.join(' ')}`);
  const res = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return res.status === 0;
}

function readJson(path) {
  try {
    return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : null;
  } catch {
    return null;
  }
}

if (!process.env.TEST_DATABASE_URL) {
  console.log('TEST_DATABASE_URL is not set: the integration suite runs on PGlite only.');
}

// Lint first: fast, and a convention broken is a failed run.
if (!run('lint', 'npm', ['run', 'lint'])) {
  console.log('\ntotal: 0 passed, 1 failed, 0 skipped');
  process.exit(1);
}

const unitOk = run('unit + integration', 'npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  '--outputFile.json=test-results/vitest.json',
]);

/** Whether a TCP port on this machine is free to listen on. */
function portFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, () => server.close(() => resolve(true)));
  });
}

// The end-to-end servers use E2E_PORT and the next few ports. Another `npm test` on this machine
// may be running: a block that is free now can still be taken by a run whose servers are building
// (they listen only once built), so the block is drawn at random from a wide range, then checked.
const E2E_PORTS_USED = 6;
if (!process.env.E2E_PORT) {
  for (let tries = 0; tries < 50 && !process.env.E2E_PORT; tries++) {
    const base = 20_000 + 10 * Math.floor(Math.random() * 1_200); // below the ephemeral range (32768+)
    const free = await Promise.all(Array.from({ length: E2E_PORTS_USED }, (_, i) => portFree(base + i)));
    if (free.every(Boolean)) process.env.E2E_PORT = String(base);
  }
  console.log(`End-to-end servers on ports ${process.env.E2E_PORT} to ${Number(process.env.E2E_PORT) + E2E_PORTS_USED - 1}.`);
}

let e2eOk = false;
try {
  const chromium = ensureChromium();
  console.log(`Chromium for end-to-end tests: ${chromium}`);
  e2eOk = run('end-to-end', 'npx', ['playwright', 'test'], { PLAYWRIGHT_CHROMIUM_EXECUTABLE: chromium });
} catch (err) {
  console.error(err.message);
}

const v = readJson('test-results/vitest.json');
const p = readJson('test-results/e2e.json');
const passed = (v?.numPassedTests ?? 0) + (p?.stats?.expected ?? 0) + (p?.stats?.flaky ?? 0);
const failed = (v?.numFailedTests ?? 0) + (p?.stats?.unexpected ?? 0);
const skipped = (v?.numPendingTests ?? 0) + (v?.numTodoTests ?? 0) + (p?.stats?.skipped ?? 0);
console.log(`\ntotal: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(unitOk && e2eOk && failed === 0 ? 0 : 1);
