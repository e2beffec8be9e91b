'use server';

import { z } from 'zod';
import { validatedAction } from '@/lib/actions';
import { signOutHere } from '@/lib/auth';

/** Sign out: the session row is deleted, so the cookie is worthless even if it was copied. */
export const signOutAction = validatedAction(z.object({}), async () => signOutHere(), { label: 'sign-out' });
