'use server';

import { headers } from 'next/headers';
import { z } from 'zod';
import { validatedAction } from '@/lib/actions';
import { actionTranslator, inActionLocale } from '@/lib/i18n/action-locale';
import { LINK_MINUTES, MY_ORDERS_PATH, requestSignInLink, signInRequestSchema, signOutHere } from '@/lib/auth';

/**
 * A buyer asks for a link to their orders. The same answer whether or not any order was placed
 * with the address (nobody learns who shops here); only an address with orders gets an email.
 */
export const requestOrdersLinkAction = validatedAction(
  signInRequestSchema.pick({ email: true }),
  async ({ email }) => {
    const sent = await requestSignInLink({ email, callbackUrl: MY_ORDERS_PATH }, await headers());
    if (!sent.ok) return { ok: false, message: sent.error.message, values: { email } };
    return {
      ok: true,
      message: (await actionTranslator('myOrders'))('sent', { email, minutes: LINK_MINUTES }),
    };
  },
  { label: 'my-orders sign-in', fields: ['email'], localize: inActionLocale },
);

export const signOutBuyerAction = validatedAction(z.object({}), async () => signOutHere(`${MY_ORDERS_PATH}?signedOut=1`), {
  label: 'sign-out',
  localize: inActionLocale,
});
