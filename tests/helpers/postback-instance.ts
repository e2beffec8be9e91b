// One app instance in its own process, as a second server (or a serverless instance) would be: the
// real postback route and the sandbox's API routes over HTTP, with this process's own database
// pool from DATABASE_URL. The sandbox is this instance's own (APP_URL is its address), so its
// info API competes with the postbacks as it does in a sandbox deployment.
//
//   DATABASE_URL=postgres://… npx tsx --conditions=react-server tests/helpers/postback-instance.ts
//
// Prints one line `{"url":"http://localhost:PORT"}` once it serves; exits when stdin closes.
import { closeDb } from '@/db/client';
import { resetEnvCache } from '@/lib/env';
import { startRouteServer, type RouteModule } from './route-server';
import { SANDBOX_ROUTES } from './sandbox-server';

// Loaded once, before the first request: a burst must measure handling, not module loading.
const preload = (load: () => Promise<RouteModule>) => {
  const loaded = load();
  return () => loaded;
};

async function main() {
  if (!process.env.DATABASE_URL) throw new Error('DATABASE_URL is not set');
  const routes = Object.fromEntries(
    Object.entries({
      ...SANDBOX_ROUTES,
      '/api/cryptocloud/postback': () => import('@/app/api/cryptocloud/postback/route'),
    }).map(([path, load]) => [path, preload(load)]),
  );
  await Promise.all(Object.values(routes).map((load) => load()));
  const server = await startRouteServer(routes);
  process.env.APP_URL = server.url;
  resetEnvCache();

  const stop = async () => {
    await server.close();
    await closeDb();
    process.exit(0);
  };
  process.stdin.on('end', () => void stop());
  process.stdin.resume();
  process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
}

main().catch((err: unknown) => {
  console.error('[postback-instance]', err);
  process.exit(1);
});
