// Load through autocannon (pinned in package.json): closed loop, `connections` keep-alive sockets.
import autocannon from 'autocannon';

export interface LoadRequest {
  method?: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface LoadResult {
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  max: number;
  non2xx: number;
  errors: number;
  statuses: Record<string, number>;
}

/** Send every request of `list` once (in order, over `connections` sockets). */
export async function load(origin: string, list: LoadRequest[], connections: number): Promise<LoadResult> {
  let next = 0;
  const t0 = performance.now();
  let lastAnswer = t0;
  const result = await autocannon({
    url: origin,
    connections: Math.min(connections, list.length),
    amount: list.length,
    timeout: 60,
    requests: [
      {
        setupRequest: (req) => {
          const r = list[next++ % list.length]!;
          return { ...req, method: r.method ?? 'GET', path: r.path, headers: { ...r.headers }, body: r.body };
        },
        onResponse: () => {
          lastAnswer = performance.now();
        },
      },
    ],
  });
  // Until the last answer: autocannon reports `done` on its next 1 s tick, so the time around the
  // call is whole seconds too (a 40-request run measured 1.0 s or 2.0 s, nothing between).
  const seconds = (lastAnswer - t0) / 1000;
  const statuses = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([k, v]) => [k, v.count]));
  const done = result['2xx'] + result.non2xx;
  return {
    requests: done,
    rps: done / seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    statuses,
  };
}
