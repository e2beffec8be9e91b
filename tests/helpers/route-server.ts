// Serves App Router route handlers over real HTTP on a random local port, so tests can drive them
// (and the gateway client can call them) exactly as a remote caller would, without `next start`.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { NextRequest } from 'next/server';

// Route modules type their own params; the server passes whatever the path matched.
type Handler = (req: NextRequest, ctx: { params: Promise<any> }) => Promise<Response> | Response;
export type RouteModule = Partial<Record<'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS', Handler>>;

interface Route {
  segments: string[];
  load: () => Promise<RouteModule>;
}

function match(route: Route, parts: string[]): Record<string, string | string[]> | null {
  const params: Record<string, string | string[]> = {};
  for (let i = 0; i < route.segments.length; i++) {
    const seg = route.segments[i]!;
    const catchAll = /^\[\.\.\.(\w+)\]$/.exec(seg);
    if (catchAll) {
      if (parts.length <= i) return null;
      params[catchAll[1]!] = parts.slice(i);
      return params;
    }
    const part = parts[i];
    if (part === undefined) return null;
    const dyn = /^\[(\w+)\]$/.exec(seg);
    if (dyn) params[dyn[1]!] = part;
    else if (seg !== part) return null;
  }
  return parts.length === route.segments.length ? params : null;
}

export interface RouteServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Start a server for the given routes, keyed by their app path pattern, e.g.
 * `{ '/api/health': () => import('@/app/api/health/route') }`. Unknown paths answer 404 and
 * methods a module does not export answer 405, as Next does.
 */
export async function startRouteServer(routes: Record<string, () => Promise<RouteModule>>): Promise<RouteServer> {
  const table: Route[] = Object.entries(routes).map(([pattern, load]) => ({
    segments: pattern.split('/').filter(Boolean),
    load,
  }));
  const server = http.createServer(async (req, res) => {
    try {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
      const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
      let found: { route: Route; params: Record<string, string | string[]> } | undefined;
      for (const route of table) {
        const params = match(route, parts);
        if (params) {
          found = { route, params };
          break;
        }
      }
      if (!found) {
        res.writeHead(404).end('Not Found');
        return;
      }
      const mod = await found.route.load();
      const handler = mod[(req.method ?? 'GET') as keyof RouteModule];
      if (!handler) {
        res.writeHead(405).end();
        return;
      }
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) {
        if (Array.isArray(v)) v.forEach((x) => headers.append(k, x));
        else if (v !== undefined) headers.set(k, v);
      }
      const body = chunks.length && req.method !== 'GET' && req.method !== 'HEAD' ? Buffer.concat(chunks) : undefined;
      // The client going away aborts the request's signal, as Next does (streams must notice).
      const gone = new AbortController();
      res.on('close', () => {
        if (!res.writableFinished) gone.abort();
      });
      const request = new NextRequest(url, { method: req.method, headers, body, signal: gone.signal });
      const response = await handler(request, { params: Promise.resolve(found.params) });
      // Several Set-Cookie headers must stay several (a plain object would keep only the last).
      const outHeaders: Record<string, string | string[]> = Object.fromEntries(response.headers.entries());
      if (response.headers.getSetCookie().length > 0) outHeaders['set-cookie'] = response.headers.getSetCookie();
      if (response.headers.get('content-type')?.startsWith('text/event-stream') && response.body) {
        // A stream is passed on as it comes, and cancelled when the client leaves.
        res.writeHead(response.status, outHeaders);
        res.flushHeaders();
        const reader = response.body.getReader();
        gone.signal.addEventListener('abort', () => void reader.cancel().catch(() => undefined));
        for (;;) {
          const { done, value } = await reader.read().catch(() => ({ done: true, value: undefined }));
          if (done || gone.signal.aborted) break;
          res.write(value);
        }
        res.end();
        return;
      }
      const out = Buffer.from(await response.arrayBuffer());
      res.writeHead(response.status, outHeaders);
      res.end(out);
    } catch (err) {
      // A handler that throws is a bug the test should see as a 500, as Next would answer.
      console.error('[route-server]', err);
      if (!res.headersSent) res.writeHead(500);
      res.end('Internal Server Error');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
