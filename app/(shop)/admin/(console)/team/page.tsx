import type { Metadata } from 'next';
import { ActionForm, Field } from '@/components/admin/action-form';
import { Timestamp } from '@/components/admin/timestamp';
import { listAdmins, requireAdminPage } from '@/lib/auth';
import { grantAdminAction, revokeAdminAction } from './actions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Team' };

export default async function TeamPage() {
  const me = await requireAdminPage('/admin/team');
  const admins = await listAdmins();
  return (
    <section aria-labelledby="team-heading" className="max-w-2xl space-y-6">
      <header className="space-y-2">
        <h1 id="team-heading" className="text-2xl font-bold">
          Team
        </h1>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Admins can do everything in the back office. Roles live in the database: ADMIN_EMAILS only gives the role to an address the first
          time it signs in.
        </p>
      </header>
      <ul
        className="divide-y divide-zinc-200 rounded-2xl border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800"
        data-testid="admin-list"
      >
        {admins.map((a) => (
          <li key={a.id} className="flex flex-col gap-2 p-4 sm:flex-row sm:items-center sm:justify-between" data-testid="admin-row">
            <span>
              <span className="block font-medium">{a.email}</span>
              <span className="text-xs text-zinc-500 dark:text-zinc-400">
                since <Timestamp date={a.createdAt} />
              </span>
            </span>
            {a.id === me.id ? (
              <span className="text-sm text-zinc-500 dark:text-zinc-400">you</span>
            ) : (
              <ActionForm
                action={revokeAdminAction}
                submitLabel="Remove access"
                pendingLabel="Removing…"
                testId="revoke"
                variant="secondary"
                className="space-y-2"
              >
                <input type="hidden" name="userId" value={a.id} />
              </ActionForm>
            )}
          </li>
        ))}
      </ul>
      <div className="rounded-2xl border border-zinc-200 p-4 dark:border-zinc-800">
        <h2 className="mb-3 font-semibold">Add an admin</h2>
        <ActionForm action={grantAdminAction} submitLabel="Add admin" pendingLabel="Adding…" testId="grant">
          <Field name="email" label="Email address" type="email" required maxLength={254} autoComplete="off" />
        </ActionForm>
      </div>
    </section>
  );
}
