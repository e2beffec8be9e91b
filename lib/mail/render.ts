import 'server-only';
import { render, toPlainText } from '@react-email/components';
import type { ReactElement } from 'react';

/** An email component as the two bodies every message carries: HTML and plain text. */
export async function renderEmail(email: ReactElement): Promise<{ html: string; text: string }> {
  const html = await render(email);
  return { html, text: toPlainText(html) };
}
