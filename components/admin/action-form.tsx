'use client';

import { createContext, useActionState, useContext, useId, type ReactNode } from 'react';
import { buttonClass, inputClass, secondaryButtonClass } from '@/components/ui/button';
import type { ActionState } from '@/lib/actions';

type Action = (prev: ActionState, formData: FormData) => Promise<ActionState>;

const FormState = createContext<ActionState>({});

/**
 * Every back-office form: posts to a server action (works without JavaScript too), shows the
 * action's message, and lets <Field> show field errors and keep what was typed.
 */
export function ActionForm({
  action,
  submitLabel,
  pendingLabel,
  testId,
  variant = 'primary',
  className = 'space-y-4',
  children,
}: {
  action: Action;
  submitLabel: string;
  pendingLabel: string;
  testId: string;
  variant?: 'primary' | 'secondary' | 'danger';
  className?: string;
  children?: ReactNode;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  const buttonStyle =
    variant === 'primary' ? buttonClass : variant === 'danger' ? `${buttonClass} bg-red-700 hover:bg-red-800` : secondaryButtonClass;
  return (
    <form action={formAction} className={className} noValidate data-testid={testId}>
      <FormState.Provider value={state}>{children}</FormState.Provider>
      {state.message && (
        <p
          role={state.ok ? 'status' : 'alert'}
          data-testid={`${testId}-message`}
          className={`rounded-lg p-3 text-sm ${state.ok ? 'bg-emerald-50 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100' : 'bg-red-50 text-red-800 dark:bg-red-950 dark:text-red-200'}`}
        >
          {state.message}
        </p>
      )}
      <button type="submit" disabled={pending} className={buttonStyle} data-testid={`${testId}-submit`}>
        {pending ? pendingLabel : submitLabel}
      </button>
    </form>
  );
}

/** A labelled input inside an <ActionForm>, with its error and the value typed before a refusal. */
export function Field({
  name,
  label,
  hint,
  defaultValue,
  type = 'text',
  multiline = false,
  required = false,
  ...rest
}: {
  name: string;
  label: string;
  hint?: string;
  defaultValue?: string;
  type?: 'text' | 'email' | 'url' | 'number';
  multiline?: boolean;
  required?: boolean;
  inputMode?: 'decimal' | 'numeric' | 'email' | 'url';
  maxLength?: number;
  autoComplete?: string;
  readOnly?: boolean;
}) {
  const state = useContext(FormState);
  const id = useId();
  const error = state.fieldErrors?.[name];
  const value = state.values?.[name] ?? defaultValue;
  const props = {
    id,
    name,
    required,
    defaultValue: value,
    'aria-invalid': !!error,
    'aria-describedby': `${id}-hint ${id}-error`,
    'data-testid': `field-${name}`,
    className: inputClass,
    ...rest,
  };
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-sm font-medium">
        {label}
        {required && <span className="text-red-700 dark:text-red-400"> *</span>}
      </label>
      {multiline ? <textarea rows={4} {...props} /> : <input type={type} {...props} />}
      {hint && (
        <p id={`${id}-hint`} className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">
          {hint}
        </p>
      )}
      <p id={`${id}-error`} role={error ? 'alert' : undefined} className="mt-1 text-sm text-red-700 dark:text-red-400">
        {error}
      </p>
    </div>
  );
}

/** A checkbox inside an <ActionForm> (sends "on" when ticked, nothing when not). */
export function CheckboxField({ name, label, defaultChecked }: { name: string; label: string; defaultChecked?: boolean }) {
  const state = useContext(FormState);
  const id = useId();
  const checked = state.values ? state.values[name] === 'on' : defaultChecked;
  return (
    <div className="flex items-center gap-2">
      <input
        id={id}
        name={name}
        type="checkbox"
        defaultChecked={checked}
        data-testid={`field-${name}`}
        className="size-4 accent-brand-600"
      />
      <label htmlFor={id} className="text-sm font-medium">
        {label}
      </label>
    </div>
  );
}

/** A labelled drop-down inside an <ActionForm>, keeping the choice made before a refusal. */
export function SelectField({
  name,
  label,
  options,
  defaultValue,
  hint,
}: {
  name: string;
  label: string;
  options: ReadonlyArray<{ value: string; label: string }>;
  defaultValue?: string;
  hint?: string;
}) {
  const state = useContext(FormState);
  const id = useId();
  const error = state.fieldErrors?.[name];
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-sm font-medium">
        {label}
      </label>
      <select
        id={id}
        name={name}
        defaultValue={state.values?.[name] ?? defaultValue}
        aria-invalid={!!error}
        aria-describedby={`${id}-hint ${id}-error`}
        data-testid={`field-${name}`}
        className={inputClass}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {hint && (
        <p id={`${id}-hint`} className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">
          {hint}
        </p>
      )}
      <p id={`${id}-error`} role={error ? 'alert' : undefined} className="mt-1 text-sm text-red-700 dark:text-red-400">
        {error}
      </p>
    </div>
  );
}
