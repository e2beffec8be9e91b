const STYLES: Record<string, string> = {
  created: 'bg-sky-100 text-sky-800 dark:bg-sky-950 dark:text-sky-300',
  partial: 'bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-300',
  paid: 'bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300',
  overpaid: 'bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300',
  canceled: 'bg-zinc-200 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300',
};

/** The invoice status, styled by CryptoCloud's name for it and labelled in the page's language. */
export function StatusBadge({ status, label }: { status: string; label: string }) {
  return (
    <span
      data-testid="sandbox-status"
      className={`inline-flex items-center rounded-full px-2.5 py-0.5 text-xs font-semibold ${STYLES[status] ?? STYLES.canceled}`}
    >
      {label}
    </span>
  );
}
