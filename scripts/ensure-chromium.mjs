// Finds a Chromium for Playwright, or gets one: Playwright's own download where that works,
// Debian's `chromium` package through apt where it does not and we are root. Prints the path.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const log = (msg) => console.error(`[ensure-chromium] ${msg}`);

function playwrightOwn() {
  try {
    const out = execFileSync(process.execPath, ['-e', "process.stdout.write(require('playwright-core').chromium.executablePath())"], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return out && existsSync(out) ? out : null;
  } catch {
    return null;
  }
}

export function findChromium() {
  const fromEnv = process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(`PLAYWRIGHT_CHROMIUM_EXECUTABLE=${fromEnv} does not exist`);
  }
  for (const p of ['/usr/bin/chromium', '/usr/bin/chromium-browser']) if (existsSync(p)) return p;
  return playwrightOwn();
}

function run(cmd, args) {
  log(`$ ${cmd} ${args.join(' ')}`);
  return spawnSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'] }).status === 0;
}

export function ensureChromium() {
  const found = findChromium();
  if (found) return found;
  log("No Chromium found: trying Playwright's own download (npx playwright install chromium).");
  if (run('npx', ['playwright', 'install', 'chromium'])) {
    const own = playwrightOwn();
    if (own) return own;
  }
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    log("Playwright could not download a browser here; installing Debian's chromium package with apt-get.");
    if (run('apt-get', ['update', '-qq']) && run('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'])) {
      const p = findChromium();
      if (p) return p;
    }
  }
  throw new Error(
    'No Chromium for the end-to-end tests. Install one and run again: `npx playwright install chromium`, ' +
      'or `sudo apt-get install chromium` (Debian/Ubuntu), or set PLAYWRIGHT_CHROMIUM_EXECUTABLE to a Chromium binary.',
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    console.log(ensureChromium());
  } catch (err) {
    log(err.message);
    process.exit(1);
  }
}
