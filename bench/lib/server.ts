// `next start` as a child process on a loopback port, with the benchmark's environment, and the
// memory of its whole process tree (next start spawns next-server).
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');
const NEXT_BIN = path.join(ROOT, 'node_modules', 'next', 'dist', 'bin', 'next');

export interface NextServer {
  url: string;
  port: number;
  child: ChildProcess;
  /** stdout + stderr so far (for a failure's explanation). */
  log(): string;
  stop(): Promise<void>;
}

/** The environment every benchmark server shares; each scenario adds its database and gateway. */
export function baseEnv(port: number): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/tmp',
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    PORT: String(port),
    APP_URL: `http://localhost:${port}`,
    AUTH_URL: `http://localhost:${port}`,
    AUTH_TRUST_HOST: 'true',
    AUTH_SECRET: 'bench-auth-secret-0123456789abcdef0123456789',
    STOREFRONT_BENCH: 'true',
    // Nothing in the background: every statement the database sees comes from a measured request,
    // and no background work lands in one side's window and not the other's. The sender would
    // render the emails the payments queue (about 10 ms of CPU each: bench/README.md) in the server.
    RECONCILE_INTERVAL_SECONDS: '0',
    MAIL_SEND_INTERVAL_SECONDS: '0',
    CHECKOUT_RATE_LIMIT: '0',
  };
}

/** Process ids of `pid` and all its descendants (from /proc). */
export function processTree(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(entry));
      children.set(ppid, list);
    } catch {
      // gone meanwhile
    }
  }
  const out: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const p = queue.shift()!;
    out.push(p);
    queue.push(...(children.get(p) ?? []));
  }
  return out;
}

/** Resident memory of the process tree, MiB. */
export function treeRssMiB(pid: number): number {
  let kb = 0;
  for (const p of processTree(pid)) {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${p}/status`, 'utf8'));
      if (m) kb += Number(m[1]);
    } catch {
      // gone meanwhile
    }
  }
  return kb / 1024;
}

/** Spawn `next start`; resolves once the process is spawned (use waitFor200 for readiness). */
export function spawnNext(port: number, env: Record<string, string>): NextServer {
  // Node flags for the server (`next start` serves in its own process), e.g. to profile it under the
  // benchmark's load: BENCH_SERVER_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' (not allowed in NODE_OPTIONS).
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, NEXT_BIN, 'start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: ROOT,
    env: { ...baseEnv(port), ...env } as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  const keep = (b: Buffer) => {
    output = (output + b.toString()).slice(-20_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  return {
    url: `http://localhost:${port}`,
    port,
    child,
    log: () => output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      // The group: next start and its next-server child.
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        return;
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          // already gone
        }
      }, 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Poll `url` until it answers 200; ms from `since`. Throws after `timeoutMs` or if the server exits. */
export async function waitFor200(server: NextServer, pathname: string, since: number, timeoutMs = 60_000, onTick?: () => void) {
  for (;;) {
    onTick?.();
    if (server.child.exitCode !== null) throw new Error(`next start exited (${server.child.exitCode}):\n${server.log().slice(-3000)}`);
    try {
      const res = await fetch(server.url + pathname, { signal: AbortSignal.timeout(5_000) });
      await res.arrayBuffer();
      if (res.status === 200) return performance.now() - since;
    } catch {
      // not listening yet
    }
    if (performance.now() - since > timeoutMs)
      throw new Error(`${pathname} gave no 200 within ${timeoutMs} ms:\n${server.log().slice(-3000)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Start and wait until /api/health (or `readyPath`) answers 200. */
export async function startNext(port: number, env: Record<string, string>, readyPath = '/api/health'): Promise<NextServer> {
  const server = spawnNext(port, env);
  try {
    await waitFor200(server, readyPath, performance.now());
  } catch (err) {
    await server.stop();
    throw err;
  }
  return server;
}
