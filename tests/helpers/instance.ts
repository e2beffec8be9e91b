// A second (third, …) app instance in its own process on the same database, with its own pool and
// its own sandbox answering the info API: tests/helpers/postback-instance.ts. PostgreSQL only: a
// PGlite directory belongs to one process.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface Instance {
  url: string;
  child: ChildProcess;
  /** What the instance wrote to stderr, for a failing assertion's message. */
  stderr: string[];
}

/** Start an instance on `databaseUrl` and wait until it serves. */
export async function startInstance(databaseUrl: string): Promise<Instance> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    CRYPTOCLOUD_SANDBOX_POSTBACK_RETRIES: '0',
    CRYPTOCLOUD_SANDBOX_NOTIFY_URL: 'http://127.0.0.1:9/postback',
  };
  delete env.POSTGRES_URL;
  delete env.APP_URL; // the instance points its gateway client at its own sandbox
  const child = spawn('node_modules/.bin/tsx', ['--conditions=react-server', 'tests/helpers/postback-instance.ts'], {
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const stderr: string[] = [];
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => stderr.push(chunk));
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`instance exited with ${code}: ${stderr.join('')}`)));
    createInterface({ input: child.stdout! }).once('line', (line) => resolve((JSON.parse(line) as { url: string }).url));
  });
  return { url, child, stderr };
}

/** Stop an instance (it closes its server and pool, then exits) and wait for it; one already gone is fine. */
export async function stopInstance(instance: Instance | undefined): Promise<void> {
  if (!instance || instance.child.exitCode !== null) return;
  const exited = new Promise((resolve) => instance.child.once('exit', resolve));
  instance.child.stdin!.end();
  await exited;
}
