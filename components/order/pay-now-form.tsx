'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { payNowAction } from '@/app/[locale]/orders/[token]/actions';
import type { ActionState } from '@/lib/action-state';
import { buttonClass } from '@/components/ui/button';

export function PayNowForm({ token, initialMessage }: { token: string; initialMessage?: string }) {
  const t = useTranslations('cartClient');
  const [state, action, pending] = useActionState(payNowAction, { message: initialMessage } satisfies ActionState);
  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="token" value={token} />
      {state.message && (
        <p
          role="alert"
          data-testid="payment-error"
          className="rounded-lg bg-red-50 p-3 text-sm text-red-800 dark:bg-red-950 dark:text-red-200"
        >
          {state.message}
        </p>
      )}
      <button type="submit" data-testid="pay-now" disabled={pending} className={buttonClass}>
        {pending ? t('payingNow') : t('payNow')}
      </button>
    </form>
  );
}
