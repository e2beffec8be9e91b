import { readFileSync } from 'node:fs';
import { expect, type Page } from '@playwright/test';

/** Request a sign-in link on /admin/sign-in and open it from the development mailbox. */
export async function signIn(page: Page, email = 'admin@example.com', from = '/admin') {
  await page.goto(from);
  await expect(page).toHaveURL(/\/admin\/sign-in\?callbackUrl=/);
  await requestLink(page, email);
  await openNewestLink(page, email);
}

/** Fill in and send the sign-in form on the current page. */
export async function requestLink(page: Page, email: string) {
  await page.getByTestId('field-email').fill(email);
  await page.getByTestId('sign-in-form-submit').click();
  await expect(page.getByTestId('sign-in-form-message')).toBeVisible();
}

/** Open the newest message to `email` in /dev/mailbox and follow its link; returns the link. */
export async function openNewestLink(page: Page, email: string): Promise<string> {
  await page.goto('/dev/mailbox');
  await page
    .getByTestId('mailbox-entry')
    .filter({ hasText: `To ${email}` })
    .first()
    .click();
  await expect(page.getByTestId('mailbox-to')).toHaveText(email);
  const link = page.getByTestId('mailbox-link').first();
  const href = (await link.getAttribute('href'))!;
  await link.click();
  return href;
}

/** The id of a server action in the build, as a client would send it (from Next's manifest). */
export function actionId(filename: string, exportedName: string): { id: string; pages: string[] } {
  const manifest = JSON.parse(readFileSync('.next/server/server-reference-manifest.json', 'utf8')) as {
    node: Record<string, { filename?: string; exportedName?: string; workers: Record<string, unknown> }>;
  };
  const found = Object.entries(manifest.node).find(([, a]) => a.filename === filename && a.exportedName === exportedName);
  if (!found) throw new Error(`no server action ${exportedName} in ${filename}`);
  return { id: found[0], pages: Object.keys(found[1].workers) };
}
