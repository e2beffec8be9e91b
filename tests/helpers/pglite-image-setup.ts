// Vitest global setup of the PGlite integration project: makes the database image every test file
// restores (tests/helpers/pglite-image.ts), unless this run's migrations and seed already have one.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { openDb } from '@/db/client';
import { pgliteImagePath } from './pglite-image';

const DAY_MS = 24 * 60 * 60 * 1000;

export default async function setup() {
  const file = pgliteImagePath();
  const dir = path.dirname(file);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  // Images of other migrations (older checkouts) are dropped after a day unused: a run of another
  // checkout going on now may still read its own.
  for (const name of readdirSync(dir)) {
    const other = path.join(dir, name);
    const mtime = statSync(other, { throwIfNoEntry: false })?.mtimeMs ?? Date.now();
    if (other !== file && Date.now() - mtime > DAY_MS) rmSync(other, { force: true });
  }
  if (existsSync(file)) return;
  const handle = await openDb({ pgliteDir: 'memory://', autoSeed: true });
  try {
    const client = (handle.db as unknown as { $client: { dumpDataDir(c: 'none'): Promise<Blob> } }).$client;
    const image = await client.dumpDataDir('none');
    // Written whole under a private name, then renamed: a concurrent run never reads half an image.
    const partial = `${file}.${process.pid}.partial`;
    writeFileSync(partial, Buffer.from(await image.arrayBuffer()));
    renameSync(partial, file);
  } finally {
    await handle.close();
  }
}
