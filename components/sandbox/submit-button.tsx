'use client';

import type { ReactNode } from 'react';
import { useFormStatus } from 'react-dom';

const VARIANTS = {
  primary: 'bg-emerald-700 text-white hover:bg-emerald-800 dark:bg-emerald-500 dark:text-zinc-950 dark:hover:bg-emerald-400',
  secondary:
    'border border-zinc-300 bg-white text-zinc-900 hover:bg-zinc-50 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100 dark:hover:bg-zinc-800',
  danger:
    'border border-red-300 bg-white text-red-700 hover:bg-red-50 dark:border-red-800 dark:bg-zinc-900 dark:text-red-400 dark:hover:bg-red-950',
} as const;

/** A form's submit button that disables itself while the server action runs. */
export function SubmitButton({
  children,
  testId,
  variant = 'secondary',
  disabled = false,
}: {
  children: ReactNode;
  testId?: string;
  variant?: keyof typeof VARIANTS;
  disabled?: boolean;
}) {
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      data-testid={testId}
      disabled={disabled || pending}
      aria-busy={pending}
      className={`inline-flex w-full items-center justify-center rounded-lg px-4 py-2.5 text-sm font-semibold transition focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-emerald-600 disabled:cursor-not-allowed disabled:opacity-50 ${VARIANTS[variant]}`}
    >
      {pending ? 'Working…' : children}
    </button>
  );
}
