'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';

const INTERVAL_MS = 1000;
const HIDDEN_INTERVAL_MS = 5000;

/**
 * While the order is open, polls its status every second (so a change shows within 2 s) and
 * re-renders the page from the server when it changes; it keeps polling until the page shows the
 * new status, and slows down while the tab is hidden. Stops once the status is final.
 */
export function LiveStatus({ token, status }: { token: string; status: string }) {
  const router = useRouter();
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout>;
    const tick = async () => {
      if (stopped) return;
      const visible = document.visibilityState === 'visible';
      if (visible) {
        try {
          const res = await fetch(`/api/orders/${token}/status`, { cache: 'no-store' });
          if (res.ok) {
            const body = (await res.json()) as { status: string; final: boolean };
            // Re-render from the server; this poller is replaced once the page shows the new status
            // (and asks again on the next tick if a refresh got lost).
            if (body.status !== status) router.refresh();
          }
        } catch {
          // offline for a moment: keep trying
        }
      }
      if (!stopped) timer = setTimeout(tick, visible ? INTERVAL_MS : HIDDEN_INTERVAL_MS);
    };
    timer = setTimeout(tick, INTERVAL_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [token, status, router]);
  return null;
}
