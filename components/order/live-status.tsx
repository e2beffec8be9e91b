'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { ORDER_STATUSES, type OrderStatus } from '@/lib/orders/types';
import { StatusPill } from './status-pill';

const INTERVAL_MS = 1000;
const HIDDEN_INTERVAL_MS = 5000;
/** Polling backs off to this after failed polls (server busy or offline). */
const MAX_BACKOFF_MS = 15_000;
/** Errors in a row without the stream opening again before the page gives up on it and polls. */
const STREAM_ERRORS = 3;

type StatusBody = { status: string; final: boolean };

const isStatus = (s: string): s is OrderStatus => (ORDER_STATUSES as readonly string[]).includes(s);

/**
 * The open order's status badge, live: it follows the status and shows a change at once, then
 * re-renders the page from the server (the timeline, the pay button and the downloads come with
 * the page, not with the status). It listens to the order's event stream
 * (`/api/orders/[token]/events`) where the server offers one (`stream`: not on serverless hosts);
 * when the stream is refused or keeps failing it polls the status every second instead (slower
 * while the tab is hidden, backing off while polls fail). `labels` names each status in the page's language.
 */
export function LiveStatus({
  token,
  status,
  stream,
  labels,
}: {
  token: string;
  status: OrderStatus;
  stream: boolean;
  labels: Record<OrderStatus, string>;
}) {
  const router = useRouter();
  // The status the server rendered; read by the listeners, which outlive a re-render.
  const shown = useRef(status);
  useEffect(() => {
    shown.current = status;
  }, [status]);
  // What the badge shows: the latest status heard, until the server's re-render brings its own.
  const [live, setLive] = useState(status);
  const [rendered, setRendered] = useState(status);
  if (rendered !== status) {
    setRendered(status);
    setLive(status);
  }

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let source: EventSource | null = null;
    let failures = 0;
    // Re-render from the server; this component goes away once the page shows a final status.
    const seen = (body: StatusBody) => {
      if (body.status === shown.current) return;
      if (isStatus(body.status)) setLive(body.status);
      router.refresh();
    };
    const poll = async () => {
      if (stopped) return;
      const visible = document.visibilityState === 'visible';
      if (visible) {
        try {
          const res = await fetch(`/api/orders/${token}/status`, { cache: 'no-store' });
          if (res.ok) {
            failures = 0;
            seen((await res.json()) as StatusBody);
          } else failures++;
        } catch {
          failures++; // offline for a moment: keep trying
        }
      }
      const delay = !visible ? HIDDEN_INTERVAL_MS : failures > 0 ? Math.min(MAX_BACKOFF_MS, INTERVAL_MS * 2 ** failures) : INTERVAL_MS;
      if (!stopped) timer = setTimeout(poll, delay);
    };
    const startPolling = () => {
      source?.close();
      source = null;
      clearTimeout(timer);
      if (!stopped) timer = setTimeout(poll, INTERVAL_MS);
    };

    if (stream && typeof EventSource !== 'undefined') {
      let errors = 0;
      const es = new EventSource(`/api/orders/${token}/events`);
      source = es;
      es.addEventListener('open', () => {
        errors = 0;
      });
      es.addEventListener('status', (event) => {
        const body = JSON.parse((event as MessageEvent<string>).data) as StatusBody;
        seen(body);
        // The stream is over; polling stands by in case this refresh gets lost.
        if (body.final) startPolling();
      });
      // Refused (204, 404, 503: closed for good) or broken too often: poll instead.
      es.addEventListener('error', () => {
        if (es.readyState === EventSource.CLOSED || ++errors >= STREAM_ERRORS) startPolling();
      });
    } else {
      startPolling();
    }
    return () => {
      stopped = true;
      source?.close();
      clearTimeout(timer);
    };
  }, [token, stream, router]);
  return <StatusPill status={live} label={labels[live]} />;
}
