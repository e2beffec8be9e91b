import 'server-only';
import type { MailMessage } from '../outbox';
import { renderEmail } from '../render';
import { brand, EmailButton, EmailLayout, FullLink, muted, Paragraph } from './layout';
import { Text } from '@react-email/components';

/** What the link opens: the back office, or a buyer's own orders. */
export type SignInAudience = 'merchant' | 'buyer';

function SignInEmail({ to, url, minutes, audience }: { to: string; url: string; minutes: number; audience: SignInAudience }) {
  const b = brand();
  const what = audience === 'buyer' ? `see your orders at ${b.shopName}` : `sign in to the ${b.shopName} back office`;
  return (
    <EmailLayout brand={b} preview={`Your sign-in link for ${b.shopName}`} lang="en">
      <Paragraph>
        Use this link to {what} as <strong>{to}</strong>.
      </Paragraph>
      <EmailButton brand={b} href={url}>
        {audience === 'buyer' ? 'See my orders' : 'Sign in'}
      </EmailButton>
      <Text style={muted}>
        The link works once and expires in {minutes} minutes. If you did not ask for it, ignore this email: nobody can sign in without it.
      </Text>
      <FullLink href={url} />
    </EmailLayout>
  );
}

/** The sign-in link email. The link is a credential: the message is marked sensitive. */
export async function signInMessage({
  to,
  url,
  minutes,
  audience = 'merchant',
}: {
  to: string;
  url: string;
  minutes: number;
  audience?: SignInAudience;
}): Promise<MailMessage> {
  const shopName = brand().shopName;
  const subject = audience === 'buyer' ? `Your orders at ${shopName}: sign-in link` : `Sign in to ${shopName}`;
  return {
    kind: 'sign_in',
    to,
    subject,
    sensitive: true,
    ...(await renderEmail(<SignInEmail to={to} url={url} minutes={minutes} audience={audience} />)),
  };
}
