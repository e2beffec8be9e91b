import 'server-only';
import type { EventEmitter } from 'node:events';
import type { Pool } from 'pg';
import type { VercelPool } from '@vercel/postgres';

/**
 * What is used here of a pooled client. Both drivers are pg-pool handing out a pg `Client`:
 * node-postgres itself, and the copy bundled in @neondatabase/serverless (@vercel/postgres).
 */
interface PooledClient extends EventEmitter {
  query(...args: unknown[]): unknown;
  release(err?: Error | boolean): void;
  end(): Promise<void>;
  readonly connection: { readonly stream: { destroy(): void } };
}

type ConnectCallback = (err: Error | undefined, client: PooledClient | undefined, done: (err?: Error | boolean) => void) => void;

interface ClientPool extends EventEmitter {
  connect(callback?: ConnectCallback): Promise<PooledClient> | void;
}

/** node-postgres's error for a query left unanswered for `query_timeout` ms (the same in Neon's copy). */
const isReadTimeout = (err: unknown) => err instanceof Error && err.message === 'Query read timeout';

/**
 * Make `pool` drop connections that stopped working, so the app recovers by itself once the
 * database is reachable again instead of queueing behind dead connections:
 * - A query that times out client-side leaves its connection busy with the lost query: that
 *   client is closed rather than returned to the pool. A timeout means the network path or the
 *   server is broken (slow queries hit the server's shorter statement_timeout first), so the
 *   pool's idle connections are closed too; later requests open fresh ones.
 * - A checked-out client whose connection ends is released with an error at once, freeing its
 *   slot even when its holder never releases it (drizzle's transaction() leaks the client when
 *   its BEGIN fails); the holder's own later release() is then a no-op.
 * - A connection lost while checked out (mid-transaction) must not crash the process: pg emits
 *   'error' on the client, and pg-pool only listens to that while the client is idle.
 * Over @vercel/postgres's WebSocket, closing a connection whose peer is gone takes until ws's close
 * handshake times out (30 s): meanwhile an abandoned client is marked closed and never reused, but
 * an evicted idle one stays in the pool and may cost one more request a query timeout.
 */
export function recoverBrokenConnections(pool: Pool | VercelPool): void {
  const p = pool as unknown as ClientPool;
  const open = new Set<PooledClient>();
  const inUse = new Set<PooledClient>();

  // pg-pool emits both synchronously on every checkout and check-in.
  p.on('acquire', (client: PooledClient) => inUse.add(client));
  p.on('release', (_err: unknown, client: PooledClient) => inUse.delete(client));

  const abandon = (client: PooledClient) => {
    console.error('[db] a query got no answer in time: closing its connection and the idle ones');
    // With a query outstanding, end() destroys the socket instead of waiting for an answer.
    void client.end().catch(() => undefined);
    // An idle client whose socket is destroyed emits 'error', on which pg-pool removes it.
    for (const other of open) if (other !== client && !inUse.has(other)) other.connection.stream.destroy();
  };

  p.on('connect', (client: PooledClient) => {
    open.add(client);
    client.once('end', () => open.delete(client));
    client.on('error', (err: Error) => {
      if (inUse.has(client)) console.error('[db] connection lost while in use:', err.message);
    });
    const query = client.query.bind(client);
    client.query = (...args: unknown[]) => {
      const callback = args.at(-1);
      if (typeof callback === 'function') {
        args[args.length - 1] = (err: unknown, result: unknown) => {
          if (isReadTimeout(err)) abandon(client);
          callback(err, result);
        };
        return query(...args);
      }
      const result = query(...args);
      if (result instanceof Promise) result.catch((err: unknown) => isReadTimeout(err) && abandon(client));
      return result;
    };
  });

  const guard = (client: PooledClient) => {
    const release = client.release;
    let released = false;
    const releaseOnce = (err?: Error | boolean) => {
      if (released) return;
      released = true;
      client.off('end', onEnd);
      release(err);
    };
    const onEnd = () => releaseOnce(new Error('connection ended while checked out'));
    client.once('end', onEnd);
    client.release = releaseOnce;
  };

  // pool.query() checks out through connect() as well, so every checkout is guarded.
  const connect = p.connect.bind(p);
  p.connect = (callback?: ConnectCallback) => {
    if (!callback) {
      return (connect() as Promise<PooledClient>).then((client) => {
        guard(client);
        return client;
      });
    }
    connect((err, client, done) => {
      if (!client) return callback(err, client, done);
      guard(client);
      callback(err, client, client.release);
    });
  };
}
