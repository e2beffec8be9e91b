// The production build the end-to-end servers serve: `next build`, the standalone folder's assets
// (tests/e2e/standalone.spec.ts serves it with node alone) and the prepared PGlite image. Used by scripts/e2e-server.mjs, and
// by `npm test`, which runs it alongside the unit and integration suites.
import { spawnSync } from 'node:child_process';

const build = spawnSync('npx', ['next', 'build'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const assets = spawnSync(process.execPath, ['scripts/standalone-assets.mjs'], { stdio: 'inherit' });
if (assets.status !== 0) process.exit(assets.status ?? 1);
// The prepared embedded database a fresh directory starts from, as `npm run build` makes it.
const image = spawnSync('npx', ['tsx', '--conditions=react-server', 'scripts/pglite-image.ts'], { stdio: 'inherit' });
process.exit(image.status ?? 1);
