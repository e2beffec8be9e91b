// A TCP proxy in front of PostgreSQL that injects network faults, for tests of what the app's pool
// does when connections die: refused, reset, or silently black-holed (packets vanish, nothing is
// closed, as on a broken network path or with a hostile middlebox). Loopback only.
import net from 'node:net';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

/**
 * What happens to connections opened from now on:
 * - `pass`: forwarded to the target;
 * - `blackhole`: accepted, never forwarded, never answered, never closed;
 * - `refuse`: accepted and immediately reset (like a port nobody listens on, as seen by a pool).
 */
export type NewConnectionMode = 'pass' | 'blackhole' | 'refuse';

export interface TcpFaultProxy {
  port: number;
  /** `url` with its host and port replaced by the proxy's. */
  urlFor(url: string): string;
  /** Connections accepted since start (refused ones included). */
  readonly opened: number;
  /** Accepted connections whose client side is still open. */
  readonly active: number;
  /** Black-holed connections with either side still open. */
  readonly blackholed: number;
  /**
   * Swallow every byte on every open connection, in both directions, from now on, for good: no
   * RST, no FIN, the sockets stay open. New connections get `newConnections` (default: the same).
   */
  blackhole(newConnections?: NewConnectionMode): void;
  /** Destroy every open connection on both sides; new connections get `newConnections`. */
  closeAll(newConnections?: NewConnectionMode): void;
  /** Set what new connections get; open connections keep whatever they had. */
  setMode(mode: NewConnectionMode): void;
  close(): Promise<void>;
}

interface Pair {
  client: net.Socket;
  upstream?: net.Socket;
  blackholed: boolean;
}

const isOpen = (socket: net.Socket | undefined) => !!socket && !socket.destroyed;

/**
 * Start a proxy on 127.0.0.1 (a free port) forwarding to `target`, a loopback address. With
 * `latencyMs`, every chunk is delayed that long each way, like a database across a network.
 */
export async function startTcpFaultProxy(target: { host: string; port: number }, { latencyMs = 0 } = {}): Promise<TcpFaultProxy> {
  if (!LOOPBACK.has(target.host)) throw new Error(`tcp-fault-proxy only forwards to loopback, not ${target.host}`);
  // Equal delays fire in order, so the byte stream stays intact.
  const later = (send: () => void) => (latencyMs > 0 ? setTimeout(send, latencyMs) : send());
  let mode: NewConnectionMode = 'pass';
  let opened = 0;
  // A pair is kept while either side is open: a black-holed one may outlive its client.
  const pairs = new Set<Pair>();

  const destroy = (pair: Pair) => {
    pair.client.destroy();
    pair.upstream?.destroy();
    pairs.delete(pair);
  };
  const forgetIfClosed = (pair: Pair) => {
    if (!isOpen(pair.client) && !isOpen(pair.upstream)) pairs.delete(pair);
  };

  const server = net.createServer((client) => {
    opened += 1;
    client.on('error', () => undefined);
    if (mode === 'refuse') {
      client.resetAndDestroy();
      return;
    }
    const pair: Pair = { client, blackholed: mode === 'blackhole' };
    pairs.add(pair);
    // Reading and dropping (rather than pausing) acknowledges the sender's bytes, which then
    // vanish: only an application-level timeout can notice.
    client.on('data', (chunk) => {
      if (!pair.blackholed) later(() => pair.upstream?.write(chunk));
    });
    client.on('close', () => {
      // The far side of a black hole never learns that the client went away.
      if (!pair.blackholed) pair.upstream?.destroy();
      forgetIfClosed(pair);
    });
    if (pair.blackholed) return;

    // Bytes the client sends before this connects are buffered by `write` meanwhile.
    const upstream = net.connect({ host: target.host, port: target.port });
    pair.upstream = upstream;
    upstream.setNoDelay(true);
    upstream.on('error', () => undefined);
    upstream.on('data', (chunk) => {
      if (!pair.blackholed) later(() => client.write(chunk));
    });
    upstream.on('close', () => {
      if (!pair.blackholed) client.destroy();
      forgetIfClosed(pair);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as net.AddressInfo;

  return {
    port,
    urlFor(url) {
      const u = new URL(url);
      u.hostname = '127.0.0.1';
      u.port = String(port);
      return u.toString();
    },
    get opened() {
      return opened;
    },
    get active() {
      return [...pairs].filter((p) => isOpen(p.client)).length;
    },
    get blackholed() {
      return [...pairs].filter((p) => p.blackholed).length;
    },
    blackhole(newConnections = 'blackhole') {
      for (const pair of pairs) pair.blackholed = true;
      mode = newConnections;
    },
    closeAll(newConnections = mode) {
      for (const pair of pairs) destroy(pair);
      mode = newConnections;
    },
    setMode(next) {
      mode = next;
    },
    async close() {
      for (const pair of pairs) destroy(pair);
      await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    },
  };
}
