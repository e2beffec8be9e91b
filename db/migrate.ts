import 'server-only';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { env } from '@/lib/env';
import { MIGRATIONS_FOLDER } from './client';

/**
 * Key of the session-level advisory lock every migration run holds. Builds of two deployments, or
 * several instances started with MIGRATE_ON_START, may migrate at the same moment: drizzle reads
 * the last applied migration before its transaction, so without the lock two runs both apply it.
 */
export const MIGRATION_LOCK_KEY = 7_311_020_411;

/** Where drizzle records applied migrations (its defaults). */
const MIGRATIONS_TABLE = 'drizzle.__drizzle_migrations';

interface JournalEntry {
  tag: string;
  /** The migration's timestamp: drizzle stores it as `created_at` once applied. */
  when: number;
}

/** The migrations this build carries, oldest first (db/migrations/meta/_journal.json). */
export function migrationJournal(folder = MIGRATIONS_FOLDER): JournalEntry[] {
  const journal = JSON.parse(readFileSync(path.join(folder, 'meta', '_journal.json'), 'utf8')) as { entries: JournalEntry[] };
  return journal.entries.map(({ tag, when }) => ({ tag, when }));
}

export interface MigrationStatus {
  /** Migrations of this build already applied. */
  applied: string[];
  /** Migrations of this build not applied yet. */
  pending: string[];
  /** The database holds migrations newer than this build's (a newer deployment migrated it). */
  newerInDatabase: number;
}

/** Compare the database's applied migrations with this build's, read-only. */
export async function migrationStatus(client: pg.ClientBase, folder = MIGRATIONS_FOLDER): Promise<MigrationStatus> {
  const journal = migrationJournal(folder);
  const exists = await client.query<{ t: string | null }>(`select to_regclass('${MIGRATIONS_TABLE}')::text as t`);
  const rows = exists.rows[0]?.t ? (await client.query<{ created_at: string }>(`select created_at from ${MIGRATIONS_TABLE}`)).rows : [];
  const last = Math.max(0, ...rows.map((r) => Number(r.created_at)));
  const newest = Math.max(0, ...journal.map((j) => j.when));
  return {
    applied: journal.filter((j) => j.when <= last).map((j) => j.tag),
    pending: journal.filter((j) => j.when > last).map((j) => j.tag),
    newerInDatabase: rows.filter((r) => Number(r.created_at) > newest).length,
  };
}

export interface MigrateOptions {
  /** Progress lines (waiting for the lock, what was applied). */
  log?: (line: string) => void;
  /** Longest wait for another run's lock. Default 10 minutes. */
  lockTimeoutMs?: number;
  connectTimeoutMs?: number;
  folder?: string;
}

export class MigrationLockTimeout extends Error {
  constructor(waitedMs: number) {
    super(`another migration run held the lock for ${Math.round(waitedMs / 1000)} s`);
    this.name = 'MigrationLockTimeout';
  }
}

/**
 * Apply this build's pending migrations to the PostgreSQL at `url` (use the direct, unpooled URL:
 * the advisory lock belongs to one session). Runs one at a time across every process and host:
 * a second run waits for the lock, then finds nothing left to do. All pending migrations are applied
 * in one transaction, so a failure keeps none of them. Returns the tags applied by this run.
 */
export async function applyMigrations(url: string, options: MigrateOptions = {}): Promise<string[]> {
  const log = options.log ?? (() => {});
  const folder = options.folder ?? MIGRATIONS_FOLDER;
  // No statement or query timeout: a migration may rewrite a large table.
  const client = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: options.connectTimeoutMs ?? env().DB_CONNECT_TIMEOUT_MS,
    application_name: 'storefront-migrate',
  });
  await client.connect();
  try {
    await lock(client, options.lockTimeoutMs ?? 600_000, log);
    const before = await migrationStatus(client, folder);
    if (before.newerInDatabase > 0) {
      log(
        `The database has ${before.newerInDatabase} migration(s) newer than this build (a newer deployment applied them); nothing to do.`,
      );
    }
    if (before.pending.length > 0) await migrate(drizzle({ client }), { migrationsFolder: folder });
    const after = await migrationStatus(client, folder);
    const applied = before.pending.filter((tag) => !after.pending.includes(tag));
    log(applied.length > 0 ? `Applied ${applied.join(', ')}` : `Schema is current (${after.applied.length} migrations).`);
    return applied;
  } finally {
    // Ending the session releases the lock in any case; unlocking first frees it without waiting for that.
    await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await client.end().catch(() => undefined);
  }
}

async function lock(client: pg.Client, timeoutMs: number, log: (line: string) => void): Promise<void> {
  const started = Date.now();
  let told = false;
  for (;;) {
    const { rows } = await client.query<{ ok: boolean }>('select pg_try_advisory_lock($1) as ok', [MIGRATION_LOCK_KEY]);
    if (rows[0]?.ok) return;
    if (!told) log('Another migration run holds the lock; waiting for it to finish.');
    told = true;
    if (Date.now() - started > timeoutMs) throw new MigrationLockTimeout(Date.now() - started);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** `host/database` of a connection string, for messages (never the password). */
export function describeDatabase(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname}`;
  } catch {
    return 'the configured database';
  }
}

/**
 * A migration failure in a merchant's words: what went wrong and what to do. `variable` names the
 * setting the URL came from, so the message points at the one to fix.
 */
export function explainMigrationFailure(err: unknown, url: string, variable: string): string {
  const where = describeDatabase(url);
  const cause = (err instanceof Error && err.cause instanceof Error ? err.cause : err) as Error & { code?: string };
  const code = cause?.code;
  const detail = cause?.message ?? String(err);
  if (err instanceof MigrationLockTimeout) {
    return `${detail}. Another build or instance is still migrating ${where} (or is stuck holding the lock: end it, or wait for its session to close), then deploy again.`;
  }
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'ETIMEDOUT' || /timeout/i.test(detail)) {
    return `Could not reach the database at ${where} (${detail}). Check ${variable}: on Vercel, Storage → your database → connect it to this project, or copy its connection string; elsewhere, make sure the server is reachable from here. Then deploy again.`;
  }
  if (code === '28P01' || code === '28000') {
    return `The database at ${where} refused the user or password in ${variable} (${detail}). Copy the connection string again from your database provider, then deploy again.`;
  }
  if (code === '3D000') {
    return `The database named in ${variable} does not exist on ${where.split('/')[0]} (${detail}). Create it, or fix the name in the URL, then deploy again.`;
  }
  if (code === '42501') {
    return `The user in ${variable} may not change the schema of ${where} (${detail}). Use the database owner's connection string for migrations (DATABASE_URL_UNPOOLED), then deploy again.`;
  }
  return `A migration failed on ${where}: ${detail}${code ? ` (SQLSTATE ${code})` : ''}. Nothing of this run was kept (all pending migrations run in one transaction). Fix the cause (or the migration), then deploy again; \`npm run db:migrate\` runs the same step by hand.`;
}
