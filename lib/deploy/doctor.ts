import 'server-only';
import { randomInt } from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { describeDatabase, migrationStatus } from '@/db/migrate';
import { sandboxCredentials, users } from '@/db/schema';
import { getBalance, signPostbackToken, type ActiveGatewayConfig } from '@/lib/cryptocloud';
import { EnvError, parseEnv, type Env } from '@/lib/env';

// `npm run doctor`: checks a merchant's configuration (their variables, and with --url the deployed
// shop seen from outside) and explains each problem with its fix. A check that fails means payments
// would not work, or would be lost; the command then exits non-zero. Nothing here writes, except
// what a check must do to prove a path works (the test postback is stored as `unmatched`, the
// authorised cron call runs one reconciliation).

export type CheckStatus = 'ok' | 'info' | 'warn' | 'fail';

export interface Check {
  /** Stable name, cited by the README's live walkthrough. */
  title: string;
  status: CheckStatus;
  detail: string;
  fix?: string;
  /** What a live setup still needs from this check (printed as a list while on the sandbox). */
  live?: string;
}

export interface DoctorOptions {
  /** The variables to check: the CLI passes process.env after loading the .env files. */
  vars: Record<string, string | undefined>;
  /** A deployed shop's origin: also check it from outside (postback endpoint, cron guard). */
  url?: string;
  /** Vercel Deployment Protection bypass secret, sent with every request to the shop. */
  bypass?: string;
  /** Per request. Default 10 s. */
  timeoutMs?: number;
}

export interface DoctorReport {
  mode: 'live' | 'sandbox';
  /** The shop's origin the checks used: --url, else APP_URL. */
  origin: string;
  checks: Check[];
  /** What to paste into the CryptoCloud project's settings. */
  projectUrls: { notification: string; success: string; fail: string };
}

const DASHBOARD = 'the CryptoCloud dashboard (app.cryptocloud.plus) → your project → "Integration & API"';
const KEYS = ['CRYPTOCLOUD_API_KEY', 'CRYPTOCLOUD_SHOP_ID', 'CRYPTOCLOUD_SECRET_KEY'] as const;
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '0.0.0.0']);
const looksLikeJwt = (s: string) => /^eyJ[\w-]+\.[\w-]+\.[\w-]+$/.test(s);

interface Answer {
  status: number | null;
  json: Record<string, unknown> | null;
  error?: string;
}

export async function runDoctor(options: DoctorOptions): Promise<DoctorReport> {
  const vars = options.vars;
  const v = (name: string) => vars[name]?.trim() || undefined;
  const checks: Check[] = [];
  const add = (check: Check) => checks.push(check);

  // ---- Configuration ----
  let e: Env | undefined;
  try {
    e = parseEnv(vars);
    add({ title: 'Configuration', status: 'ok', detail: 'Every variable is valid.' });
  } catch (err) {
    if (!(err instanceof EnvError)) throw err;
    add({
      title: 'Configuration',
      status: 'fail',
      detail: err.message.replace(/^Invalid environment configuration:\n/, 'Invalid variables (the server refuses to start on them):\n'),
      fix: 'Correct each variable named above (.env.example documents them all), locally and in the deployment.',
    });
  }

  const production = v('VERCEL_ENV') === 'production' || v('DEPLOY_ENV') === 'production';
  const mode: DoctorReport['mode'] = KEYS.some((k) => v(k)) ? 'live' : 'sandbox';
  const appUrl = (e?.APP_URL ?? v('APP_URL') ?? `http://localhost:${v('PORT') ?? '3000'}`).replace(/\/+$/, '');
  const origin = (options.url ?? appUrl).replace(/\/+$/, '');
  const local = isLocal(origin);
  // Checked as a deployment (stricter) unless this is the sandbox on this machine.
  const deployed = mode === 'live' || production || !!options.url || !local;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const shopRequest = (path: string, init: RequestInit = {}) => request(`${origin}${path}`, init, timeoutMs, options.bypass);

  // ---- Database ----
  const db = await checkDatabase(v, deployed, add);

  try {
    // ---- Payments ----
    if (mode === 'live') await checkLiveKeys(v, timeoutMs, add);
    else checkSandbox(v, production, add);
    checkGatewayTimeout(v, add);
    checkTestInvoices(v, mode, production, add);

    // ---- The shop's address ----
    await checkAppUrl({ appUrl, appUrlSet: !!v('APP_URL'), origin, url: options.url, mode, deployed }, shopRequest, add);

    // ---- Postbacks, return URLs ----
    if (options.url) {
      await checkPostbackEndpoint(await postbackSecret(v, mode, production, db), shopRequest, add);
      await checkReturnUrl(shopRequest, add);
    }

    // ---- Scheduler ----
    await checkScheduler(v, deployed, appUrl, options.url ? shopRequest : null, add);

    // ---- Back office ----
    await checkMail(v, deployed, add);
    await checkAdmin(v, deployed, db, add);
  } finally {
    await db?.end().catch(() => undefined);
  }

  return {
    mode,
    origin,
    checks,
    projectUrls: {
      notification: `${origin}/api/cryptocloud/postback`,
      success: `${origin}/checkout/return`,
      fail: `${origin}/checkout/return`,
    },
  };
}

function isLocal(origin: string): boolean {
  try {
    return LOCAL_HOSTS.has(new URL(origin).hostname);
  } catch {
    return false;
  }
}

async function request(url: string, init: RequestInit, timeoutMs: number, bypass?: string): Promise<Answer> {
  const headers = new Headers(init.headers);
  if (bypass) headers.set('x-vercel-protection-bypass', bypass);
  try {
    const res = await fetch(url, { ...init, headers, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    const text = await res.text();
    let json: Record<string, unknown> | null = null;
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) json = parsed as Record<string, unknown>;
    } catch {
      json = null;
    }
    return { status: res.status, json };
  } catch (err) {
    const cause = err instanceof Error && err.cause instanceof Error ? err.cause : err;
    const code = (cause as { code?: string })?.code;
    const message =
      err instanceof Error && err.name === 'TimeoutError'
        ? `no answer within ${timeoutMs / 1000} s`
        : (code ?? (cause as Error)?.message ?? String(err));
    return { status: null, json: null, error: message };
  }
}

/** Something other than the shop answered (a login wall): our routes always answer JSON. */
const walled = (a: Answer) => (a.status === 401 || a.status === 403) && a.json === null;
const WALL_FIX =
  'The shop must be reachable without a login: CryptoCloud cannot sign in. On Vercel, production deployments are public by default; for a protected preview, see README "Preview deployments" (a bypass secret works for this command and the scheduler, not for CryptoCloud).';

type Add = (check: Check) => void;
type Var = (name: string) => string | undefined;
type ShopRequest = (path: string, init?: RequestInit) => Promise<Answer>;

async function checkDatabase(v: Var, deployed: boolean, add: Add): Promise<pg.Client | null> {
  const variable = v('DATABASE_URL') ? 'DATABASE_URL' : 'POSTGRES_URL';
  const url = v('DATABASE_URL') ?? v('POSTGRES_URL');
  if (!url) {
    add({
      title: 'Database',
      status: deployed ? 'fail' : 'info',
      detail: deployed
        ? 'No database is configured (DATABASE_URL): a deployment refuses to start on the embedded PGlite.'
        : 'The embedded PGlite (.data/pglite, or PGLITE_DIR): fine on this machine. It is not opened here, as your running app may hold it.',
      fix: deployed
        ? 'On Vercel: Storage → Create Database → Neon (Postgres), connected to this project (it sets DATABASE_URL). Elsewhere set DATABASE_URL to any PostgreSQL.'
        : undefined,
      live: 'A PostgreSQL database: DATABASE_URL (on Vercel, connect Neon under Storage).',
    });
    return null;
  }
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 8_000, query_timeout: 10_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (err) {
    await client.end().catch(() => undefined);
    add({
      title: 'Database',
      status: 'fail',
      detail: `Cannot connect to ${describeDatabase(url)} (${errorText(err)}).`,
      fix: `Check ${variable}: copy the connection string again from your provider (on Vercel: Storage → your database → .env.local tab), and make sure this machine may reach it.`,
    });
    return null;
  }
  try {
    const status = await migrationStatus(client);
    const pooledOnly = /-pooler\.|pgbouncer=true/.test(url) && !v('DATABASE_URL_UNPOOLED') && !v('POSTGRES_URL_NON_POOLING');
    if (status.pending.length > 0) {
      add({
        title: 'Database',
        status: 'fail',
        detail: `${describeDatabase(url)} answers, but ${status.pending.length} migration(s) of this code are not applied: ${status.pending.join(', ')}.`,
        fix: 'Run `npm run db:migrate` with this configuration. On Vercel, a production deployment applies them while it builds: redeploy production (a failed migration fails that build, saying why).',
      });
    } else if (status.newerInDatabase > 0) {
      add({
        title: 'Database',
        status: 'warn',
        detail: `${describeDatabase(url)} holds ${status.newerInDatabase} migration(s) newer than this code: a newer version of the shop migrated it.`,
        fix: 'Check this with the code the deployment runs (pull the latest commit).',
      });
    } else {
      add({
        title: 'Database',
        status: pooledOnly ? 'warn' : 'ok',
        detail: `${describeDatabase(url)} answers; all ${status.applied.length} migrations are applied.${pooledOnly ? ' Migrations would go through the pooled URL, where the advisory lock that keeps concurrent builds apart does not hold.' : ''}`,
        fix: pooledOnly
          ? 'Set DATABASE_URL_UNPOOLED to the direct connection string (Neon: the host without -pooler; the Vercel integration sets it).'
          : undefined,
      });
    }
    return client;
  } catch (err) {
    add({
      title: 'Database',
      status: 'fail',
      detail: `${describeDatabase(url)} answered, but reading it failed (${errorText(err)}).`,
      fix: `Check that ${variable} names the shop's database.`,
    });
    await client.end().catch(() => undefined);
    return null;
  }
}

async function checkLiveKeys(v: Var, timeoutMs: number, add: Add): Promise<void> {
  const apiKey = v('CRYPTOCLOUD_API_KEY');
  const shopId = v('CRYPTOCLOUD_SHOP_ID');
  const secretKey = v('CRYPTOCLOUD_SECRET_KEY');
  const apiUrl = (v('CRYPTOCLOUD_API_URL') ?? 'https://api.cryptocloud.plus').replace(/\/+$/, '');

  // API KEY: the only key CryptoCloud can check without side effects (a balance read).
  if (!apiKey) {
    add({
      title: 'CryptoCloud API key',
      status: 'fail',
      detail: 'CRYPTOCLOUD_API_KEY is missing.',
      fix: `Copy "API KEY" from ${DASHBOARD} into CRYPTOCLOUD_API_KEY.`,
    });
  } else {
    const config: ActiveGatewayConfig = {
      mode: 'live',
      apiUrl,
      apiKey,
      shopId: shopId ?? '',
      secretKey: secretKey ?? '',
      payHosts: [],
      timeoutMs,
    };
    const balance = await getBalance({ config });
    if (balance.ok) {
      add({
        title: 'CryptoCloud API key',
        status: 'ok',
        detail: `Accepted by ${apiUrl} (a read-only balance call answered for ${balance.value.length} currencies).`,
      });
    } else if (balance.error.kind === 'unauthorized') {
      add({
        title: 'CryptoCloud API key',
        status: 'fail',
        detail: `${apiUrl} refused CRYPTOCLOUD_API_KEY: ${balance.error.message}`,
        fix: `Copy "API KEY" again from ${DASHBOARD} into CRYPTOCLOUD_API_KEY (the whole key, about 250 characters, starting with eyJ)${apiKey.length === 16 ? '; the value set now has the length of a SHOP ID' : ''}.`,
      });
    } else {
      add({
        title: 'CryptoCloud API key',
        status: 'fail',
        detail: `Could not check the key: ${balance.error.message}`,
        fix: `Make sure ${apiUrl} is reachable from here (CRYPTOCLOUD_API_URL; https://api.trybit.com serves the same API), then run this again.`,
      });
    }
  }

  // SHOP ID: only an invoice proves it; CryptoCloud documents its shape (16 characters).
  if (!shopId) {
    add({
      title: 'CryptoCloud shop id',
      status: 'fail',
      detail: 'CRYPTOCLOUD_SHOP_ID is missing.',
      fix: `Copy "SHOP ID" from ${DASHBOARD} into CRYPTOCLOUD_SHOP_ID.`,
    });
  } else if (looksLikeJwt(shopId) || shopId === apiKey || shopId === secretKey) {
    add({
      title: 'CryptoCloud shop id',
      status: 'fail',
      detail: 'CRYPTOCLOUD_SHOP_ID holds another key (it looks like the API KEY or equals another variable).',
      fix: `Copy "SHOP ID" (16 characters) from ${DASHBOARD} into CRYPTOCLOUD_SHOP_ID.`,
    });
  } else {
    const shaped = /^[A-Za-z0-9]{16}$/.test(shopId);
    add({
      title: 'CryptoCloud shop id',
      status: shaped ? 'ok' : 'warn',
      detail: shaped
        ? 'Shaped like a SHOP ID. CryptoCloud offers no read-only way to check it: the first invoice does (walkthrough step 5).'
        : `CRYPTOCLOUD_SHOP_ID is ${shopId.length} characters; CryptoCloud's SHOP IDs are 16 letters and digits. An invoice with a wrong one is refused.`,
      fix: shaped ? undefined : `Copy "SHOP ID" again from ${DASHBOARD}.`,
    });
  }

  // SECRET KEY: verifies postbacks; CryptoCloud cannot be asked about it.
  if (!secretKey) {
    add({
      title: 'CryptoCloud secret key',
      status: 'fail',
      detail: 'CRYPTOCLOUD_SECRET_KEY is missing: every postback would be refused (401) and payments confirmed only by the reconciler.',
      fix: `Copy "SECRET KEY" from ${DASHBOARD} into CRYPTOCLOUD_SECRET_KEY.`,
    });
  } else if (looksLikeJwt(secretKey) || secretKey === apiKey || secretKey === shopId) {
    add({
      title: 'CryptoCloud secret key',
      status: 'fail',
      detail: 'CRYPTOCLOUD_SECRET_KEY holds another key (it looks like the API KEY or equals another variable).',
      fix: `Copy "SECRET KEY" from ${DASHBOARD} into CRYPTOCLOUD_SECRET_KEY.`,
    });
  } else {
    add({
      title: 'CryptoCloud secret key',
      status: 'ok',
      detail:
        'Set. It signs postbacks, which CryptoCloud cannot be asked about: `--url` checks that the deployment uses this same key, and "Confirm invoice without payment" proves it end to end.',
    });
  }
}

function checkSandbox(v: Var, production: boolean, add: Add): void {
  const refused = v('CRYPTOCLOUD_SANDBOX') === 'off' || (production && v('CRYPTOCLOUD_SANDBOX') !== 'on');
  const live = `The three keys of a CryptoCloud project, from ${DASHBOARD}: CRYPTOCLOUD_API_KEY, CRYPTOCLOUD_SHOP_ID, CRYPTOCLOUD_SECRET_KEY.`;
  if (refused) {
    add({
      title: 'Payments',
      status: 'fail',
      detail: production
        ? 'A production deployment with no CryptoCloud keys and the sandbox not switched on: the server refuses to start.'
        : 'No CryptoCloud keys and CRYPTOCLOUD_SANDBOX=off: checkout takes no orders.',
      fix: `Set ${KEYS.join(', ')} (real payments), or CRYPTOCLOUD_SANDBOX=on for a demo shop.`,
      live,
    });
    return;
  }
  add({ title: 'Payments', status: 'info', detail: 'The built-in sandbox: orders are paid on a simulated page, no money moves.', live });
}

/** On Vercel the checkout's function may run 30 s (tests/unit/function-settings.test.ts): a slower gateway timeout would be cut short. */
function checkGatewayTimeout(v: Var, add: Add): void {
  const ms = Number(v('CRYPTOCLOUD_TIMEOUT_MS') ?? 10_000);
  if (!(v('VERCEL') || v('VERCEL_ENV')) || !(ms > 20_000)) return;
  add({
    title: 'Gateway timeout',
    status: 'warn',
    detail: `CRYPTOCLOUD_TIMEOUT_MS is ${ms}: on Vercel, checkout and "Pay now" run at most 30 s, so a gateway call that slow would be cut off with the order left pending.`,
    fix: 'Keep CRYPTOCLOUD_TIMEOUT_MS at 20000 or less (the default is 10000).',
  });
}

function checkTestInvoices(v: Var, mode: DoctorReport['mode'], production: boolean, add: Add): void {
  if (mode === 'sandbox') return;
  const override = v('CRYPTOCLOUD_ALLOW_TEST_INVOICES');
  const allowed = override ? ['true', '1', 'on', 'yes'].includes(override) : !production;
  if (production && !allowed) {
    add({
      title: 'Test invoices',
      status: 'ok',
      detail:
        'Refused here (a production deployment with live keys): an invoice your CryptoCloud project makes in test mode puts its order under review instead of paid. Whether the project is in test mode cannot be read through the API (the dashboard shows it). For the walkthrough\'s "Confirm invoice without payment" step, set CRYPTOCLOUD_ALLOW_TEST_INVOICES=true and redeploy; remove it afterwards.',
    });
  } else if (production) {
    add({
      title: 'Test invoices',
      status: 'warn',
      detail: 'Accepted as paid in production (CRYPTOCLOUD_ALLOW_TEST_INVOICES): a test invoice moves no money, yet its order turns paid.',
      fix: 'Remove CRYPTOCLOUD_ALLOW_TEST_INVOICES once the walkthrough is done, and turn test mode off in the CryptoCloud project.',
    });
  } else {
    add({
      title: 'Test invoices',
      status: 'warn',
      detail:
        'Live keys outside a declared production deployment: test-mode invoices, which move no money, count as paid. Right for trying the walkthrough; not for selling.',
      fix: 'Before selling, deploy as production (Vercel production sets VERCEL_ENV; elsewhere set DEPLOY_ENV=production) and turn test mode off in the CryptoCloud project.',
    });
  }
}

interface Target {
  appUrl: string;
  appUrlSet: boolean;
  origin: string;
  url: string | undefined;
  mode: DoctorReport['mode'];
  deployed: boolean;
}

async function checkAppUrl({ appUrl, appUrlSet, origin, url, mode, deployed }: Target, shopRequest: ShopRequest, add: Add): Promise<void> {
  const https = origin.startsWith('https://');
  const local = isLocal(origin);
  const problems: string[] = [];
  let status: CheckStatus = 'ok';
  if (url && appUrlSet && url.replace(/\/+$/, '') !== appUrl) {
    problems.push(
      `APP_URL here is ${appUrl}, but you checked ${origin}: the deployment's own APP_URL decides its links (unset on Vercel, it follows the production domain).`,
    );
    status = 'warn';
  }
  if (!https && !local) {
    problems.push(`${origin} is not https: CryptoCloud sends postbacks and buyers to it, and the back office's cookies need https.`);
    status = 'fail';
  } else if (local && mode === 'live') {
    problems.push(
      `${origin} is this machine: CryptoCloud cannot deliver postbacks here (the background reconciler still confirms payments within a minute).`,
    );
    status = 'warn';
  }
  const health = await shopRequest('/api/health');
  let answer: string;
  let fix: string | undefined;
  if (health.status === 200) {
    answer = `answers (/api/health: ${String(health.json?.db ?? 'ok')})`;
  } else if (walled(health)) {
    answer = `is behind a login (HTTP ${health.status})`;
    status = 'fail';
    fix = WALL_FIX;
  } else if (health.status === null) {
    answer = `does not answer (${health.error})`;
    if (deployed) status = 'fail';
    else if (status === 'ok') status = 'info';
    if (!deployed) fix = 'Start the shop (npm run dev) to check it answers.';
  } else {
    answer = `answers /api/health with HTTP ${health.status}${health.json?.reason ? ` (${String(health.json.reason)})` : ''}`;
    status = 'fail';
  }
  if (!fix && (status === 'fail' || status === 'warn')) {
    fix =
      "Set APP_URL to the shop's public https:// origin (on Vercel, leave it unset to follow the production domain), and make sure it is deployed and reachable.";
  }
  add({
    title: 'APP_URL',
    status,
    detail: `${origin} ${answer}.${problems.length ? ` ${problems.join(' ')}` : ''}`,
    fix,
    live: https ? undefined : "APP_URL on the shop's public https:// origin (on Vercel, leave it unset).",
  });
}

/** The secret the deployment verifies postbacks with, as far as this machine can know it. */
async function postbackSecret(
  v: Var,
  mode: DoctorReport['mode'],
  production: boolean,
  db: pg.Client | null,
): Promise<{ secret: string; source: string }> {
  if (mode === 'live') return { secret: v('CRYPTOCLOUD_SECRET_KEY') ?? '', source: 'CRYPTOCLOUD_SECRET_KEY' };
  const own = v('CRYPTOCLOUD_SANDBOX_SECRET_KEY');
  if (own) return { secret: own, source: 'CRYPTOCLOUD_SANDBOX_SECRET_KEY' };
  if ((production || v('CRYPTOCLOUD_SANDBOX') === 'on') && db) {
    // A deployed sandbox generates its credentials once and keeps them in its database.
    const rows = await drizzle({ client: db })
      .select({ secretKey: sandboxCredentials.secretKey })
      .from(sandboxCredentials)
      .where(eq(sandboxCredentials.id, 1))
      .catch(() => []);
    const stored = rows[0]?.secretKey;
    if (stored) return { secret: stored, source: "the sandbox's generated credentials (sandbox_credentials table)" };
  }
  return { secret: 'sandbox-secret-key', source: "the sandbox's local default secret" };
}

async function checkPostbackEndpoint(key: { secret: string; source: string }, shopRequest: ShopRequest, add: Add): Promise<void> {
  const title = 'Postback endpoint';
  if (!key.secret) {
    add({
      title,
      status: 'fail',
      detail: 'Not checked: no secret key to sign a test postback with.',
      fix: 'Set CRYPTOCLOUD_SECRET_KEY, then run this again.',
    });
    return;
  }
  // An invoice no order has: the shop must verify the signature, store it and answer 200 "unmatched".
  const suffix = `DOC${Array.from({ length: 5 }, () => 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'[randomInt(36)]).join('')}`;
  const token = await signPostbackToken(suffix, key.secret);
  const answer = await shopRequest('/api/cryptocloud/postback', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ status: 'success', invoice_id: suffix, amount_crypto: '0', currency: 'USDT_TRC20', order_id: null, token }),
  });
  const verdict = answer.json?.verdict;
  const error = typeof answer.json?.error === 'string' ? answer.json.error : null;
  if (answer.status === 200 && verdict === 'unmatched') {
    add({
      title,
      status: 'ok',
      detail: `A test postback for INV-${suffix} (signed with ${key.source}) was verified, stored and answered 200 "unmatched", as a postback for an unknown invoice should be. It stays listed under Postbacks in the back office; it touches no order.`,
    });
  } else if (answer.status === 401 && answer.json) {
    add({
      title,
      status: 'fail',
      detail: `The shop refused a postback signed with ${key.source} (401: ${String(answer.json.message ?? error)}). Real postbacks would be refused the same way.`,
      fix: "The deployment's secret key differs from the one here: copy \"SECRET KEY\" from the CryptoCloud project into the deployment's CRYPTOCLOUD_SECRET_KEY and redeploy (or, if its clock is minutes off, fix the server's time).",
    });
  } else if (walled(answer)) {
    add({
      title,
      status: 'fail',
      detail: `A login answered instead of the shop (HTTP ${answer.status}): CryptoCloud's postbacks would be refused too.`,
      fix: WALL_FIX,
    });
  } else if (answer.status === null) {
    add({ title, status: 'fail', detail: `No answer (${answer.error}).`, fix: 'Check --url and that the deployment is up.' });
  } else {
    const reasons: Record<string, string> = {
      not_configured: 'payments are not configured on the deployment',
      database_unavailable: "the deployment's database is unavailable",
      gateway_unavailable: 'the deployment could not reach CryptoCloud',
      busy: 'the deployment was busy',
    };
    add({
      title,
      status: 'fail',
      detail: `HTTP ${answer.status}${error ? ` (${reasons[error] ?? error})` : ''} instead of 200 "unmatched".`,
      fix:
        answer.status === 404
          ? "No postback endpoint there: is --url the shop's origin (https://host, no path)?"
          : 'Look at the deployment\'s logs for "[postback]", fix the cause, and run this again.',
    });
  }
}

async function checkReturnUrl(shopRequest: ShopRequest, add: Add): Promise<void> {
  const answer = await shopRequest('/checkout/return');
  const fine = answer.status !== null && answer.status < 400;
  add({
    title: 'Success/Fail URL',
    status: fine ? 'ok' : walled(answer) ? 'fail' : 'warn',
    detail: fine
      ? '/checkout/return answers: buyers come back to their order from the pay page.'
      : `/checkout/return answered ${answer.status ?? answer.error}.`,
    fix: fine
      ? undefined
      : 'Check the deployment serves this build; buyers who return there would see an error (their payment is still recorded).',
  });
}

async function checkScheduler(v: Var, deployed: boolean, appUrl: string, shopRequest: ShopRequest | null, add: Add): Promise<void> {
  const title = 'Scheduler (CRON_SECRET)';
  const secret = v('CRON_SECRET');
  const workflow = `the GitHub Actions workflow needs the repository secrets SHOP_URL=${appUrl} and CRON_SECRET (the same value)`;
  if (!secret) {
    add({
      title,
      status: deployed ? 'fail' : 'info',
      detail: deployed
        ? 'CRON_SECRET is not set: GET /api/cron/reconcile refuses every scheduler, and on a serverless host nothing else confirms a payment whose postback was lost or expires unpaid orders.'
        : 'CRON_SECRET is not set; on this machine the reconciler runs in the background every minute anyway.',
      fix: `Set CRON_SECRET (\`openssl rand -hex 24\`) in the deployment; Vercel Cron sends it by itself, and ${workflow}.`,
      live: 'CRON_SECRET, and the scheduler that uses it (README "Scheduling the reconciler").',
    });
    return;
  }
  if (!shopRequest) {
    add({
      title,
      status: 'ok',
      detail: `Set. Vercel Cron sends it daily by itself; for the 5-minute cadence ${workflow}. \`--url\` checks the deployment accepts it.`,
    });
    return;
  }
  const anonymous = await shopRequest('/api/cron/reconcile');
  const message = String(anonymous.json?.message ?? '');
  if (anonymous.status === 401 && message.startsWith('CRON_SECRET is not configured')) {
    add({
      title,
      status: 'fail',
      detail: 'The deployment has no CRON_SECRET: it refuses every scheduler.',
      fix: "Add CRON_SECRET to the deployment's variables (the same value as here) and redeploy.",
    });
    return;
  }
  if (anonymous.status !== 401 || walled(anonymous)) {
    add({
      title,
      status: 'fail',
      detail: `GET /api/cron/reconcile without the secret answered ${anonymous.status ?? anonymous.error}, not 401.`,
      fix: walled(anonymous) ? WALL_FIX : 'Check --url points at this shop and that it serves this build.',
    });
    return;
  }
  const authorised = await shopRequest('/api/cron/reconcile', { headers: { Authorization: `Bearer ${secret}` } });
  if (authorised.status === 200) {
    add({
      title,
      status: 'ok',
      detail: `Guarded (401 without the secret) and it accepts this CRON_SECRET (one reconciliation ran: ${String(authorised.json?.status)}). Remember: ${workflow}.`,
    });
  } else if (authorised.status === 401) {
    add({
      title,
      status: 'fail',
      detail: 'The deployment refuses this CRON_SECRET: its value differs.',
      fix: 'Use one value everywhere: the deployment, your .env and the GitHub repository secret CRON_SECRET.',
    });
  } else {
    add({
      title,
      status: 'warn',
      detail: `Guarded, but the authorised call answered ${authorised.status ?? authorised.error}.`,
      fix: 'Look at the deployment\'s logs for "[cron]" (503 means the database or CryptoCloud was unavailable; the next run retries).',
    });
  }
}

async function checkMail(v: Var, deployed: boolean, add: Add): Promise<void> {
  const server = v('EMAIL_SERVER');
  const authSecret = v('AUTH_SECRET');
  const github = v('AUTH_GITHUB_ID');
  const live = 'A mail server for sign-in links and receipts: EMAIL_SERVER (smtps://…) and EMAIL_FROM; and AUTH_SECRET.';
  if (!server) {
    add({
      title: 'Mail',
      status: deployed ? 'warn' : 'info',
      detail: deployed
        ? `No EMAIL_SERVER: sign-in links and receipts cannot be sent${github ? ' (admins can still sign in with GitHub)' : ', so nobody can sign in to the back office'}.`
        : 'No EMAIL_SERVER: mail goes to the development mailbox (/dev/mailbox).',
      fix: deployed ? 'Set EMAIL_SERVER=smtps://user:password@smtp.example.com:465 and EMAIL_FROM="Shop <shop@your-domain>".' : undefined,
      live,
    });
  } else {
    const verified = await verifySmtp(server);
    add({
      title: 'Mail',
      status: verified === true && v('EMAIL_FROM') ? 'ok' : 'warn',
      detail:
        verified === true
          ? `The mail server accepted a connection and the login (nothing was sent).${v('EMAIL_FROM') ? '' : " EMAIL_FROM is not set: mail comes from no-reply@ the shop's host, which most servers refuse to send as."}`
          : `The mail server could not be verified: ${verified}.`,
      fix:
        verified === true
          ? v('EMAIL_FROM')
            ? undefined
            : 'Set EMAIL_FROM to an address this mail server may send as.'
          : 'Check EMAIL_SERVER (host, port, user, password; smtps:// for port 465).',
    });
  }
  if (deployed && !authSecret) {
    add({
      title: 'Back office sign-in',
      status: 'warn',
      detail: 'AUTH_SECRET is not set: the back office cannot sign anyone in.',
      fix: 'Set AUTH_SECRET (`openssl rand -base64 33`).',
    });
  }
}

async function verifySmtp(url: string): Promise<true | string> {
  try {
    const { createTransport } = await import('nodemailer');
    const transport = createTransport(url, { connectionTimeout: 8_000, greetingTimeout: 8_000, socketTimeout: 8_000 } as never);
    await transport.verify();
    transport.close();
    return true;
  } catch (err) {
    return errorText(err);
  }
}

async function checkAdmin(v: Var, deployed: boolean, db: pg.Client | null, add: Add): Promise<void> {
  const listed = (v('ADMIN_EMAILS') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  let admins: number | null = null;
  if (db) {
    const rows = await drizzle({ client: db })
      .select({ n: count() })
      .from(users)
      .where(eq(users.role, 'admin'))
      .catch(() => null);
    admins = rows ? Number(rows[0]?.n ?? 0) : null;
  }
  const title = 'Back office admin';
  if (admins !== null && admins > 0) {
    add({ title, status: 'ok', detail: `${admins} admin(s) in the database.` });
  } else if (listed.length > 0) {
    add({
      title,
      status: 'ok',
      detail: `${listed.join(', ')} ${listed.length > 1 ? 'become admins' : 'becomes an admin'} at the first sign-in (/admin)${admins === 0 ? '; nobody has signed in yet' : ''}.`,
    });
  } else if (!deployed) {
    add({
      title,
      status: 'info',
      detail: 'Nothing configured: admin@example.com is the admin on this machine.',
      live: 'ADMIN_EMAILS=you@example.com (or `npm run admin:add -- you@example.com` against the database).',
    });
  } else {
    add({
      title,
      status: 'warn',
      detail:
        admins === 0
          ? 'The database has no admin, and ADMIN_EMAILS is not set: nobody can open the back office.'
          : 'ADMIN_EMAILS is not set, and without database access here the admins could not be counted.',
      fix: 'Set ADMIN_EMAILS=you@example.com (the address gets the admin role at its first sign-in), or run `npm run admin:add -- you@example.com` against the database.',
    });
  }
}

function errorText(err: unknown): string {
  const e = err as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  return e?.code ?? e?.cause?.code ?? e?.message ?? String(err);
}
