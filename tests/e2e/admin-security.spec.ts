import { expect, test, type APIRequestContext, type BrowserContext, type Page } from '@playwright/test';
import { actionId, openNewestLink, requestLink, signIn } from './support/admin';
import { checkout } from './support/shop';

// Catalogue group H of docs/reliability: the back office is protected where its data is read and
// changed (lib/auth's data access layer), not by a proxy. Every request here is one a stranger,
// a signed-in non-admin or a cross-site page could make.

const tag = Math.random().toString(36).slice(2, 8);
const buyerEmail = `h-buyer-${tag}@example.com`;
let orderId = '';
let orderUrl = '';
let adminContext: BrowserContext;
let admin: Page;

const BYPASS_HEADERS: Array<Record<string, string>> = [
  {},
  { 'x-middleware-subrequest': 'middleware:middleware:middleware:middleware:middleware' },
  { 'x-middleware-subrequest': 'src/middleware:src/middleware:src/middleware:src/middleware:src/middleware' },
  { 'x-middleware-subrequest': 'proxy:proxy:proxy:proxy:proxy' },
];

/** Post to a server action the way a script would: its id, and a body the action never gets to read. */
function callAction(request: APIRequestContext, path: string, id: string, headers: Record<string, string> = {}) {
  return request.post(path, {
    headers: { 'Next-Action': id, 'Content-Type': 'text/plain;charset=UTF-8', Accept: 'text/x-component', ...headers },
    data: JSON.stringify([{}, {}]),
    maxRedirects: 0,
  });
}

/** The same, as a form posted without JavaScript, naming the action and carrying valid fields. */
function postActionForm(request: APIRequestContext, path: string, id: string, fields: Record<string, string>) {
  return request.post(path, { multipart: { [`$ACTION_ID_${id}`]: '', ...fields }, maxRedirects: 0 });
}

const ADMIN_ACTIONS = [
  ['app/(shop)/admin/(console)/orders/[id]/actions.ts', 'recheckAction'],
  ['app/(shop)/admin/(console)/orders/[id]/actions.ts', 'cancelOrderAction'],
  ['app/(shop)/admin/(console)/orders/[id]/actions.ts', 'resolveReviewAction'],
  ['app/(shop)/admin/(console)/orders/[id]/actions.ts', 'flagRefundAction'],
  ['app/(shop)/admin/(console)/orders/[id]/actions.ts', 'fulfilAction'],
  ['app/(shop)/admin/(console)/products/actions.ts', 'createProductAction'],
  ['app/(shop)/admin/(console)/products/actions.ts', 'updateProductAction'],
  ['app/(shop)/admin/(console)/postbacks/actions.ts', 'reprocessPostbackAction'],
  ['app/(shop)/admin/(console)/team/actions.ts', 'grantAdminAction'],
  ['app/(shop)/admin/(console)/team/actions.ts', 'revokeAdminAction'],
] as const;

/** A page an action is served from: its worker path with the order's id filled in. */
const pageOf = (worker: string) =>
  worker
    .replace(/^app/, '')
    // Route groups are not part of the URL.
    .replace(/\/\([^)]+\)/g, '')
    .replace(/\/page$/, '')
    .replace('[id]', worker.includes('products') ? '1' : orderId) || '/';

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }) => {
  // An unpaid order with a buyer's email: the data a stranger must not see or change.
  const buyer = await browser.newPage();
  await checkout(buyer, 'lightning-enamel-pin-set', 1, buyerEmail);
  await buyer.goto('/checkout/return');
  orderUrl = buyer.url();
  await buyer.close();
  adminContext = await browser.newContext();
  admin = await adminContext.newPage();
  await signIn(admin);
  await admin.goto(`/admin/orders?q=${encodeURIComponent(buyerEmail)}`);
  orderId = (await admin.getByTestId('order-row').getAttribute('data-order-id'))!;
  expect(orderId).toMatch(/^[0-9a-f-]{36}$/);
});

test.afterAll(async () => {
  await adminContext.close();
});

/** A response carries nothing of the order: not its buyer, token, items or invoice (its id may be echoed from the URL asked for). */
function expectNoOrderData(body: string, where: string) {
  for (const secret of [buyerEmail, orderUrl.split('/').at(-1)!, 'Lightning Enamel Pin Set', 'INV-'])
    expect(body, where).not.toContain(secret);
}

/** The buyer's order is untouched: still waiting for its payment. */
async function orderUntouched(page: Page) {
  await page.goto(orderUrl);
  await expect(page.getByTestId('order-status')).toHaveAttribute('data-status', 'awaiting_payment');
}

test('H1, H4: without a session every admin page redirects to sign-in and shows no order data, whatever the headers', async ({
  request,
}) => {
  const paths = [
    '/admin',
    '/admin/orders',
    `/admin/orders?q=${encodeURIComponent(buyerEmail)}`,
    `/admin/orders/${orderId}`,
    '/admin/postbacks',
    '/admin/products',
    '/admin/products/1',
    '/admin/team',
  ];
  for (const path of paths) {
    for (const headers of BYPASS_HEADERS) {
      const res = await request.get(path, { headers, maxRedirects: 0 });
      const where = `${path} ${JSON.stringify(headers)}`;
      expect(res.status(), where).toBe(307);
      expect(res.headers().location, where).toMatch(/^\/admin\/sign-in\?callbackUrl=%2Fadmin/);
      expectNoOrderData(await res.text(), where);
    }
  }
  // The same pages asked for as a client-side navigation (React Server Components payload).
  for (const path of paths) {
    const res = await request.get(path, { headers: { RSC: '1', ...BYPASS_HEADERS[1] } });
    const body = await res.text();
    expect(`${res.url()} ${body}`, path).toContain('/admin/sign-in?callbackUrl=');
    expectNoOrderData(body, path);
  }
  const csv = await request.get(`/admin/orders/export?q=${encodeURIComponent(buyerEmail)}`, { headers: BYPASS_HEADERS[1] });
  expect(csv.status()).toBe(401);
  expect(await csv.text()).not.toContain(buyerEmail);
});

test('H2, H4: admin server actions called directly without a session answer 401 and change nothing', async ({ request, page }) => {
  for (const [file, name] of ADMIN_ACTIONS) {
    const { id, pages } = actionId(file, name);
    for (const headers of BYPASS_HEADERS.slice(0, 2)) {
      const res = await callAction(request, pageOf(pages[0]!), id, headers);
      expect(res.status(), `${name} ${JSON.stringify(headers)}`).toBe(401);
    }
  }
  // A complete, valid cancel form posted without JavaScript: refused too. (For a form posted
  // without JavaScript, Next renders its not-found page for any 401/403 an action raises.)
  const cancel = actionId('app/(shop)/admin/(console)/orders/[id]/actions.ts', 'cancelOrderAction');
  const res = await postActionForm(request, `/admin/orders/${orderId}`, cancel.id, { orderId, reason: 'Not my order but I want it gone' });
  expect(res.status()).toBe(404);
  expect(await res.text()).not.toContain(buyerEmail);
  await orderUntouched(page);
});

test('H7: a sign-in link requested with callbackUrl=https://evil.example lands on the shop', async ({ browser, request }) => {
  const viaAuthJs = await request.get('/api/auth/signin?callbackUrl=https%3A%2F%2Fevil.example', { maxRedirects: 0 });
  expect(viaAuthJs.headers().location ?? '').not.toMatch(/^https?:\/\/evil\.example/);

  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/admin/sign-in?callbackUrl=https%3A%2F%2Fevil.example%2Fsteal');
  await requestLink(page, 'admin@example.com');
  await openNewestLink(page, 'admin@example.com');
  await expect(page).toHaveURL(/^http:\/\/localhost:\d+\/admin$/);
  await expect(page.getByTestId('admin-email')).toHaveText('admin@example.com');
  await context.close();
});

test('a sign-in link works once', async ({ browser }) => {
  const first = await browser.newContext();
  const page = await first.newPage();
  await page.goto('/admin/sign-in');
  await requestLink(page, 'admin@example.com');
  const link = await openNewestLink(page, 'admin@example.com');
  await expect(page).toHaveURL(/\/admin$/);
  await first.close();

  const second = await browser.newContext();
  const again = await second.newPage();
  await again.goto(link);
  await expect(again).toHaveURL(/\/admin\/sign-in\?error=Verification$/);
  await expect(again.getByTestId('sign-in-error')).toContainText('used already or has expired');
  await again.goto('/admin');
  await expect(again).toHaveURL(/\/admin\/sign-in\?callbackUrl=/);
  await second.close();
});

test('H6: signing out needs the CSRF token; a cross-site sign-out is refused', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page);
  const stillSignedIn = async () => (await context.request.get('/admin', { maxRedirects: 0 })).status() === 200;
  expect(await stillSignedIn()).toBe(true);

  // The library's endpoint without its CSRF token (what a cross-site form can send).
  await context.request.post('/api/auth/signout', { form: { callbackUrl: '/' }, maxRedirects: 0 });
  expect(await stillSignedIn()).toBe(true);
  // The sign-out action from another origin.
  const signOut = actionId('app/(shop)/admin/actions.ts', 'signOutAction');
  const crossSite = await callAction(context.request, '/admin', signOut.id, { Origin: 'https://evil.example' });
  expect(crossSite.status()).toBeGreaterThanOrEqual(400);
  expect(await stillSignedIn()).toBe(true);

  await page.goto('/admin');
  await page.getByTestId('sign-out-submit').click();
  await expect(page.getByTestId('signed-out')).toBeVisible();
  expect(await stillSignedIn()).toBe(false);
  await context.close();
});

test('H3, H5: a signed-in non-admin gets 403; removing a role denies the very next mutation', async ({ browser, page }) => {
  const staffEmail = `staff-${tag}@example.com`;
  await admin.goto('/admin/team');
  await admin.getByTestId('grant').getByTestId('field-email').fill(staffEmail);
  await admin.getByTestId('grant-submit').click();
  await expect(admin.getByTestId('admin-row').filter({ hasText: staffEmail })).toBeVisible();

  const staffContext = await browser.newContext();
  const staff = await staffContext.newPage();
  await signIn(staff, staffEmail, `/admin/orders/${orderId}`);
  await expect(staff).toHaveURL(new RegExp(`/admin/orders/${orderId}$`));
  await expect(staff.getByTestId('cancel-order')).toBeVisible();

  // The role goes while the staff member has the order open.
  await admin.goto('/admin/team');
  await admin.getByTestId('admin-row').filter({ hasText: staffEmail }).getByTestId('revoke-submit').click();
  await expect(admin.getByTestId('admin-row').filter({ hasText: staffEmail })).toHaveCount(0);

  await staff.getByTestId('cancel-order').getByTestId('field-reason').fill('Canceled after my role was removed');
  await staff.getByTestId('cancel-order-submit').click();
  await expect(staff.getByTestId('forbidden')).toBeVisible();
  await orderUntouched(page);

  // Everything else answers 403 to that session, however it is asked.
  for (const headers of BYPASS_HEADERS) {
    expect((await staffContext.request.get(`/admin/orders/${orderId}`, { headers, maxRedirects: 0 })).status()).toBe(403);
  }
  for (const [file, name] of ADMIN_ACTIONS) {
    const { id, pages } = actionId(file, name);
    expect((await callAction(staffContext.request, pageOf(pages[0]!), id)).status(), name).toBe(403);
  }
  const cancel = actionId('app/(shop)/admin/(console)/orders/[id]/actions.ts', 'cancelOrderAction');
  expect(
    (await postActionForm(staffContext.request, `/admin/orders/${orderId}`, cancel.id, { orderId, reason: 'Still trying' })).status(),
  ).toBe(404);
  expect((await staffContext.request.get('/admin/orders/export')).status()).toBe(403);
  await orderUntouched(page);
  await staffContext.close();
});

test('sign-in links are limited per email address @second-server', async ({ page }) => {
  test.skip(test.info().project.name !== 'second-server', 'needs the server with the default sign-in limits');
  const email = `limited-${tag}@example.com`;
  let refused = false;
  for (let attempt = 0; attempt < 6 && !refused; attempt++) {
    await page.goto('/admin/sign-in'); // a fresh form each time, so the message read is this attempt's
    await requestLink(page, email);
    refused = (await page.getByTestId('sign-in-form-message').textContent())?.includes('Too many sign-in links') ?? false;
  }
  expect(refused).toBe(true);
});
