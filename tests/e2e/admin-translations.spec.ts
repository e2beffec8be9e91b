import { expect, test, type Page } from '@playwright/test';
import { signIn } from './support/admin';

// The merchant edits the catalog's Russian texts in the back office: a product's name and a
// collection's description. Buyers on the Russian pages see the change at once (the catalog cache
// is invalidated by the edit), the item's history says who changed what, and an emptied field falls
// back to the English text. Each text is put back as it was, for the specs that read it.

const tag = Math.random().toString(36).slice(2, 8);

/** Save one field of the Russian form on an editor page; returns the value it had. */
async function saveRussian(admin: Page, form: string, label: string, value: string): Promise<string> {
  const ru = admin.getByTestId(form);
  const field = ru.getByLabel(label);
  const before = await field.inputValue();
  await field.fill(value);
  await ru.getByTestId(`${form}-submit`).click();
  await expect(ru.getByTestId(`${form}-message`)).toContainText('Saved (');
  return before;
}

test('a merchant translates a product and a collection; Russian buyers see it at once, English ones do not', async ({
  page: admin,
  browser,
}) => {
  test.setTimeout(120_000);
  const buyer = await browser.newPage();
  await signIn(admin, 'admin@example.com', '/admin/products');

  await test.step('a product’s Russian name', async () => {
    await admin.goto('/admin/products');
    await admin.getByTestId('product-row').filter({ hasText: 'Node Runner Mug' }).getByRole('link', { name: 'Node Runner Mug' }).click();
    const original = await saveRussian(admin, 'product-translation-ru', 'Name (Russian)', `Кружка ${tag}`);
    try {
      expect(original).toBe('Кружка «Держатель ноды»');
      const history = admin.getByTestId('product-history');
      await expect(history.getByRole('listitem').first()).toContainText('Translated by admin@example.com');
      await expect(history.getByRole('listitem').first()).toContainText(`Кружка ${tag}`);

      await buyer.goto('/ru/products/node-runner-mug');
      await expect(buyer.getByRole('heading', { level: 1 })).toHaveText(`Кружка ${tag}`);
      // A buyer shopping in English (a browser of its own: the Russian page set this one's language cookie).
      const english = await browser.newPage({ locale: 'en-US' });
      await english.goto('/products/node-runner-mug');
      await expect(english.getByRole('heading', { level: 1 })).toHaveText('Node Runner Mug');
      await english.close();
    } finally {
      await saveRussian(admin, 'product-translation-ru', 'Name (Russian)', original);
    }
    await buyer.goto('/ru/products/node-runner-mug');
    await expect(buyer.getByRole('heading', { level: 1 })).toHaveText('Кружка «Держатель ноды»');
  });

  await test.step('a collection’s Russian description, emptied: the English one shows', async () => {
    await admin.goto('/admin/collections');
    await admin.getByTestId('collection-row').filter({ hasText: 'Accessories' }).getByRole('link').first().click();
    const english = await admin.getByTestId('collection-form').getByLabel('Description (English)').inputValue();
    const original = await saveRussian(admin, 'collection-translation-ru', 'Description (Russian)', '');
    try {
      expect(original).not.toBe('');
      await expect(admin.getByTestId('collection-history').getByRole('listitem').first()).toContainText('Translated by admin@example.com');
      await buyer.goto('/ru/collections/accessories');
      await expect(buyer.getByText(english)).toBeVisible();
      await expect(buyer.getByText(original)).toHaveCount(0);
    } finally {
      await saveRussian(admin, 'collection-translation-ru', 'Description (Russian)', original);
    }
    await buyer.goto('/ru/collections/accessories');
    await expect(buyer.getByText(original)).toBeVisible();
  });
  await buyer.close();
});
