import type { Metadata } from 'next';
import { requireAdminPage } from '@/lib/auth';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Dashboard' };

export default async function DashboardPage() {
  const admin = await requireAdminPage('/admin');
  return (
    <section aria-labelledby="dashboard-heading" className="space-y-2">
      <h1 id="dashboard-heading" className="text-2xl font-bold">
        Dashboard
      </h1>
      <p className="text-zinc-600 dark:text-zinc-400">Signed in as {admin.email}.</p>
    </section>
  );
}
