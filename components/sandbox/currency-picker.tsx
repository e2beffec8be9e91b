'use client';

import { useTranslations } from 'next-intl';
import { useFormStatus } from 'react-dom';

function Select({ options, selected, disabled }: { options: { value: string; label: string }[]; selected: string; disabled: boolean }) {
  const { pending } = useFormStatus();
  return (
    <select
      id="sandbox-currency"
      name="currency"
      defaultValue={selected}
      disabled={disabled || pending}
      data-testid="sandbox-currency"
      // Picking a coin re-prices the invoice at once (the button below does the same without JS).
      onChange={(e) => e.currentTarget.form?.requestSubmit()}
      className="w-full rounded-lg border border-zinc-300 bg-white px-3 py-2 text-sm text-zinc-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-emerald-600 disabled:opacity-60 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100"
    >
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}

/** The crypto to pay with; changing it calls the server action that re-prices the invoice. */
export function CurrencyPicker({
  options,
  selected,
  disabled,
  action,
  invoice,
}: {
  options: { value: string; label: string }[];
  selected: string;
  disabled: boolean;
  action: (formData: FormData) => Promise<void>;
  invoice: string;
}) {
  const t = useTranslations('sandboxPay');
  return (
    <form action={action} className="space-y-1.5">
      <input type="hidden" name="invoice" value={invoice} />
      <label htmlFor="sandbox-currency" className="block text-sm font-medium text-zinc-700 dark:text-zinc-300">
        {t('payWith')}
      </label>
      <div className="flex gap-2">
        <Select key={selected} options={options} selected={selected} disabled={disabled} />
        <noscript>
          <button type="submit" className="rounded-lg border border-zinc-300 px-3 py-2 text-sm dark:border-zinc-700">
            {t('update')}
          </button>
        </noscript>
      </div>
    </form>
  );
}
