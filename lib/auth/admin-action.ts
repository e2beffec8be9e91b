import 'server-only';
import type { z } from 'zod';
import { validatedAction, type ActionState } from '@/lib/actions';
import { requireAdmin, type Admin } from './dal';

/**
 * The one way to write a back-office server action: validatedAction, with the admin checked
 * first, before the body is even read. A direct POST (any action id, any body) without a session
 * answers 401, with a session but no admin role 403, and reaches nothing. `fn` gets the admin, to
 * record who did it.
 */
export function adminAction<S extends z.ZodType<unknown, Record<string, unknown>>, R extends ActionState>(
  schema: S,
  fn: (data: z.output<S>, admin: Admin, formData: FormData) => Promise<R>,
  options: { label?: string; fields?: readonly string[] } = {},
): (prev: ActionState, formData: FormData) => Promise<R | ActionState> {
  return async (prev, formData) => {
    const admin = await requireAdmin();
    return validatedAction(schema, (data: z.output<S>, fd: FormData) => fn(data, admin, fd), options)(prev, formData);
  };
}
