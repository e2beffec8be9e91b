import 'server-only';
import { getDb, type DbHandle } from '@/db/client';
import { env } from '@/lib/env';
import { errorSummary } from '@/lib/errors';
import { fail, ok, type Result } from '@/lib/result';
import { getOrderStatusByToken } from './queries';
import { orderTokenSchema } from './tokens';
import { ORDER_STATUSES, type OrderStatus } from './types';

/**
 * Live order statuses for the open order page's stream. Every committed status change is announced
 * by the database (trigger `orders_status_notify`, migration 0014) on CHANNEL as `<id>:<status>`.
 * One process listens once, on one connection of its own (PostgreSQL) or PGlite's own, for all the
 * pages it serves, and hands each change to the watchers of that order. The connection opens with
 * the first watcher and closes IDLE_CLOSE_MS after the last one left.
 */
const CHANNEL = 'order_status';
const IDLE_CLOSE_MS = 5_000;
/** Changes heard while a new watcher reads its order: kept so none falls between read and watch. */
const MAX_BUFFERED = 1_000;

interface Watcher {
  /** Null while the watcher reads its order (it buffers every change meanwhile). */
  orderId: string | null;
  /** The status the watcher last reported (or read): only a status ahead of it is news. */
  last: OrderStatus | null;
  buffered: Array<{ orderId: string; status: OrderStatus }>;
  onStatus(status: OrderStatus): void;
  onLost(): void;
  /** The feed broke while it watched: it hears nothing more. */
  lost?: boolean;
}

interface Feed {
  handle: DbHandle;
  watchers: Set<Watcher>;
  /** Resolves once listening, to the function that stops it; null while not listening. */
  listening: Promise<() => Promise<void>> | null;
  idle?: ReturnType<typeof setTimeout>;
}

// Kept on globalThis so dev hot reloads share one listener.
const g = globalThis as unknown as { __storefrontStatusFeed?: Feed };

function parse(payload: string): { orderId: string; status: OrderStatus } | null {
  const at = payload.lastIndexOf(':');
  const status = payload.slice(at + 1) as OrderStatus;
  if (at <= 0 || !ORDER_STATUSES.includes(status)) return null;
  return { orderId: payload.slice(0, at), status };
}

/** How far an order has got: an order only moves forward (lib/orders/state-machine.ts TRANSITIONS). */
const PROGRESS: Record<OrderStatus, number> = {
  pending: 0,
  awaiting_payment: 1,
  partially_paid: 2,
  // Final: the stream ends at the first one it reports.
  paid: 3,
  expired: 3,
  canceled: 3,
  needs_review: 3,
};

/**
 * Whether a notice says something new after `last`. Notices arrive in commit order, but the one of a
 * change committed just before a watcher read its order can arrive after that read (the listening
 * connection delivers it late): it repeats the status read, or names an earlier one. An order only
 * moves forward, so a notice that is not ahead of `last` is such a late one, and is dropped.
 */
function isNews(last: OrderStatus, status: OrderStatus): boolean {
  return PROGRESS[status] > PROGRESS[last];
}

function dispatch(feed: Feed, payload: string) {
  const change = parse(payload);
  if (!change) return;
  for (const w of feed.watchers) {
    if (w.orderId === null) {
      if (w.buffered.length < MAX_BUFFERED) w.buffered.push(change);
    } else if (w.orderId === change.orderId && w.last !== null && isNews(w.last, change.status)) {
      w.last = change.status;
      w.onStatus(change.status);
    }
  }
}

function feedFor(handle: DbHandle): Feed {
  const current = g.__storefrontStatusFeed;
  if (current?.handle === handle) return current;
  // The process-wide database changed (tests): the old feed's watchers end, its listener closes.
  if (current) lose(current);
  const feed: Feed = { handle, watchers: new Set(), listening: null };
  g.__storefrontStatusFeed = feed;
  return feed;
}

/** The listener broke (or the database changed): stop it, and end every stream so it reconnects. */
function lose(feed: Feed) {
  const listening = feed.listening;
  feed.listening = null;
  clearTimeout(feed.idle);
  void listening?.then((stop) => stop()).catch(() => undefined);
  const watchers = [...feed.watchers];
  feed.watchers.clear();
  for (const w of watchers) {
    w.lost = true;
    w.onLost();
  }
}

function listen(feed: Feed): Promise<() => Promise<void>> {
  if (!feed.listening) {
    const listening = feed.handle.listen!(
      CHANNEL,
      (payload) => dispatch(feed, payload),
      (err) => {
        if (feed.listening !== listening) return;
        console.error('[status feed] listening connection lost:', errorSummary(err));
        lose(feed);
      },
    );
    feed.listening = listening;
    listening.catch(() => {
      if (feed.listening === listening) feed.listening = null;
    });
  }
  return feed.listening;
}

function leave(feed: Feed, w: Watcher) {
  if (!feed.watchers.delete(w) || feed.watchers.size > 0) return;
  clearTimeout(feed.idle);
  feed.idle = setTimeout(() => {
    if (feed.watchers.size > 0 || !feed.listening) return;
    const listening = feed.listening;
    feed.listening = null;
    void listening.then((stop) => stop()).catch(() => undefined);
  }, IDLE_CLOSE_MS);
  feed.idle.unref?.();
}

export type WatchRefusal =
  /** No live stream here (serverless host, @vercel/postgres, or turned off): the page polls. */
  | { kind: 'unsupported'; message: string }
  /** This instance follows as many pages as it may (ORDER_STREAMS_MAX): the page polls. */
  | { kind: 'busy'; message: string }
  | { kind: 'unavailable'; message: string }
  | { kind: 'not-found'; message: string };

export interface OrderWatch {
  /** The status when watching began. */
  status: OrderStatus;
  /** Stop watching; safe to call more than once. */
  stop(): void;
}

/** Whether this server offers live streams at all (not on serverless hosts, not when turned off). */
export function liveStreams(): boolean {
  const e = env();
  return !e.VERCEL && e.ORDER_STREAMS_MAX > 0;
}

/**
 * Follow the order whose token this is: `onStatus` gets each new status as it commits, `onLost`
 * says the feed broke (the caller ends its stream; the page reconnects and reads afresh). One
 * statement (the status read); nothing is revealed without the token.
 */
export async function watchOrderStatus(
  token: string,
  onStatus: (status: OrderStatus) => void,
  onLost: () => void,
): Promise<Result<OrderWatch, WatchRefusal>> {
  // A token that cannot exist opens nothing.
  if (!orderTokenSchema.safeParse(token).success) return fail({ kind: 'not-found', message: 'no such order' });
  const e = env();
  if (!liveStreams()) return fail({ kind: 'unsupported', message: 'live order streams are off here' });
  let handle: DbHandle;
  try {
    handle = await getDb();
  } catch (err) {
    return fail({ kind: 'unavailable', message: errorSummary(err) });
  }
  if (!handle.listen) return fail({ kind: 'unsupported', message: 'this database driver cannot LISTEN' });
  const feed = feedFor(handle);
  if (feed.watchers.size >= e.ORDER_STREAMS_MAX) return fail({ kind: 'busy', message: 'too many live order streams' });

  // Watch everything before reading the order, so a change committed meanwhile is not missed.
  const w: Watcher = { orderId: null, last: null, buffered: [], onStatus, onLost };
  feed.watchers.add(w);
  clearTimeout(feed.idle);
  const stop = () => leave(feed, w);
  try {
    await listen(feed);
    const current = await getOrderStatusByToken(token);
    if (w.lost) return fail({ kind: 'unavailable', message: 'the status feed broke' });
    if (!current) {
      stop();
      return fail({ kind: 'not-found', message: 'no such order' });
    }
    // A change heard while reading is newer than the read when it is ahead of what was read;
    // otherwise it is a late notice of a change the read already saw.
    let status = current.status;
    for (const c of w.buffered) if (c.orderId === current.id && isNews(status, c.status)) status = c.status;
    w.buffered = [];
    w.orderId = current.id;
    w.last = status;
    return ok({ status, stop });
  } catch (err) {
    stop();
    return fail({ kind: 'unavailable', message: errorSummary(err) });
  }
}

/** What this process's feed holds (tests: nothing may be left after the streams went away). */
export function statusFeedState(): { watchers: number; listening: boolean } {
  const feed = g.__storefrontStatusFeed;
  return { watchers: feed?.watchers.size ?? 0, listening: Boolean(feed?.listening) };
}
