// The app as the end-to-end tests see it: a production build served by `next start` on a fresh
// PGlite directory, so every run starts from the seeded catalog and nothing else. The build is also
// a standalone one (next.config.js), which tests/e2e/standalone.spec.ts serves with node alone.
import { spawn, spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';

const dir = process.env.PGLITE_DIR ?? '.data/e2e-pglite';
rmSync(dir, { recursive: true, force: true });

if (process.env.E2E_SKIP_BUILD !== '1') {
  const build = spawnSync('npx', ['next', 'build'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
  // The same build also runs as `node .next/standalone/server.js` (tests/e2e/standalone.spec.ts).
  const assets = spawnSync(process.execPath, ['scripts/standalone-assets.mjs'], { stdio: 'inherit' });
  if (assets.status !== 0) process.exit(assets.status ?? 1);
  // The prepared embedded database a fresh directory starts from, as `npm run build` makes it.
  const image = spawnSync('npx', ['tsx', '--conditions=react-server', 'scripts/pglite-image.ts'], { stdio: 'inherit' });
  if (image.status !== 0) process.exit(image.status ?? 1);
}

const server = spawn('npx', ['next', 'start'], { stdio: 'inherit', env: { ...process.env, PGLITE_DIR: dir } });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.kill(sig));
server.on('exit', (code) => process.exit(code ?? 0));
