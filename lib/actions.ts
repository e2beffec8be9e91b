import 'server-only';
import { unstable_rethrow } from 'next/navigation';
import { z } from 'zod';
import type { ActionState } from '@/lib/action-state';
import { errorSummary } from '@/lib/errors';
import { fail, ok, type Result } from '@/lib/result';

export type { ActionState } from '@/lib/action-state';

/** Submitted text kept for re-rendering is capped: a hostile 1 MB field is not echoed back. */
const MAX_ECHO = 1_000;
const INTERNAL = /^\$ACTION_/; // Next's own fields in a form posted without JavaScript
const FALLBACK = 'Check this field.';
const UNEXPECTED = 'Something went wrong on our side. Nothing was changed: please try again in a moment.';

type Fields = Record<string, string>;

/** The form's own fields as strings; a field sent twice or a file is refused (one value, one meaning). */
function readForm(formData: FormData): Result<Fields, { kind: 'unreadable-field'; field: string }> {
  const fields: Fields = {};
  for (const [key, value] of formData) {
    if (INTERNAL.test(key)) continue;
    if (typeof value !== 'string' || Object.hasOwn(fields, key)) return fail({ kind: 'unreadable-field', field: key });
    fields[key] = value;
  }
  return ok(fields);
}

const echo = (fields: Fields) => Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v.slice(0, MAX_ECHO)]));

/**
 * The one way to write a form's server action: the FormData is parsed with `schema` (messages the
 * schema does not set become a plain "Check this field.", never zod's internals), failures come
 * back as field errors with the typed values (only for `fields`, the ones the form shows, when
 * given; other problems become the form's message), and an unexpected exception becomes a retryable
 * message (logged without request data). `redirect()` and `notFound()` pass through.
 *
 * Every action is a public endpoint: `fn` must still check who may do what.
 */
export function validatedAction<S extends z.ZodType<unknown, Record<string, unknown>>, R extends ActionState>(
  schema: S,
  fn: (data: z.output<S>, formData: FormData) => Promise<R>,
  options: {
    label?: string;
    fields?: readonly string[];
    /** Writes every answer in the page's language (buyer forms: lib/i18n/action-locale.ts). */
    localize?: (state: ActionState) => Promise<ActionState>;
  } = {},
): (prev: ActionState, formData: FormData) => Promise<R | ActionState> {
  const answer = validated(schema, fn, options);
  const { localize } = options;
  return localize ? async (prev, formData) => (await localize(await answer(prev, formData))) as R | ActionState : answer;
}

function validated<S extends z.ZodType<unknown, Record<string, unknown>>, R extends ActionState>(
  schema: S,
  fn: (data: z.output<S>, formData: FormData) => Promise<R>,
  options: { label?: string; fields?: readonly string[] },
): (prev: ActionState, formData: FormData) => Promise<R | ActionState> {
  return async (_prev, formData) => {
    // Called another way than a form's action (a hand-made POST naming only the action id).
    if (!(formData instanceof FormData))
      return { ok: false, message: 'The form was sent in an unexpected way. Reload the page and try again.' };
    const read = readForm(formData);
    if (!read.ok) return { ok: false, message: 'The form was sent in an unexpected way. Reload the page and try again.' };
    const parsed = schema.safeParse(read.value, { error: () => FALLBACK });
    if (!parsed.success) {
      const fieldErrors: Record<string, string> = {};
      let message: string | undefined;
      for (const issue of parsed.error.issues) {
        const field = issue.path[0];
        const shown = typeof field === 'string' && (options.fields ? options.fields.includes(field) : true);
        if (shown && !fieldErrors[field]) fieldErrors[field] = issue.message;
        else if (!shown) message ??= issue.message;
      }
      return { ok: false, message, fieldErrors, values: echo(read.value) };
    }
    try {
      return await fn(parsed.data, formData);
    } catch (err) {
      unstable_rethrow(err);
      console.error(`[action${options.label ? ` ${options.label}` : ''}]`, errorSummary(err));
      return { ok: false, message: UNEXPECTED, values: echo(read.value) };
    }
  };
}

/**
 * A validated action used as a plain form action (a form rendered by a server component, with no
 * useActionState): React calls it with the FormData only and drops the answer, so the previous
 * state is bound as empty. The result is still the server reference, bound like any other.
 */
export function asFormAction(action: (prev: ActionState, formData: FormData) => Promise<unknown>): (formData: FormData) => Promise<void> {
  return action.bind(null, {}) as unknown as (formData: FormData) => Promise<void>;
}
