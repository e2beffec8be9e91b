// A Vercel preview behind Deployment Protection answers every request without the bypass header
// with its login page, the shop's calls to its own sandbox included. The header goes to the shop's
// own origin only: the secret opens every deployment of the project.
import { afterEach, describe, expect, it } from 'vitest';
import { createInvoice, type ActiveGatewayConfig } from '@/lib/cryptocloud';
import { resetEnvCache } from '@/lib/env';
import { selfRequestHeaders } from '@/lib/http/protection-bypass';

const saved = { ...process.env };
function setEnv(vars: Record<string, string | undefined>) {
  process.env = { ...saved, ...vars };
  resetEnvCache();
}
afterEach(() => {
  process.env = { ...saved };
  resetEnvCache();
});

const PREVIEW = 'https://shop-git-feature-team.vercel.app';

describe('requests the shop sends to itself', () => {
  it('carry the bypass secret to the own origin only, and only when Vercel provides one', () => {
    setEnv({ APP_URL: PREVIEW, VERCEL_AUTOMATION_BYPASS_SECRET: 'bypass-secret' });
    expect(selfRequestHeaders(`${PREVIEW}/api/cryptocloud/postback`)).toEqual({ 'x-vercel-protection-bypass': 'bypass-secret' });
    expect(selfRequestHeaders('https://api.cryptocloud.plus/v2/invoice/create')).toEqual({});
    expect(selfRequestHeaders('https://shop-git-feature-team.vercel.app.evil.example/x')).toEqual({});
    setEnv({ APP_URL: PREVIEW, VERCEL_AUTOMATION_BYPASS_SECRET: undefined });
    expect(selfRequestHeaders(`${PREVIEW}/api/cryptocloud/postback`)).toEqual({});
  });

  it("are the sandbox gateway's calls; a live gateway never gets the header", async () => {
    setEnv({ APP_URL: PREVIEW, VERCEL_AUTOMATION_BYPASS_SECRET: 'bypass-secret' });
    const seen: Array<Record<string, string>> = [];
    const spy = (async (_url: URL, init: RequestInit) => {
      seen.push(Object.fromEntries(Object.entries(init.headers as Record<string, string>).map(([k, v]) => [k.toLowerCase(), v])));
      return new Response(JSON.stringify({ status: 'error', result: { amount: 'Invalid value amount.' } }), { status: 400 });
    }) as unknown as typeof fetch;
    const common = { apiKey: 'k', shopId: 'S', secretKey: 's', payHosts: [], timeoutMs: 1000 };
    const sandbox: ActiveGatewayConfig = {
      mode: 'sandbox',
      apiUrl: `${PREVIEW}/api/sandbox/cryptocloud`,
      sandboxOrigin: PREVIEW,
      ...common,
    };
    const live: ActiveGatewayConfig = { mode: 'live', apiUrl: 'https://api.cryptocloud.plus', ...common };
    await createInvoice({ amount: '1.00', currency: 'USD', orderId: 'o' }, { config: sandbox, fetch: spy });
    await createInvoice({ amount: '1.00', currency: 'USD', orderId: 'o' }, { config: live, fetch: spy });
    expect(seen.map((h) => h['x-vercel-protection-bypass'])).toEqual(['bypass-secret', undefined]);
  });
});
