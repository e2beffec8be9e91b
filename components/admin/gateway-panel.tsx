import { getBalance, getStatistics } from '@/lib/cryptocloud';
import { formatDecimal } from '@/lib/money';

/** What CryptoCloud itself reports: balances and the last 7 days of invoices (the sandbox answers too). */
export async function GatewayPanel() {
  const now = new Date();
  const [balance, stats] = await Promise.all([getBalance(), getStatistics({ start: new Date(now.getTime() - 6 * 86_400_000), end: now })]);
  return (
    <div className="grid gap-6 md:grid-cols-2">
      <div className="rounded-2xl border border-zinc-200 p-4 dark:border-zinc-800" data-testid="gateway-balance">
        <h3 className="mb-2 font-semibold">Balance</h3>
        {!balance.ok ? (
          <p role="alert" className="text-sm text-red-700 dark:text-red-400">
            Not available: {balance.error.message}
          </p>
        ) : balance.value.length === 0 ? (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">No balances.</p>
        ) : (
          <table className="w-full text-sm">
            <thead className="text-left text-zinc-500 dark:text-zinc-400">
              <tr>
                <th className="py-1 font-medium">Currency</th>
                <th className="py-1 text-right font-medium">Balance</th>
                <th className="py-1 text-right font-medium">USD</th>
              </tr>
            </thead>
            <tbody>
              {balance.value.map((b) => (
                <tr key={b.currency}>
                  <td className="py-1">{b.currency}</td>
                  <td className="py-1 text-right">{formatDecimal(b.balanceCrypto)}</td>
                  <td className="py-1 text-right">{formatDecimal(b.balanceUsd)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      <div className="rounded-2xl border border-zinc-200 p-4 dark:border-zinc-800" data-testid="gateway-statistics">
        <h3 className="mb-2 font-semibold">Invoices, last 7 days</h3>
        {!stats.ok ? (
          <p role="alert" className="text-sm text-red-700 dark:text-red-400">
            Not available: {stats.error.message}
          </p>
        ) : (
          <table className="w-full text-sm">
            <thead className="text-left text-zinc-500 dark:text-zinc-400">
              <tr>
                <th className="py-1 font-medium">Status</th>
                <th className="py-1 text-right font-medium">Invoices</th>
                <th className="py-1 text-right font-medium">USD</th>
              </tr>
            </thead>
            <tbody>
              {(['all', 'created', 'paid', 'overpaid', 'partial', 'canceled'] as const).map((s) => (
                <tr key={s} data-testid={`gateway-stat-${s}`}>
                  <td className="py-1">{s}</td>
                  <td className="py-1 text-right">{stats.value.count[s]}</td>
                  <td className="py-1 text-right">{formatDecimal(stats.value.amount[s])}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </div>
  );
}
