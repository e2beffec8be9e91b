// The cron endpoint on a serverless host, where nothing outlives a request: besides reconciling it
// delivers the mail that is due (messages queued in a transaction, retries), which a long-running
// server's background sender would otherwise do.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { outbox } from '@/db/schema';
import { queueMail } from '@/lib/mail';
import { startShop, type Shop } from '../helpers/shop';

const CRON_SECRET = 'deploy-cron-secret-of-some-length';
let shop: Shop;

beforeAll(async () => {
  shop = await startShop();
  shop.setEnv({ CRON_SECRET, VERCEL: '1', EMAIL_SERVER: undefined, DEPLOY_ENV: undefined, VERCEL_ENV: undefined });
});
afterAll(async () => {
  shop.setEnv({ VERCEL: undefined });
  await shop.close();
});

describe('GET /api/cron/reconcile', () => {
  it('delivers queued mail once, as no background sender runs on Vercel', async () => {
    const { db } = await getDb();
    const { id } = await queueMail(db, {
      kind: 'test',
      to: 'buyer@example.com',
      subject: 'Queued in a transaction',
      html: '<p>Hi</p>',
      text: 'Hi',
    });
    const run = () => fetch(`${shop.url}/api/cron/reconcile`, { headers: { Authorization: `Bearer ${CRON_SECRET}` } });

    const first = await run();
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ status: 'ok', errors: [], mail: { sent: 1 } });
    const [row] = await db.select({ status: outbox.status, attempts: outbox.attempts }).from(outbox).where(eq(outbox.id, id));
    expect(row).toEqual({ status: 'sent', attempts: 1 });

    expect(await (await run()).json()).toMatchObject({ status: 'ok', mail: {} });
  });
});
