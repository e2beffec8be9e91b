import 'server-only';
import type { PayLinkPolicy } from '@/lib/cryptocloud/parse';
import { env } from '@/lib/env';
import { errorSummary } from '@/lib/errors';
import { sandboxCredentials } from '@/lib/sandbox/credentials';

/** Where the app's CryptoCloud client points, and with which credentials. */
export type GatewayConfig =
  | {
      mode: 'live' | 'sandbox';
      /** Base URL without `/v2`, e.g. https://api.cryptocloud.plus or ${APP_URL}/api/sandbox/cryptocloud */
      apiUrl: string;
      apiKey: string;
      shopId: string;
      secretKey: string;
      /** Hosts a payment link may point to over https (live mode; the sandbox has none). */
      payHosts: string[];
      /** Origin the sandbox's own pay links use (sandbox mode only): APP_URL, like its return URLs. */
      sandboxOrigin?: string;
      timeoutMs: number;
      locale?: 'en' | 'ru';
    }
  | { mode: 'disabled'; reason: string };

type Credentials = 'apiKey' | 'shopId' | 'secretKey';

/** The configuration without its credentials: what can be known without I/O. */
export type GatewaySettings =
  Omit<Extract<GatewayConfig, { mode: 'live' | 'sandbox' }>, Credentials> | Extract<GatewayConfig, { mode: 'disabled' }>;

/** Real keys configured: the sandbox is refused and the client talks to the real API. */
export function hasLiveKeys(): boolean {
  return !!env().CRYPTOCLOUD_API_KEY;
}

/**
 * The sandbox serves only while no real key is configured, and in a production deployment
 * (VERCEL_ENV/DEPLOY_ENV=production) only with CRYPTOCLOUD_SANDBOX=on. `next start` alone is not a
 * production deployment, so local production builds keep it.
 */
export function isSandboxActive(): boolean {
  const e = env();
  if (hasLiveKeys()) return false;
  if (e.CRYPTOCLOUD_SANDBOX === 'off') return false;
  if (e.isProductionDeployment) return e.CRYPTOCLOUD_SANDBOX === 'on';
  return true;
}

/** Mode, endpoint and pay-link hosts (security headers, start-up checks, checkout's "are we taking payments"). */
export function gatewaySettings(): GatewaySettings {
  const e = env();
  const common = { timeoutMs: e.CRYPTOCLOUD_TIMEOUT_MS, locale: e.CRYPTOCLOUD_LOCALE };
  if (hasLiveKeys()) {
    return { mode: 'live', apiUrl: e.CRYPTOCLOUD_API_URL.replace(/\/+$/, ''), payHosts: e.payHosts, ...common };
  }
  if (isSandboxActive()) {
    return { mode: 'sandbox', apiUrl: `${e.APP_URL}/api/sandbox/cryptocloud`, payHosts: [], sandboxOrigin: e.APP_URL, ...common };
  }
  return {
    mode: 'disabled',
    reason: 'Payments are not configured: set CRYPTOCLOUD_API_KEY, CRYPTOCLOUD_SHOP_ID and CRYPTOCLOUD_SECRET_KEY.',
  };
}

/**
 * The settings with the credentials the client signs and verifies with. Async because a deployed
 * sandbox's credentials live in the database; when they cannot be read the gateway counts as
 * unavailable for now (callers answer 503 or retry later), never as configured with the
 * published defaults.
 */
export async function gatewayConfig(): Promise<GatewayConfig> {
  const settings = gatewaySettings();
  if (settings.mode === 'disabled') return settings;
  if (settings.mode === 'live') {
    const e = env();
    return { ...settings, apiKey: e.CRYPTOCLOUD_API_KEY!, shopId: e.CRYPTOCLOUD_SHOP_ID!, secretKey: e.CRYPTOCLOUD_SECRET_KEY! };
  }
  try {
    return { ...settings, ...(await sandboxCredentials()) };
  } catch (err) {
    console.error('[gateway] sandbox credentials unavailable:', errorSummary(err));
    return { mode: 'disabled', reason: 'The sandbox credentials could not be read from the database. Try again in a moment.' };
  }
}

/**
 * Where payment links may point in this configuration. The gateway client accepts only such links
 * and CSP `form-action` allows exactly their origins, both read at run time from here, so a
 * checkout's redirect to the pay page is never blocked by the browser.
 */
export function payLinkPolicy(config: GatewaySettings = gatewaySettings()): PayLinkPolicy {
  if (config.mode === 'disabled') return { payHosts: [] };
  return { payHosts: config.payHosts, sandboxOrigin: config.mode === 'sandbox' ? config.sandboxOrigin : undefined };
}

/**
 * Test-mode invoices move no money: they are accepted as paid except in a production deployment
 * with live keys. CRYPTOCLOUD_ALLOW_TEST_INVOICES overrides either way.
 */
export function allowTestInvoices(): boolean {
  const e = env();
  return e.CRYPTOCLOUD_ALLOW_TEST_INVOICES ?? !(e.isProductionDeployment && hasLiveKeys());
}

/**
 * Why this server must not start, or null: a production deployment that cannot take payments
 * would still take orders and reserve their stock, and none of them could ever be paid.
 */
export function paymentsRefusal(): string | null {
  const e = env();
  if (!e.isProductionDeployment || gatewaySettings().mode !== 'disabled') return null;
  const declared = e.VERCEL_ENV === 'production' ? 'VERCEL_ENV' : 'DEPLOY_ENV';
  return (
    `${declared}=production, but payments are not configured: set CRYPTOCLOUD_API_KEY, CRYPTOCLOUD_SHOP_ID and ` +
    'CRYPTOCLOUD_SECRET_KEY (real payments), or CRYPTOCLOUD_SANDBOX=on (a demo shop whose orders are paid on a simulated page).'
  );
}

/**
 * Configurations in which an order can turn paid without real money arriving. Start-up logs them,
 * and every admin-facing surface must show them prominently (call this; empty when all is well).
 */
export function paymentWarnings(): string[] {
  const e = env();
  const warnings: string[] = [];
  if (hasLiveKeys() && allowTestInvoices()) {
    warnings.push(
      e.isProductionDeployment
        ? 'CRYPTOCLOUD_ALLOW_TEST_INVOICES is on with live keys in production: test-mode invoices, which move no money, are accepted as paid.'
        : 'Live CryptoCloud keys are configured, but this is not a declared production deployment (neither VERCEL_ENV nor DEPLOY_ENV is "production"): test-mode invoices, which move no money, are accepted as paid. Set DEPLOY_ENV=production, or CRYPTOCLOUD_ALLOW_TEST_INVOICES=false.',
    );
  }
  if (e.isProductionDeployment && isSandboxActive()) {
    warnings.push(
      'The built-in sandbox is on in a production deployment (CRYPTOCLOUD_SANDBOX=on): orders are paid on a simulated page and no real money arrives.',
    );
  }
  return warnings;
}
