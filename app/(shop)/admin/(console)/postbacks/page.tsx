import type { Metadata } from 'next';
import Link from 'next/link';
import { ActionForm } from '@/components/admin/action-form';
import { Timestamp } from '@/components/admin/timestamp';
import { VerdictBadge } from '@/components/admin/verdict-badge';
import { POSTBACK_VERDICTS, type PostbackVerdict } from '@/db/schema';
import { requireAdminPage } from '@/lib/auth';
import { listPostbacks } from '@/lib/orders/admin-queries';
import { reprocessPostbackAction } from './actions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Postbacks' };

type Props = { searchParams: Promise<{ verdict?: string; before?: string }> };

const HELP: Record<PostbackVerdict, string> = {
  received: 'stored, not processed yet (the database or the info API was down)',
  unmatched: 'no order has this invoice yet',
  duplicate: 'nothing new',
  mismatch: 'the order went to review, or the gateway had no news',
  matched: 'confirmed by the reconciler or an admin',
  applied: 'changed the order',
};

export default async function PostbacksPage({ searchParams }: Props) {
  const params = await searchParams;
  const verdict = (POSTBACK_VERDICTS as readonly string[]).includes(params.verdict ?? '') ? (params.verdict as PostbackVerdict) : undefined;
  const before = /^\d{1,15}$/.test(params.before ?? '') ? Number(params.before) : undefined;
  await requireAdminPage(`/admin/postbacks${verdict ? `?verdict=${verdict}` : ''}`);
  const { rows, older } = await listPostbacks({ verdict, before });
  const filterHref = (v?: PostbackVerdict) => (v ? `/admin/postbacks?verdict=${v}` : '/admin/postbacks');
  return (
    <section aria-labelledby="postbacks-heading" className="space-y-6">
      <header className="space-y-2">
        <h1 id="postbacks-heading" className="text-2xl font-bold">
          Postbacks
        </h1>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Every notification from CryptoCloud whose signature checked out, newest first. Re-process the ones left received or unmatched.
        </p>
      </header>
      <nav aria-label="Filter by verdict" className="flex flex-wrap gap-2 text-sm">
        {[undefined, ...POSTBACK_VERDICTS].map((v) => (
          <Link
            key={v ?? 'all'}
            href={filterHref(v)}
            aria-current={v === verdict ? 'page' : undefined}
            className={`rounded-full border px-3 py-1 ${v === verdict ? 'border-zinc-900 bg-zinc-900 text-white dark:border-zinc-100 dark:bg-zinc-100 dark:text-zinc-900' : 'border-zinc-300 hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800'}`}
          >
            {v ?? 'all'}
          </Link>
        ))}
      </nav>
      {rows.length === 0 ? (
        <p className="rounded-2xl border border-dashed border-zinc-300 p-8 text-center text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
          No postbacks here.
        </p>
      ) : (
        <ul className="space-y-3" data-testid="postback-list">
          {rows.map((pb) => (
            <li key={pb.id} className="rounded-2xl border border-zinc-200 p-4 dark:border-zinc-800" data-testid="postback-row">
              <div className="flex flex-wrap items-center gap-3 text-sm">
                <VerdictBadge verdict={pb.verdict} />
                <span className="font-mono">{pb.invoiceUuid}</span>
                <span className="text-zinc-500 dark:text-zinc-400">
                  <Timestamp date={pb.receivedAt} withSeconds />
                  {pb.repeatCount > 1 && ` · ×${pb.repeatCount}`}
                </span>
                {pb.orderId && (
                  <Link href={`/admin/orders/${pb.orderId}`} className="font-medium text-brand-600 hover:underline">
                    Order {pb.orderId.slice(0, 8)}
                  </Link>
                )}
              </div>
              <p className="mt-1 text-sm">{pb.detail ?? HELP[pb.verdict]}</p>
              <details className="mt-2 text-xs">
                <summary className="cursor-pointer font-medium">Raw body ({pb.contentType || 'no content type'})</summary>
                <pre className="mt-2 max-h-64 overflow-auto whitespace-pre-wrap break-all rounded-lg bg-zinc-100 p-3 dark:bg-zinc-900">
                  {pb.rawBody}
                </pre>
              </details>
              {(pb.verdict === 'received' || pb.verdict === 'unmatched') && (
                <div className="mt-3">
                  <ActionForm
                    action={reprocessPostbackAction}
                    submitLabel="Re-process"
                    pendingLabel="Processing…"
                    testId="reprocess"
                    variant="secondary"
                    className="space-y-2"
                  >
                    <input type="hidden" name="postbackId" value={pb.id} />
                  </ActionForm>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      {older && (
        <Link
          href={`/admin/postbacks?${new URLSearchParams({ ...(verdict ? { verdict } : {}), before: String(older) })}`}
          className="text-sm font-medium text-brand-600 hover:underline"
        >
          Older →
        </Link>
      )}
    </section>
  );
}
