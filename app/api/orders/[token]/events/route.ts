import { isFinal } from '@/lib/orders/state-machine';
import { watchOrderStatus } from '@/lib/orders/status-feed';
import type { OrderStatus } from '@/lib/orders/types';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** A comment line now and then keeps proxies from closing a quiet stream. */
const HEARTBEAT_MS = 15_000;
/** Streams end after this long; the browser reconnects (and reads the status afresh). */
const MAX_STREAM_MS = 5 * 60_000;
/** How long the browser waits before reconnecting after a stream ended or broke. */
const RETRY_MS = 1_000;

const headers = { 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' };

/**
 * The open order page's live status, as server-sent events: `status` events with
 * `{ status, final }`, the current one first, then each change as it commits; the stream ends once
 * the order is final. The token is the credential. 204 (EventSource does not retry it) where live
 * streams are off, 503 when this instance follows as many pages as it may or the database is down:
 * the page polls /api/orders/[token]/status instead.
 */
export async function GET(req: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const encoder = new TextEncoder();
  let send: (status: OrderStatus) => void = () => undefined;
  let end: () => void = () => undefined;
  const watched = await watchOrderStatus(
    token,
    (status) => send(status),
    () => end(),
  );
  if (!watched.ok) {
    const { kind } = watched.error;
    if (kind === 'not-found') return Response.json({ error: 'not_found' }, { status: 404, headers });
    if (kind === 'unsupported') return new Response(null, { status: 204, headers });
    return Response.json({ error: kind }, { status: 503, headers: { ...headers, 'Retry-After': '5' } });
  }
  const watch = watched.value;
  let closed = false;
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  let lifetime: ReturnType<typeof setTimeout> | undefined;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const write = (text: string) => {
        if (!closed) controller.enqueue(encoder.encode(text));
      };
      end = () => {
        if (closed) return;
        closed = true;
        clearInterval(heartbeat);
        clearTimeout(lifetime);
        watch.stop();
        req.signal.removeEventListener('abort', end);
        try {
          controller.close();
        } catch {
          // already closed by the client going away
        }
      };
      send = (status) => {
        write(`event: status\ndata: ${JSON.stringify({ status, final: isFinal(status) })}\n\n`);
        if (isFinal(status)) end();
      };
      write(`retry: ${RETRY_MS}\n\n`);
      heartbeat = setInterval(() => write(': heartbeat\n\n'), HEARTBEAT_MS);
      lifetime = setTimeout(end, MAX_STREAM_MS);
      // The client went away: nothing may stay behind (the watcher, the timers).
      req.signal.addEventListener('abort', end);
      if (req.signal.aborted) end();
      else send(watch.status);
    },
    cancel() {
      end();
    },
  });
  return new Response(stream, {
    headers: {
      ...headers,
      'Content-Type': 'text/event-stream; charset=utf-8',
      // No buffering by a reverse proxy (nginx) in front of the server.
      'X-Accel-Buffering': 'no',
    },
  });
}
