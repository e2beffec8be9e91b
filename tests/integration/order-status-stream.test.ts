// The open order page's live status (GET /api/orders/[token]/events, server-sent events fed by
// LISTEN/NOTIFY): a postback's change reaches the stream, on this instance and from another one
// sharing the PostgreSQL database; the stream ends when the order is final; nothing is told without
// the token; a full instance refuses; and streams the client abandons leave nothing behind.
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { statusFeedState } from '@/lib/orders/status-feed';
import { startRouteServer, type RouteServer } from '../helpers/route-server';
import { startInstance, stopInstance, type Instance } from '../helpers/instance';
import { deliverPostback, orderWithInvoice, startShop, startSink, type Shop } from '../helpers/shop';

const onPostgres = process.env.TEST_DB === 'postgres';

let shop: Shop;
let sink: Awaited<ReturnType<typeof startSink>>;
let app: RouteServer;

beforeAll(async () => {
  shop = await startShop();
  sink = await startSink();
  shop.setEnv({ CRYPTOCLOUD_SANDBOX_NOTIFY_URL: sink.url, ORDER_STREAMS_MAX: undefined, VERCEL: undefined });
  app = await startRouteServer({ '/api/orders/[token]/events': () => import('@/app/api/orders/[token]/events/route') });
});
afterAll(async () => {
  await app?.close();
  await sink?.close();
  await shop?.close();
});

interface StatusEvent {
  status: string;
  final: boolean;
}

/** An open stream, read as a browser's EventSource would: `next()` is the next `status` event. */
async function openStream(token: string) {
  const abort = new AbortController();
  const res = await fetch(`${app.url}/api/orders/${token}/events`, { signal: abort.signal });
  const events: StatusEvent[] = [];
  const waiting: Array<() => void> = [];
  let ended = false;
  let raw = '';
  const reading = (async () => {
    if (!res.body) return;
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        const text = decoder.decode(chunk, { stream: true });
        raw += text;
        buffer += text;
        let at: number;
        while ((at = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, at);
          buffer = buffer.slice(at + 2);
          const lines = block.split('\n');
          if (!lines.includes('event: status')) continue;
          const data = lines.find((l) => l.startsWith('data: '))!.slice('data: '.length);
          events.push(JSON.parse(data) as StatusEvent);
          waiting.splice(0).forEach((wake) => wake());
        }
      }
    } catch {
      // aborted by the test
    }
    ended = true;
    waiting.splice(0).forEach((wake) => wake());
  })();
  let taken = 0;
  return {
    res,
    get raw() {
      return raw;
    },
    async next(): Promise<StatusEvent | null> {
      while (events.length <= taken && !ended) await new Promise<void>((resolve) => waiting.push(resolve));
      return events.length > taken ? events[taken++]! : null;
    },
    /** Resolves once the server ended the stream. */
    ended: () => reading.then(() => ended),
    close() {
      abort.abort();
      return reading;
    },
  };
}

async function paidAtGateway(invoiceUuid: string) {
  expect((await shop.control(invoiceUuid, 'pay', { outcome: 'paid' })).status).toBe(200); // its postback goes to the sink
}

describe('order status stream', () => {
  it('sends the current status, then the payment a postback brings, and ends there', async () => {
    const o = await orderWithInvoice();
    const stream = await openStream(o.publicToken);
    expect(stream.res.status).toBe(200);
    expect(stream.res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(stream.res.headers.get('cache-control')).toBe('no-store');
    expect(await stream.next()).toEqual({ status: 'awaiting_payment', final: false });

    await paidAtGateway(o.invoiceUuid);
    expect((await deliverPostback(shop.url, o.invoiceUuid)).status).toBe(200);
    expect(await stream.next()).toEqual({ status: 'paid', final: true });
    expect(await stream.ended()).toBe(true);
    await expect.poll(() => statusFeedState().watchers).toBe(0);
  });

  it('a late notice of a change the page already read (the same status, or an earlier one) is not sent again', async () => {
    const o = await orderWithInvoice();
    const stream = await openStream(o.publicToken);
    expect(await stream.next()).toEqual({ status: 'awaiting_payment', final: false });
    // What a listening connection delivers late, after the stream read the order: the notices of
    // its own move to awaiting_payment and of its creation, as the status trigger sends them.
    const { db } = await getDb();
    await db.execute(sql`select pg_notify('order_status', ${`${o.orderId}:awaiting_payment`})`);
    await db.execute(sql`select pg_notify('order_status', ${`${o.orderId}:pending`})`);
    await paidAtGateway(o.invoiceUuid);
    expect((await deliverPostback(shop.url, o.invoiceUuid)).status).toBe(200);
    // The next event is the payment: nothing was repeated, nothing went backwards.
    expect(await stream.next()).toEqual({ status: 'paid', final: true });
    expect(await stream.ended()).toBe(true);
  });

  it('answers a final order with its status and ends at once', async () => {
    const o = await orderWithInvoice();
    await paidAtGateway(o.invoiceUuid);
    expect((await deliverPostback(shop.url, o.invoiceUuid)).status).toBe(200);
    const stream = await openStream(o.publicToken);
    expect(await stream.next()).toEqual({ status: 'paid', final: true });
    expect(await stream.ended()).toBe(true);
  });

  it('tells nothing without the order token', async () => {
    for (const token of [randomBytes(32).toString('base64url'), 'not-a-token', '%27%3B--']) {
      const res = await fetch(`${app.url}/api/orders/${token}/events`);
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ error: 'not_found' });
    }
    expect(statusFeedState().watchers).toBe(0);
  });

  it('refuses past ORDER_STREAMS_MAX (503) and where streams are off (204), so the page polls', async () => {
    const o = await orderWithInvoice();
    shop.setEnv({ ORDER_STREAMS_MAX: '2' });
    try {
      const open = [await openStream(o.publicToken), await openStream(o.publicToken)];
      for (const s of open) expect(await s.next()).toEqual({ status: 'awaiting_payment', final: false });
      const third = await fetch(`${app.url}/api/orders/${o.publicToken}/events`);
      expect(third.status).toBe(503);
      expect(third.headers.get('retry-after')).toBe('5');
      await open[0]!.close();
      await expect.poll(() => statusFeedState().watchers).toBe(1);
      const again = await openStream(o.publicToken);
      expect(again.res.status).toBe(200);
      await Promise.all([open[1]!.close(), again.close()]);

      shop.setEnv({ ORDER_STREAMS_MAX: '200', VERCEL: '1' });
      const serverless = await fetch(`${app.url}/api/orders/${o.publicToken}/events`);
      expect(serverless.status).toBe(204);
      shop.setEnv({ VERCEL: undefined, ORDER_STREAMS_MAX: '0' });
      expect((await fetch(`${app.url}/api/orders/${o.publicToken}/events`)).status).toBe(204);
    } finally {
      shop.setEnv({ ORDER_STREAMS_MAX: undefined, VERCEL: undefined });
    }
    await expect.poll(() => statusFeedState().watchers).toBe(0);
  });

  it('leaves no watcher, listener or connection behind when 40 clients go away', { timeout: 60_000 }, async () => {
    const { db, kind } = await getDb();
    const listeningConnections = async () => {
      if (kind !== 'postgres') return 0;
      const rows = await db.execute<{ n: number }>(
        sql`select count(*)::int as n from pg_stat_activity where application_name = 'storefront-listen' and datname = current_database()`,
      );
      return (rows as unknown as { rows: Array<{ n: number }> }).rows[0]!.n;
    };
    // Baseline: nothing open (the last stream of an earlier test has closed its listener by now).
    await expect.poll(() => statusFeedState(), { timeout: 15_000 }).toEqual({ watchers: 0, listening: false });
    await expect.poll(listeningConnections, { timeout: 15_000 }).toBe(0);

    const o = await orderWithInvoice();
    const streams = await Promise.all(Array.from({ length: 40 }, () => openStream(o.publicToken)));
    for (const s of streams) expect(await s.next()).toEqual({ status: 'awaiting_payment', final: false });
    expect(statusFeedState()).toEqual({ watchers: 40, listening: true });
    // One listening connection for all of them.
    expect(await listeningConnections()).toBe(kind === 'postgres' ? 1 : 0);

    await Promise.all(streams.map((s) => s.close()));
    await expect.poll(() => statusFeedState().watchers).toBe(0);
    // The listener closes once idle.
    await expect.poll(() => statusFeedState().listening, { timeout: 15_000 }).toBe(false);
    await expect.poll(listeningConnections, { timeout: 15_000 }).toBe(0);

    // And it comes back for the next page.
    const stream = await openStream(o.publicToken);
    expect(await stream.next()).toEqual({ status: 'awaiting_payment', final: false });
    await paidAtGateway(o.invoiceUuid);
    expect((await deliverPostback(shop.url, o.invoiceUuid)).status).toBe(200);
    expect(await stream.next()).toEqual({ status: 'paid', final: true });
  });
});

describe.skipIf(!onPostgres)('two instances on one PostgreSQL', () => {
  let other: Instance;
  beforeAll(async () => {
    const { url } = await getDb();
    if (!url) throw new Error('the test database has no connection string');
    other = await startInstance(url);
  }, 120_000);
  afterAll(() => stopInstance(other));

  it("a postback on the other instance reaches this instance's stream", async () => {
    const o = await orderWithInvoice();
    const stream = await openStream(o.publicToken);
    expect(await stream.next()).toEqual({ status: 'awaiting_payment', final: false });
    await paidAtGateway(o.invoiceUuid);
    const res = await deliverPostback(other.url, o.invoiceUuid);
    expect(res.status, other.stderr.join('')).toBe(200);
    expect(await stream.next()).toEqual({ status: 'paid', final: true });
    expect(await stream.ended()).toBe(true);
  });
});
