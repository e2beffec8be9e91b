import 'server-only';
import type { VercelPool } from '@vercel/postgres';

/**
 * Socket settings of @vercel/postgres's bundled @neondatabase/serverless (0.9.x) that send its
 * Postgres-over-WebSocket traffic through a WebSocket→TCP proxy in front of a plain PostgreSQL.
 */
export interface NeonWsProxySettings {
  wsProxy: (host: string, port: number | string) => string;
  useSecureWebSocket: boolean;
  forceDisablePgSSL: true;
  pipelineTLS: false;
  pipelineConnect: false;
}

/**
 * Settings for VERCEL_POSTGRES_WS_PROXY, e.g. `127.0.0.1:5488/v2` (plain ws://) or
 * `wss://proxy.example.com/v2`. The proxy is told the database address as `?address=host:port`
 * (the Neon wsproxy convention). TLS, if any, belongs to the WebSocket: Postgres-level SSL and
 * Neon's pipelining (which assumes Neon's own proxy and password auth) are turned off.
 */
export function wsProxySettings(proxy: string): NeonWsProxySettings {
  const useSecureWebSocket = /^wss:\/\//i.test(proxy);
  const base = proxy.replace(/^wss?:\/\//i, '').replace(/\/+$/, '');
  return {
    wsProxy: (host, port) => `${base}?address=${host}:${port}`,
    useSecureWebSocket,
    forceDisablePgSSL: true,
    pipelineTLS: false,
    pipelineConnect: false,
  };
}

type NeonClientCtor = new (...args: never[]) => { neonConfig: object };

/**
 * Make every connection of `pool` go through the WebSocket proxy.
 *
 * The settings are applied per client (neon's `client.neonConfig`), not to the global
 * `neonConfig`: @vercel/postgres uses its own nested copy of @neondatabase/serverless, which its
 * package `exports` do not let the app import, and a global would also leak into any other pool.
 * pg-pool builds each connection with `new pool.Client(options)`, so a subclass is enough.
 */
export function routeThroughWsProxy(pool: VercelPool, proxy: string): void {
  const settings = wsProxySettings(proxy);
  const target = pool as unknown as { Client: NeonClientCtor };
  const Base = target.Client;
  target.Client = class ProxiedClient extends Base {
    constructor(...args: never[]) {
      super(...args);
      Object.assign(this.neonConfig, settings);
    }
  };
}
