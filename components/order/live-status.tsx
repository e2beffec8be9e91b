'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';

/**
 * While the order is open, polls its status (1 s, backing off to 2 s so a change shows within
 * 2 s) and re-renders the page from the server when it changes. Stops once the status is final.
 */
export function LiveStatus({ token, status }: { token: string; status: string }) {
  const router = useRouter();
  useEffect(() => {
    let stopped = false;
    let delay = 1000;
    let timer: ReturnType<typeof setTimeout>;
    const tick = async () => {
      if (stopped) return;
      if (document.visibilityState === 'visible') {
        try {
          const res = await fetch(`/api/orders/${token}/status`, { cache: 'no-store' });
          if (res.ok) {
            const body = (await res.json()) as { status: string; final: boolean };
            if (body.status !== status) {
              router.refresh();
              return; // the refreshed page mounts a poller for the new status if still open
            }
            if (body.final) return;
          }
        } catch {
          // offline for a moment: keep trying
        }
      }
      delay = Math.min(2000, delay + 250);
      timer = setTimeout(tick, delay);
    };
    timer = setTimeout(tick, delay);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [token, status, router]);
  return null;
}
