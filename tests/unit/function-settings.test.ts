// The routes that take payments run on the Node.js runtime with a maxDuration that covers the
// gateway timeout (the platform would cut a function mid-payment otherwise), and within what
// every Vercel plan allows (60 s is the Hobby limit without Fluid compute). Next requires these
// exports to be literals, so reading the source is reading the configuration.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
const GATEWAY_TIMEOUT_S = 10; // CRYPTOCLOUD_TIMEOUT_MS default (lib/env.ts)
const DB_QUERY_TIMEOUT_S = 5; // DB_QUERY_TIMEOUT_MS default
const POSTBACK_QUEUE_S = 30; // a burst waits this long for its turn (lib/orders/postback.ts)
const PLAN_LIMIT_S = 60;

/** Each route, and the longest path through it: gateway calls plus short transactions. */
const ROUTES: Record<string, number> = {
  'app/api/cryptocloud/postback/route.ts': POSTBACK_QUEUE_S + GATEWAY_TIMEOUT_S + 2 * DB_QUERY_TIMEOUT_S,
  'app/api/cron/reconcile/route.ts': GATEWAY_TIMEOUT_S + 4 * DB_QUERY_TIMEOUT_S,
  'app/[locale]/cart/page.tsx': GATEWAY_TIMEOUT_S + 2 * DB_QUERY_TIMEOUT_S, // checkout's server action
  'app/[locale]/orders/[token]/page.tsx': GATEWAY_TIMEOUT_S + 2 * DB_QUERY_TIMEOUT_S, // "Pay now"
  'app/[locale]/checkout/return/page.tsx': GATEWAY_TIMEOUT_S + 2 * DB_QUERY_TIMEOUT_S,
  'app/api/orders/[token]/status/route.ts': GATEWAY_TIMEOUT_S + 2 * DB_QUERY_TIMEOUT_S,
  'app/(sandbox)/sandbox/pay/[id]/page.tsx': GATEWAY_TIMEOUT_S + 2 * DB_QUERY_TIMEOUT_S, // awaits the first postback
  'app/api/sandbox/cryptocloud/control/invoices/[uuid]/[action]/route.ts': GATEWAY_TIMEOUT_S + 2 * DB_QUERY_TIMEOUT_S,
};

describe('function settings of the payment routes', () => {
  for (const [file, needed] of Object.entries(ROUTES)) {
    it(`${file}: Node.js runtime, maxDuration between ${needed} s and ${PLAN_LIMIT_S} s`, () => {
      const source = readFileSync(path.join(root, file), 'utf8');
      expect(source).toMatch(/^export const runtime = 'nodejs';$/m);
      const maxDuration = Number(/^export const maxDuration = (\d+);$/m.exec(source)?.[1]);
      expect(maxDuration).toBeGreaterThanOrEqual(needed);
      expect(maxDuration).toBeLessThanOrEqual(PLAN_LIMIT_S);
    });
  }
});
