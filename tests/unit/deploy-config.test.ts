// The repository's deployment files: vercel.json must deploy on every Vercel plan (Hobby rejects the
// whole deployment when a cron runs more than once a day), and the GitHub Actions workflow gives
// the reconciler its real cadence on any plan, calling the same endpoint with the same secret.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

/** The values one cron field matches: `*`, `n`, `a-b`, `*\/s`, `a-b/s` and lists of them. */
function field(spec: string, min: number, max: number): Set<number> {
  const values = new Set<number>();
  for (const part of spec.split(',')) {
    const m = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(part);
    if (!m) throw new Error(`unsupported cron field "${spec}"`);
    const from = m[1] === '*' ? min : Number(m[2]);
    const to = m[1] === '*' ? max : m[3] !== undefined ? Number(m[3]) : m[4] !== undefined ? max : from;
    const step = m[4] !== undefined ? Number(m[4]) : 1;
    if (from < min || to > max || step < 1) throw new Error(`cron field "${spec}" out of range`);
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return values;
}

/** Minutes of the day (0–1439) at which a five-field cron expression fires on a day it runs. */
function firingsPerDay(expression: string): number[] {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 5) throw new Error(`"${expression}" is not a five-field cron expression`);
  field(parts[2]!, 1, 31);
  field(parts[3]!, 1, 12);
  field(parts[4]!, 0, 7);
  const minutes = field(parts[0]!, 0, 59);
  const hours = field(parts[1]!, 0, 23);
  return [...hours].flatMap((h) => [...minutes].map((m) => h * 60 + m)).sort((a, b) => a - b);
}

interface VercelJson {
  buildCommand?: string;
  crons?: Array<{ path: string; schedule: string }>;
}
const vercel = JSON.parse(read('vercel.json')) as VercelJson;
const workflow = read('.github/workflows/reconcile.yml');

describe('the cron evaluator used below', () => {
  it('counts what an expression fires in a day', () => {
    expect(firingsPerDay('17 4 * * *')).toEqual([4 * 60 + 17]);
    expect(firingsPerDay('0 0 * * 1')).toHaveLength(1);
    expect(firingsPerDay('0 */12 * * *')).toEqual([0, 720]);
    expect(firingsPerDay('0,30 3 * * *')).toHaveLength(2);
    expect(firingsPerDay('*/5 * * * *')).toHaveLength(288);
    expect(() => firingsPerDay('@daily')).toThrow();
  });
});

describe('vercel.json', () => {
  it('runs every cron at most once a day, so the deployment is accepted on the Hobby plan', () => {
    expect(vercel.crons?.length).toBeGreaterThan(0);
    for (const cron of vercel.crons ?? []) expect(firingsPerDay(cron.schedule), cron.schedule).toHaveLength(1);
  });

  it('schedules the reconciler, a GET route handler that exists, and builds with npm run build (migrations first)', () => {
    expect(vercel.crons?.map((c) => c.path)).toContain('/api/cron/reconcile');
    for (const cron of vercel.crons ?? []) {
      const file = path.join(root, 'app', cron.path, 'route.ts');
      expect(existsSync(file), file).toBe(true);
      expect(readFileSync(file, 'utf8')).toMatch(/export async function GET\(/);
    }
    expect(vercel.buildCommand).toBe('npm run build');
    expect(JSON.parse(read('package.json')).scripts.build).toMatch(
      /^tsx --conditions=react-server scripts\/build-preflight\.ts && next build/,
    );
  });
});

describe('.github/workflows/reconcile.yml', () => {
  it('calls the same endpoint every 5 minutes with the CRON_SECRET bearer, failing on anything but 200', () => {
    const schedules = [...workflow.matchAll(/^\s*-\s*cron:\s*'([^']+)'/gm)].map((m) => m[1]!);
    expect(schedules).toHaveLength(1);
    const minutes = firingsPerDay(schedules[0]!);
    expect(minutes).toHaveLength(288);
    expect(minutes.every((m, i) => i === 0 || m - minutes[i - 1]! === 5)).toBe(true);

    expect(workflow).toContain('url="${SHOP_URL%/}/api/cron/reconcile"');
    expect(workflow).toContain('SHOP_URL: ${{ secrets.SHOP_URL }}');
    expect(workflow).toContain('CRON_SECRET: ${{ secrets.CRON_SECRET }}');
    expect(workflow).toContain('-H "Authorization: Bearer $CRON_SECRET"');
    expect(workflow).toMatch(/200\) ;;\n\s*401\) .*exit 1 ;;\n\s*\*\) .*exit 1 ;;/);
  });
});
