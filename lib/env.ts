import 'server-only';
import { z } from 'zod';
import { FIAT_CURRENCIES } from '@/lib/currencies';

const bool = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'on', 'off', 'yes', 'no'], {
      error: 'must be true or false',
    })
    .optional()
    .transform((v) => (v === undefined ? fallback : ['true', '1', 'on', 'yes'].includes(v)));

const optionalBool = z
  .enum(['true', 'false', '1', '0', 'on', 'off', 'yes', 'no'], { error: 'must be true or false' })
  .optional()
  .transform((v) => (v === undefined ? undefined : ['true', '1', 'on', 'yes'].includes(v)));

const int = (fallback: number, min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, 'must be a whole number')
    .optional()
    .transform((v) => (v === undefined ? fallback : Number(v)))
    .pipe(z.number().int().min(min).max(max));

const url = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });
const postgresUrl = z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// connection string');

const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: int(3000, 1, 65535),
  APP_URL: url.optional(),
  SHOP_NAME: z.string().min(1).max(80).default('CryptoCloud Storefront'),
  SHOP_CURRENCY: z.enum(FIAT_CURRENCIES, { error: `must be one of ${FIAT_CURRENCIES.join(', ')}` }).default('USD'),

  DATABASE_URL: postgresUrl.optional(),
  POSTGRES_URL: postgresUrl.optional(),
  DATABASE_DRIVER: z.enum(['pg', 'vercel-postgres']).optional(),
  VERCEL_POSTGRES_WS_PROXY: z
    .string()
    .regex(/^(wss?:\/\/)?[^\s/?#]+(\/[^\s?#]*)?$/, 'must be a WebSocket proxy host:port/path, e.g. 127.0.0.1:5488/v2')
    .optional(),
  DB_POOL_MAX: int(5, 1, 100),
  PGLITE_DIR: z.string().min(1).default('.data/pglite'),

  // PostgreSQL pool timeouts (db/client.ts): a dead or unreachable database gives a fast 503.
  DB_CONNECT_TIMEOUT_MS: int(5_000, 500, 60_000),
  DB_QUERY_TIMEOUT_MS: int(5_000, 2_000, 120_000),

  VERCEL_ENV: z.string().optional(),
  DEPLOY_ENV: z.string().optional(),

  CRYPTOCLOUD_API_KEY: z.string().min(1).optional(),
  CRYPTOCLOUD_SHOP_ID: z.string().min(1).optional(),
  CRYPTOCLOUD_SECRET_KEY: z.string().min(1).optional(),
  CRYPTOCLOUD_API_URL: url.default('https://api.cryptocloud.plus'),
  CRYPTOCLOUD_PAY_HOSTS: z.string().default('pay.cryptocloud.plus,pay.trybit.com'),
  CRYPTOCLOUD_TIMEOUT_MS: int(10_000, 100, 120_000),
  CRYPTOCLOUD_LOCALE: z.enum(['en', 'ru']).optional(),
  CRYPTOCLOUD_ALLOW_TEST_INVOICES: optionalBool,
  CRYPTOCLOUD_SANDBOX: z.enum(['on', 'off']).optional(),
  // Unset: the published defaults locally, credentials generated per installation in a deployment
  // (lib/sandbox/credentials.ts).
  CRYPTOCLOUD_SANDBOX_API_KEY: z.string().min(1).optional(),
  CRYPTOCLOUD_SANDBOX_SHOP_ID: z.string().min(1).optional(),
  CRYPTOCLOUD_SANDBOX_SECRET_KEY: z.string().min(1).optional(),
  CRYPTOCLOUD_SANDBOX_NOTIFY_URL: url.optional(),
  CRYPTOCLOUD_SANDBOX_POSTBACK_FORMAT: z.enum(['json', 'form']).default('json'),
  CRYPTOCLOUD_SANDBOX_POSTBACK_RETRIES: int(5, 0, 20),
  CRYPTOCLOUD_SANDBOX_POSTBACK_BACKOFF_MS: int(1000, 1, 600_000),

  CHECKOUT_TIME_TO_PAY_MINUTES: int(60, 5, 24 * 60),
  CHECKOUT_RATE_LIMIT: int(10, 0, 1_000_000),
  CHECKOUT_RATE_WINDOW_SECONDS: int(600, 1, 86_400),
  CRON_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  RECONCILE_INTERVAL_SECONDS: z
    .string()
    .regex(/^\d+$/, 'must be a whole number of seconds (0 turns it off)')
    .optional()
    .transform((v) => (v === undefined ? undefined : Number(v))),
  // On a long-running server queued mail goes out every N seconds (default 30; off on Vercel, where
  // the cron route delivers it). 0 turns the in-process sender off: the cron route or another
  // process delivers instead.
  MAIL_SEND_INTERVAL_SECONDS: int(30, 0, 3600),
  AUTOSEED: bool(true),
  // Live order-status streams one instance serves at once (lib/orders/status-feed.ts); past it the
  // order page polls instead. 0 turns the streams off.
  ORDER_STREAMS_MAX: int(200, 0, 10_000),

  // ---- Request edge: who the client is, who may call server actions (README "Behind a proxy") ----
  TRUSTED_PROXY_HOPS: int(0, 0, 10),
  CLIENT_IP_HEADER: z
    .string()
    .regex(/^[A-Za-z0-9-]+$/, 'must be a header name such as x-real-ip')
    .transform((v) => v.toLowerCase())
    .optional(),
  /** Set to 1 by Vercel on every deployment. */
  VERCEL: z.string().optional(),
  // Hosts besides this one whose pages may call server actions (e.g. a reverse proxy's public host),
  // read by next.config.js for Next's own check (serverActions.allowedOrigins) and by proxy.ts.
  SERVER_ACTIONS_ALLOWED_ORIGINS: z
    .string()
    .optional()
    .transform((v) =>
      (v ?? '')
        .split(',')
        .map((h) => h.trim().toLowerCase())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().regex(/^[a-z0-9*.-]+(:\d{1,5})?$/, 'must list hosts without a scheme, e.g. shop.example.com,*.example.com'))),
  ...backOfficeEnv(),
  ...deploymentEnv(),
  ...fulfilmentEnv(),
});

type Raw = z.infer<typeof schema>;

export type Env = Raw & {
  APP_URL: string;
  /** A real deployment (not a local `next start`): VERCEL_ENV or DEPLOY_ENV is `production`. */
  isProductionDeployment: boolean;
  databaseUrl: string | undefined;
  /** Where migrations run: the direct (unpooled) URL paired with databaseUrl when there is one. */
  migrationDatabaseUrl: string | undefined;
  payHosts: string[];
};

export class EnvError extends Error {
  constructor(issues: string[]) {
    super(`Invalid environment configuration:\n${issues.map((i) => `  - ${i}`).join('\n')}\nSee .env.example.`);
    this.name = 'EnvError';
  }
}

function parse(source: NodeJS.ProcessEnv): Env {
  const input = Object.fromEntries(Object.entries(source).map(([k, v]) => [k, blankToUndefined(v)]));
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new EnvError(result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const raw = result.data;
  const cc = [raw.CRYPTOCLOUD_API_KEY, raw.CRYPTOCLOUD_SHOP_ID, raw.CRYPTOCLOUD_SECRET_KEY];
  if (cc.some(Boolean) && !cc.every(Boolean)) {
    throw new EnvError([
      'CRYPTOCLOUD_API_KEY, CRYPTOCLOUD_SHOP_ID and CRYPTOCLOUD_SECRET_KEY must be set together (or none of them, for the sandbox)',
    ]);
  }
  if (raw.STOREFRONT_BENCH && (raw.VERCEL_ENV === 'production' || raw.DEPLOY_ENV === 'production')) {
    throw new EnvError(["STOREFRONT_BENCH: must not be set in a production deployment (it serves the benchmark's bare routes)"]);
  }
  const appUrl = (raw.APP_URL ?? vercelOrigin(raw) ?? `http://localhost:${raw.PORT}`).replace(/\/+$/, '');
  return {
    ...raw,
    APP_URL: appUrl,
    isProductionDeployment: raw.VERCEL_ENV === 'production' || raw.DEPLOY_ENV === 'production',
    databaseUrl: raw.DATABASE_URL ?? raw.POSTGRES_URL,
    migrationDatabaseUrl: raw.DATABASE_URL
      ? (raw.DATABASE_URL_UNPOOLED ?? raw.DATABASE_URL)
      : (raw.POSTGRES_URL_NON_POOLING ?? raw.POSTGRES_URL),
    payHosts: raw.CRYPTOCLOUD_PAY_HOSTS.split(',')
      .map((h) => h.trim().toLowerCase())
      .filter(Boolean),
  };
}

let cached: Env | undefined;

/** The validated environment, parsed once; a bad value throws an EnvError naming every problem. */
export function env(): Env {
  cached ??= parse(process.env);
  return cached;
}

/** Forget the parsed environment (tests change process.env between cases). */
export function resetEnvCache(): void {
  cached = undefined;
}

// ---- Merchant back office: sign-in, admins, mail (a function so the shape above can spread it) ----

function backOfficeEnv() {
  const emailList = z
    .string()
    .optional()
    .transform((v) =>
      (v ?? '')
        .split(',')
        .map((e) => e.trim().toLowerCase())
        .filter(Boolean),
    )
    .pipe(z.array(z.email({ error: 'must be a comma-separated list of email addresses' })));
  return {
    /** Signs Auth.js cookies and hashes sign-in tokens. Required in a production deployment. */
    AUTH_SECRET: z.string().min(32, 'must be at least 32 characters (npx auth secret, or openssl rand -base64 33)').optional(),
    AUTH_GITHUB_ID: z.string().min(1).optional(),
    AUTH_GITHUB_SECRET: z.string().min(1).optional(),
    /** Addresses that get the admin role when they first sign in. */
    ADMIN_EMAILS: emailList,
    /** SMTP URL (smtp:// or smtps://, credentials inside); without it, mail goes to /dev/mailbox outside production. */
    EMAIL_SERVER: z
      .string()
      .regex(/^smtps?:\/\/[^\s]+$/, 'must be an smtp:// or smtps:// URL, e.g. smtps://user:pass@smtp.example.com:465')
      .optional(),
    EMAIL_FROM: z.string().min(3).max(200).optional(),
    SIGNIN_RATE_LIMIT_PER_EMAIL: int(5, 0, 1_000),
    SIGNIN_RATE_LIMIT_PER_ADDRESS: int(20, 0, 1_000_000),
    SIGNIN_RATE_WINDOW_SECONDS: int(900, 1, 86_400),
  };
}

// ---- Deployment: the database URLs hosting integrations set, migrations, Vercel's own variables ----

/** Validate any set of variables as env() validates process.env (`npm run doctor` checks a merchant's). */
export function parseEnv(source: Record<string, string | undefined>): Env {
  return parse(source as NodeJS.ProcessEnv);
}

function deploymentEnv() {
  const host = z.string().regex(/^[a-z0-9.-]+(:\d{1,5})?$/i, 'must be a host name without a scheme');
  return {
    /**
     * The direct (unpooled) connection paired with DATABASE_URL (Vercel's Neon integration sets both):
     * migrations hold a session-level advisory lock, which a transaction pooler does not keep.
     */
    DATABASE_URL_UNPOOLED: postgresUrl.optional(),
    /** The same, paired with POSTGRES_URL (projects created with Vercel Postgres). */
    POSTGRES_URL_NON_POOLING: postgresUrl.optional(),
    /** Apply migrations in `npm run build` outside a Vercel production build too (a preview with its own database). */
    MIGRATE_ON_BUILD: bool(false),
    /** Apply pending migrations when the server starts (hosts that run only the built folder). */
    MIGRATE_ON_START: bool(false),
    /** Set by Vercel: the project's production host, a preview deployment's own host (no scheme). */
    VERCEL_PROJECT_PRODUCTION_URL: host.optional(),
    VERCEL_URL: host.optional(),
    /** Set by Vercel once the project has a Protection Bypass for Automation secret (lib/http/protection-bypass.ts). */
    VERCEL_AUTOMATION_BYPASS_SECRET: z.string().min(1).optional(),
    /**
     * `npm run bench` only: serves the bare baselines it compares with (lib/bench.ts). Refused in a
     * production deployment, where those routes would be an unconfirmed way to mark an order paid.
     */
    STOREFRONT_BENCH: bool(false),
    /** With STOREFRONT_BENCH: start without opening the database (the bench's bare cold-start baseline). */
    STOREFRONT_BENCH_BARE_START: bool(false),
  };
}

/**
 * APP_URL when none is set on Vercel: the production domain for production (it follows a custom
 * domain once one is added), the deployment's own address for a preview, so a preview's sandbox
 * links and postbacks stay on that preview.
 */
function vercelOrigin(raw: {
  VERCEL?: string;
  VERCEL_ENV?: string;
  VERCEL_PROJECT_PRODUCTION_URL?: string;
  VERCEL_URL?: string;
}): string | undefined {
  if (!raw.VERCEL) return undefined;
  const host = raw.VERCEL_ENV === 'production' ? raw.VERCEL_PROJECT_PRODUCTION_URL : raw.VERCEL_URL;
  return host ? `https://${host}` : undefined;
}

// ---- After payment: buyer emails, digital delivery (a function so the shape above can spread it) ----

function fulfilmentEnv() {
  const colour = (fallback: string) =>
    z
      .string()
      .regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #2f5fd0')
      .default(fallback);
  return {
    /** The shop's colours in its emails: buttons and headings, and the page behind the message. */
    SHOP_COLOR_PRIMARY: colour('#2f5fd0'),
    SHOP_COLOR_BACKGROUND: colour('#f4f4f5'),
    /** Folder holding the files digital products deliver (never under public/). */
    DIGITAL_FILES_DIR: z.string().min(1).default('storage/digital'),
    /** How often each bought file may be downloaded. */
    DOWNLOAD_LIMIT: int(5, 1, 1_000),
    /** How long a download link (in an email, or on the order page) stays valid. */
    DOWNLOAD_LINK_TTL_HOURS: int(72, 1, 24 * 365),
    /** Signs download links; without it one is generated once and kept in the database. */
    DOWNLOAD_SECRET: z.string().min(32, 'must be at least 32 characters (openssl rand -base64 33)').optional(),
  };
}
