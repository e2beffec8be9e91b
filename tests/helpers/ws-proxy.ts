// A WebSocket→TCP proxy speaking the Neon wsproxy convention, so @vercel/postgres (Postgres over a
// WebSocket, via @neondatabase/serverless) can reach a plain local PostgreSQL:
//   ws://127.0.0.1:<port>/v2?address=<host>:<port>
// Each WebSocket gets its own TCP connection; binary frames are piped both ways. Only loopback
// targets are allowed: this is test/dev tooling, never something to expose.
import { createServer, type IncomingMessage } from 'node:http';
import net from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';

const ALLOWED_HOSTS = new Set(['127.0.0.1', 'localhost']);
/** Stop reading from Postgres while this much is still queued towards the WebSocket. */
const HIGH_WATER = 1 << 20;

export interface WsProxy {
  port: number;
  /** Value for VERCEL_POSTGRES_WS_PROXY, e.g. `127.0.0.1:5488/v2`. */
  address: string;
  /** WebSocket↔TCP pairs currently open. */
  readonly active: number;
  /** WebSocket↔TCP pairs opened since start. */
  readonly opened: number;
  close(): Promise<void>;
}

function reject(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/** Parse `?address=host:port`; undefined unless the target is an allowed loopback host. */
function target(req: IncomingMessage): { host: string; port: number } | undefined {
  const url = new URL(req.url ?? '/', 'http://proxy');
  const match = /^([^:]+):(\d{1,5})$/.exec(url.searchParams.get('address') ?? '');
  if (!match) return undefined;
  const host = match[1]!.toLowerCase();
  const port = Number(match[2]);
  if (!ALLOWED_HOSTS.has(host) || port < 1 || port > 65535) return undefined;
  return { host, port };
}

function pipe(ws: WebSocket, tcp: net.Socket, onClose: () => void): void {
  let closed = false;
  const finish = () => {
    if (closed) return;
    closed = true;
    onClose();
  };

  tcp.on('data', (chunk) => {
    ws.send(chunk, { binary: true }, () => {
      if (tcp.isPaused() && ws.bufferedAmount < HIGH_WATER) tcp.resume();
    });
    if (ws.bufferedAmount >= HIGH_WATER) tcp.pause();
  });
  ws.on('message', (data: Buffer | ArrayBuffer | Buffer[]) => {
    const buf = Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
    if (!tcp.write(buf)) ws.pause();
  });
  tcp.on('drain', () => ws.resume());

  // Either side ending ends the other; errors just close (the client sees the close).
  tcp.on('close', () => {
    if (ws.readyState === ws.OPEN || ws.readyState === ws.CONNECTING) ws.close(1000);
    finish();
  });
  tcp.on('error', () => {
    if (ws.readyState === ws.OPEN) ws.close(1011, 'upstream error');
  });
  ws.on('close', () => {
    tcp.end();
    finish();
  });
  ws.on('error', () => tcp.destroy());
}

/** Start the proxy on 127.0.0.1 (a free port unless one is given). */
export async function startWsProxy(options: { port?: number; path?: string } = {}): Promise<WsProxy> {
  const path = options.path ?? '/v2';
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  const pairs = new Set<{ ws: WebSocket; tcp: net.Socket }>();
  const pending = new Set<Duplex>();
  let opened = 0;

  const server = createServer((_req, res) => {
    res.writeHead(426, { 'Content-Type': 'text/plain' }).end('WebSocket upgrade required\n');
  });

  server.on('upgrade', (req, socket, head) => {
    if (new URL(req.url ?? '/', 'http://proxy').pathname !== path) return reject(socket, 404, 'Not Found');
    const to = target(req);
    if (!to) return reject(socket, 403, 'Forbidden');
    pending.add(socket);
    socket.on('error', () => socket.destroy());
    // Connect upstream first: a database that is down gets a plain 502 instead of an open-then-close.
    const tcp = net.connect({ host: to.host, port: to.port });
    tcp.setNoDelay(true);
    const onError = () => {
      pending.delete(socket);
      reject(socket, 502, 'Bad Gateway');
    };
    tcp.once('error', onError);
    tcp.once('connect', () => {
      tcp.off('error', onError);
      pending.delete(socket);
      if (socket.destroyed) return void tcp.destroy();
      wss.handleUpgrade(req, socket, head, (ws) => {
        const pair = { ws, tcp };
        pairs.add(pair);
        opened += 1;
        pipe(ws, tcp, () => pairs.delete(pair));
      });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as net.AddressInfo;

  return {
    port,
    address: `127.0.0.1:${port}${path}`,
    get active() {
      return pairs.size;
    },
    get opened() {
      return opened;
    },
    async close() {
      for (const socket of pending) socket.destroy();
      for (const { ws, tcp } of pairs) {
        ws.terminate();
        tcp.destroy();
      }
      pairs.clear();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    },
  };
}
