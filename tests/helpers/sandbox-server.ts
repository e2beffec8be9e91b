// The sandbox's route handlers served over HTTP, with the app pointed at them.
import { resetEnvCache } from '@/lib/env';
import { startRouteServer, type RouteModule, type RouteServer } from './route-server';

export const SANDBOX_ROUTES: Record<string, () => Promise<RouteModule>> = {
  '/api/sandbox/cryptocloud/v2/[...path]': () => import('@/app/api/sandbox/cryptocloud/v2/[...path]/route'),
  '/api/sandbox/cryptocloud/control/invoices/[uuid]/[action]': () =>
    import('@/app/api/sandbox/cryptocloud/control/invoices/[uuid]/[action]/route'),
};

/**
 * Serve the sandbox API and control API; APP_URL points at the server and postbacks go nowhere
 * (port 9, no retries) unless a test says otherwise.
 */
export async function startSandboxApi(): Promise<RouteServer> {
  const server = await startRouteServer(SANDBOX_ROUTES);
  process.env.APP_URL = server.url;
  process.env.CRYPTOCLOUD_SANDBOX_NOTIFY_URL = 'http://127.0.0.1:9/postback';
  process.env.CRYPTOCLOUD_SANDBOX_POSTBACK_RETRIES = '0';
  resetEnvCache();
  return server;
}
