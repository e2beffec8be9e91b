'use client';

import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useEffect, useRef, useSyncExternalStore } from 'react';

function remaining(until: number, now: number): string {
  const total = Math.max(0, Math.floor((until - now) / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return [h, m, s].map((n) => String(n).padStart(2, '0')).join(':');
}

// A clock ticking once a second, read as whole seconds so that repeated reads agree. On the server
// (and in the first render in the browser) there is no "now": the countdown shows placeholders.
const subscribeToSeconds = (tick: () => void) => {
  const timer = setInterval(tick, 1000);
  return () => clearInterval(timer);
};
const currentSecond = () => Math.floor(Date.now() / 1000) * 1000;
const noTimeOnServer = () => null;

/** Live time left until the invoice's expiry_date; refreshes the page when it runs out. */
export function Countdown({ expiresAt }: { expiresAt: string }) {
  const router = useRouter();
  const t = useTranslations('sandboxPay');
  const until = Date.parse(expiresAt);
  const now = useSyncExternalStore<number | null>(subscribeToSeconds, currentSecond, noTimeOnServer);
  const refreshed = useRef(false);

  const expired = now !== null && now >= until;
  useEffect(() => {
    // The server cancels an expired invoice the next time it reads it.
    if (expired && !refreshed.current) {
      refreshed.current = true;
      router.refresh();
    }
  }, [expired, router]);

  return (
    <p className="text-sm text-zinc-600 dark:text-zinc-400">
      {expired ? (
        <span className="font-medium text-red-700 dark:text-red-400">{t('expired')}</span>
      ) : (
        <>
          {t('timeLeft')}{' '}
          <time
            dateTime={expiresAt}
            className="font-mono text-base font-semibold tabular-nums text-zinc-900 dark:text-zinc-100"
            data-testid="sandbox-countdown"
          >
            {now === null ? '--:--:--' : remaining(until, now)}
          </time>
        </>
      )}
    </p>
  );
}
