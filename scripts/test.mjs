// `npm test`: the whole suite. Unit and integration tests (Vitest; the integration suite runs on
// PGlite and, when TEST_DATABASE_URL is set, again on that PostgreSQL server), then the end-to-end
// tests in Chromium (Playwright), getting a browser first when the machine has none.
//
// The end-to-end tests' production build and the browser are prepared in the background while lint
// and Vitest run (much of the integration suite waits on databases and child processes), so the
// build is not a step of its own on the critical path. Each step prints how long it took.
import { spawn, spawnSync } from 'node:child_process';
import net from 'node:net';
import os from 'node:os';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, statSync } from 'node:fs';

process.env.NEXT_TELEMETRY_DISABLED = '1';
mkdirSync('test-results', { recursive: true });
const started = Date.now();
const since = (t) => `${((Date.now() - t) / 1000).toFixed(0)} s`;

function run(label, cmd, args, env = {}) {
  console.log(`\n=== ${label}: ${cmd} ${args.join(' ')}`);
  const t = Date.now();
  const res = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  console.log(`=== ${label}: ${res.status === 0 ? 'passed' : 'FAILED'} in ${since(t)} (${since(started)} since the start)`);
  return res.status === 0;
}

/**
 * Run a command in the background, its output written straight to a log file (the foreground steps
 * block this process, so nothing here may depend on its event loop); resolves to whether it succeeded.
 */
const children = new Set();
// Each in its own process group, so the whole tree (npx → next build → workers) goes when we stop early.
process.on('exit', () =>
  children.forEach((child) => {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }),
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));

function background(label, cmd, args, logFile, errFile = logFile, { niceness = 0 } = {}) {
  const t = Date.now();
  const out = openSync(logFile, 'w');
  const err = errFile === logFile ? out : openSync(errFile, 'w');
  const child = spawn(cmd, args, { stdio: ['ignore', out, err], env: process.env, detached: true });
  children.add(child);
  // Set before the child has started node, let alone its own children, which inherit it.
  if (niceness) {
    try {
      os.setPriority(child.pid, niceness);
    } catch {
      // not allowed here: it runs at the usual priority
    }
  }
  closeSync(out);
  if (err !== out) closeSync(err);
  return new Promise((resolve) => {
    child.on('error', () => resolve(false));
    child.on('exit', (code) => {
      children.delete(child);
      // This process may have been blocked in a foreground step when it ended: its logs' last write
      // says when. A log written to at once or not at all keeps the time it was opened, which the
      // file system's coarser clock can put a few milliseconds before `t`.
      const lastWrite = Math.max(...[logFile, errFile].map((f) => statSync(f, { throwIfNoEntry: false })?.mtimeMs ?? Date.now()));
      const ended = Math.max(t, Math.min(lastWrite, Date.now()));
      console.log(`\n=== ${label} (background, ${errFile}): ${code === 0 ? 'done' : 'FAILED'} in ${((ended - t) / 1000).toFixed(0)} s`);
      if (code !== 0) console.log(readFileSync(errFile, 'utf8').split('\n').slice(-60).join('\n'));
      resolve(code === 0);
    });
  });
}

// A build made here and now, unless the caller brought one (E2E_SKIP_BUILD=1).
const prebuilt = process.env.E2E_SKIP_BUILD === '1';
const built = prebuilt
  ? Promise.resolve(true)
  : // At a lower priority: the build has all of lint and Vitest to finish in, and on two cores it
    // would otherwise take CPU from them, which are the critical path.
    background('end-to-end build', process.execPath, ['scripts/e2e-build.mjs'], 'test-results/e2e-build.log', undefined, { niceness: 10 });
// The browser (apt-get on a fresh Debian machine) while the rest runs: the script prints its path
// last (after apt-get's own output, when it had to install one).
const browser = background(
  'browser',
  process.execPath,
  ['scripts/ensure-chromium.mjs'],
  'test-results/chromium-path.txt',
  'test-results/chromium.log',
).then((found) => (found ? readFileSync('test-results/chromium-path.txt', 'utf8').trim().split('\n').pop().trim() : null));

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
const [buildOk, chromium] = await Promise.all([built, browser]);
if (!buildOk) console.error('The production build failed (above): no end-to-end tests ran.');
else if (chromium) {
  console.log(`Chromium for end-to-end tests: ${chromium}`);
  e2eOk = run('end-to-end', 'npx', ['playwright', 'test'], { PLAYWRIGHT_CHROMIUM_EXECUTABLE: chromium, E2E_SKIP_BUILD: '1' });
}

const v = readJson('test-results/vitest.json');
const p = readJson('test-results/e2e.json');
const passed = (v?.numPassedTests ?? 0) + (p?.stats?.expected ?? 0) + (p?.stats?.flaky ?? 0);
// A step that failed without a report (a build that broke, a runner that died) counts as one failure.
const failed = (v?.numFailedTests ?? (unitOk ? 0 : 1)) + (p?.stats?.unexpected ?? (e2eOk || !buildOk ? 0 : 1)) + (buildOk ? 0 : 1);
const skipped = (v?.numPendingTests ?? 0) + (v?.numTodoTests ?? 0) + (p?.stats?.skipped ?? 0);
console.log(`\ntotal: ${passed} passed, ${failed} failed, ${skipped} skipped (${since(started)})`);
process.exit(unitOk && e2eOk && failed === 0 ? 0 : 1);
