import { expect, type Page } from '@playwright/test';

/** Request a sign-in link on /admin/sign-in and open it from the development mailbox. */
export async function signIn(page: Page, email = 'admin@example.com', from = '/admin') {
  await page.goto(from);
  await expect(page).toHaveURL(/\/admin\/sign-in\?callbackUrl=/);
  await page.getByTestId('field-email').fill(email);
  await page.getByTestId('sign-in-form-submit').click();
  await expect(page.getByTestId('sign-in-form-message')).toContainText('a sign-in link is on its way');
  await openNewestLink(page, email);
}

/** Open the newest message to `email` in /dev/mailbox and follow its link. */
export async function openNewestLink(page: Page, email: string) {
  await page.goto('/dev/mailbox');
  await page.getByTestId('mailbox-entry').filter({ hasText: `To ${email}` }).first().click();
  await expect(page.getByTestId('mailbox-to')).toHaveText(email);
  await page.getByTestId('mailbox-link').first().click();
}
