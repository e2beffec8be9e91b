// After `next build`: copy what the standalone server serves but Next leaves out of
// .next/standalone (the hashed client assets and public/), so `node .next/standalone/server.js`
// runs the shop from that folder alone. Vercel packages the build itself: nothing to do there.
import { cpSync, existsSync, rmSync } from 'node:fs';

const target = '.next/standalone';
if (process.env.VERCEL) process.exit(0);
if (!existsSync(`${target}/server.js`)) {
  console.error(`${target}/server.js is missing: is output: 'standalone' still set in next.config.js?`);
  process.exit(1);
}
for (const [from, to] of [
  ['.next/static', `${target}/.next/static`],
  ['public', `${target}/public`],
]) {
  rmSync(to, { recursive: true, force: true });
  if (existsSync(from)) cpSync(from, to, { recursive: true });
}
console.log(`Standalone server ready: node ${target}/server.js (copy ${target}/ anywhere; it needs nothing else).`);
