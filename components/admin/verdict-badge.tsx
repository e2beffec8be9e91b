import type { PostbackVerdict } from '@/lib/orders/types';

const TONES: Record<PostbackVerdict, string> = {
  received: 'bg-zinc-100 text-zinc-800 dark:bg-zinc-800 dark:text-zinc-100',
  unmatched: 'bg-amber-100 text-amber-900 dark:bg-amber-900/40 dark:text-amber-100',
  duplicate: 'bg-zinc-200 text-zinc-800 dark:bg-zinc-800 dark:text-zinc-200',
  mismatch: 'bg-red-100 text-red-900 dark:bg-red-900/40 dark:text-red-100',
  matched: 'bg-sky-100 text-sky-900 dark:bg-sky-900/40 dark:text-sky-100',
  applied: 'bg-emerald-100 text-emerald-900 dark:bg-emerald-900/40 dark:text-emerald-100',
};

export function VerdictBadge({ verdict }: { verdict: PostbackVerdict }) {
  return (
    <span
      data-testid="postback-verdict"
      data-verdict={verdict}
      className={`inline-flex rounded-full px-2.5 py-0.5 text-xs font-semibold ${TONES[verdict]}`}
    >
      {verdict}
    </span>
  );
}
