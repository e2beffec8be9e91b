// The production build the end-to-end servers serve: `next build`, then the standalone folder's
// assets (tests/e2e/standalone.spec.ts serves it with node alone). Used by scripts/e2e-server.mjs, and
// by `npm test`, which runs it alongside the unit and integration suites.
import { spawnSync } from 'node:child_process';

const build = spawnSync('npx', ['next', 'build'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const assets = spawnSync(process.execPath, ['scripts/standalone-assets.mjs'], { stdio: 'inherit' });
process.exit(assets.status ?? 1);
