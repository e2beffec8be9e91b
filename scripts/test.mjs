// `npm test`: the whole suite. Unit and integration tests (Vitest; the integration suite runs on
// PGlite and, when TEST_DATABASE_URL is set, again on that PostgreSQL server), then the end-to-end
// tests in Chromium (Playwright), getting a browser first when the machine has none.
import { spawnSync } from 'node:child_process';
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
if (!run('lint', 'npx', ['eslint', '.'])) {
  console.log('\ntotal: 0 passed, 1 failed, 0 skipped');
  process.exit(1);
}

const unitOk = run('unit + integration', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=test-results/vitest.json']);

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
