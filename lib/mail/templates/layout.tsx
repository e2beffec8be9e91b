import 'server-only';
import { Body, Button, Container, Head, Hr, Html, Link, Preview, Section, Text } from '@react-email/components';
import type { CSSProperties, ReactNode } from 'react';
import { env } from '@/lib/env';

/** The shop's name and colours, from configuration (SHOP_NAME, SHOP_COLOR_*). */
export interface Brand {
  shopName: string;
  primary: string;
  background: string;
  appUrl: string;
}

export function brand(): Brand {
  const e = env();
  return { shopName: e.SHOP_NAME, primary: e.SHOP_COLOR_PRIMARY, background: e.SHOP_COLOR_BACKGROUND, appUrl: e.APP_URL };
}

const font = "ui-sans-serif, system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif";
export const muted: CSSProperties = { margin: '0 0 8px', fontSize: '13px', lineHeight: '1.5', color: '#52525b' };
export const paragraph: CSSProperties = { margin: '0 0 16px', fontSize: '15px', lineHeight: '1.6', color: '#18181b' };

/** The frame every email shares: one column on the shop's background, its name in its colour. */
export function EmailLayout({ brand, preview, lang, children }: { brand: Brand; preview: string; lang: string; children: ReactNode }) {
  return (
    <Html lang={lang}>
      <Head />
      <Preview>{preview}</Preview>
      <Body style={{ margin: 0, padding: '24px', backgroundColor: brand.background, fontFamily: font, color: '#18181b' }}>
        <Container style={{ maxWidth: '520px', backgroundColor: '#ffffff', borderRadius: '16px', padding: '32px' }}>
          <Text style={{ margin: '0 0 16px', fontSize: '18px', fontWeight: 700, color: brand.primary }}>{brand.shopName}</Text>
          {children}
          <Hr style={{ borderColor: '#e4e4e7', margin: '24px 0 16px' }} />
          <Text style={{ ...muted, fontSize: '12px' }}>
            {brand.shopName} ·{' '}
            <Link href={brand.appUrl} style={{ color: '#71717a' }}>
              {brand.appUrl.replace(/^https?:\/\//, '')}
            </Link>
          </Text>
        </Container>
      </Body>
    </Html>
  );
}

export function Heading({ children }: { children: ReactNode }) {
  return <Text style={{ margin: '0 0 12px', fontSize: '22px', fontWeight: 700, lineHeight: '1.3' }}>{children}</Text>;
}

export function Paragraph({ children }: { children: ReactNode }) {
  return <Text style={paragraph}>{children}</Text>;
}

/** A button-like link in the shop's colour. */
export function EmailButton({ brand, href, children }: { brand: Brand; href: string; children: ReactNode }) {
  return (
    <Section style={{ margin: '8px 0 24px' }}>
      <Button
        href={href}
        style={{
          backgroundColor: brand.primary,
          color: '#ffffff',
          fontWeight: 600,
          fontSize: '15px',
          padding: '12px 20px',
          borderRadius: '8px',
        }}
      >
        {children}
      </Button>
    </Section>
  );
}

/** A link written out in full, for clients that hide buttons (and for the plain-text part). */
export function FullLink({ href }: { href: string }) {
  return (
    <Text style={{ ...muted, fontSize: '12px', wordBreak: 'break-all' }}>
      <Link href={href} style={{ color: '#71717a' }}>
        {href}
      </Link>
    </Text>
  );
}
