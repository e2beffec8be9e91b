'use server';

import { headers } from 'next/headers';
import { z } from 'zod';
import { validatedAction } from '@/lib/actions';
import { LINK_MINUTES, requestSignInLink, signInRequestSchema, signInWithGitHub } from '@/lib/auth';

/** Ask for a sign-in link. The answer is the same whether or not the address has access. */
export const requestSignInAction = validatedAction(
  signInRequestSchema,
  async (data) => {
    const sent = await requestSignInLink(data, await headers());
    if (!sent.ok) return { ok: false, message: sent.error.message, values: { email: data.email } };
    return {
      ok: true,
      message: `If ${data.email} belongs to a merchant of this shop, a sign-in link is on its way. It works once, for ${LINK_MINUTES} minutes.`,
    };
  },
  { label: 'sign-in', fields: ['email'] },
);

export const gitHubSignInAction = validatedAction(z.object({ callbackUrl: z.string().max(2_000).optional() }), async (data) =>
  signInWithGitHub(data.callbackUrl),
);
