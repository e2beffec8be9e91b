import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  bigserial,
  boolean,
  check,
  customType,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { ORDER_STATUSES, POSTBACK_VERDICTS, type OrderStatus, type PostbackVerdict } from '../lib/orders/types';

// The domain owns these (components and pages read them from lib/orders/types); re-exported for the data layer's callers.
export { ORDER_STATUSES, POSTBACK_VERDICTS, type OrderStatus, type PostbackVerdict };

// Money is integer minor units (bigint, read as a JS number: every value is checked to be a safe
// integer at the boundary) or exact decimals (numeric, read as strings). Never floats.
// Timestamps are `timestamptz` and always written in UTC.

const minor = (name: string) => bigint(name, { mode: 'number' });
const decimal = (name: string) => numeric(name, { precision: 38, scale: 18 });
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const createdAt = () => ts('created_at').notNull().defaultNow();
const updatedAt = () => ts('updated_at').notNull().defaultNow();

export const products = pgTable(
  'products',
  {
    id: serial('id').primaryKey(),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull(),
    image: text('image').notNull(),
    priceMinor: minor('price_minor').notNull(),
    currency: text('currency').notNull(),
    stock: integer('stock').notNull().default(0),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    ...productKindColumns(),
    ...productSearchColumns(),
  },
  (t) => [
    uniqueIndex('products_slug_key').on(t.slug),
    ...productSearchIndexes(t),
    check('products_price_nonnegative', sql`${t.priceMinor} >= 0`),
    check('products_stock_nonnegative', sql`${t.stock} >= 0`),
    ...productKindChecks(t),
  ],
);

export const carts = pgTable('carts', {
  id: uuid('id').primaryKey(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const cartItems = pgTable(
  'cart_items',
  {
    cartId: uuid('cart_id')
      .notNull()
      .references(() => carts.id, { onDelete: 'cascade' }),
    productId: integer('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    /** The chosen variant of a product with options; null for a product without options. */
    variantId: integer('variant_id').references(() => productVariants.id, { onDelete: 'cascade' }),
    quantity: integer('quantity').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // One line per product and variant; NULLS NOT DISTINCT so a product without options is one line too
    // (and `ON CONFLICT` on these columns merges repeated adds).
    unique('cart_items_line_key').on(t.cartId, t.productId, t.variantId).nullsNotDistinct(),
    check('cart_items_quantity_range', sql`${t.quantity} between 1 and 99`),
  ],
);

/**
 * A product's options (Size, Colour), in the order the picker shows them, each with its values in
 * order. A product without options has no rows here and sells as it always did.
 */
export const productOptions = pgTable(
  'product_options',
  {
    id: serial('id').primaryKey(),
    productId: integer('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    position: integer('position').notNull().default(0),
    values: jsonb('values').$type<string[]>().notNull(),
  },
  (t) => [uniqueIndex('product_options_product_name_key').on(t.productId, t.name)],
);

/**
 * One buyable combination of a product's option values, with its own SKU and stock and an optional
 * price (integer minor units; null: the product's price). A product's `stock` is the sum of its
 * variants' stock, kept so by a trigger (migration 0010), so listings and old code paths read one number.
 */
export const productVariants = pgTable(
  'product_variants',
  {
    id: serial('id').primaryKey(),
    productId: integer('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    sku: text('sku').notNull(),
    /** Option name → value, one entry per option of the product. */
    options: jsonb('options').$type<Record<string, string>>().notNull(),
    priceMinor: minor('price_minor'),
    stock: integer('stock').notNull().default(0),
    position: integer('position').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('product_variants_sku_key').on(t.sku),
    index('product_variants_product_idx').on(t.productId, t.position),
    check('product_variants_stock_nonnegative', sql`${t.stock} >= 0`),
    check('product_variants_price_nonnegative', sql`${t.priceMinor} is null or ${t.priceMinor} >= 0`),
  ],
);

/** A product's gallery after its main image (`products.image`), in order. */
export const productImages = pgTable(
  'product_images',
  {
    id: serial('id').primaryKey(),
    productId: integer('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    src: text('src').notNull(),
    alt: text('alt').notNull(),
    position: integer('position').notNull().default(0),
  },
  (t) => [index('product_images_product_idx').on(t.productId, t.position)],
);

export const orders = pgTable(
  'orders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Sequence number behind the order number buyers read out (lib/orders/order-number.ts). */
    number: bigserial('number', { mode: 'number' }).notNull(),
    /** The credential in order URLs: 256 random bits, base64url. */
    publicToken: text('public_token').notNull(),
    /** Idempotency key of the checkout form that created this order. */
    checkoutKey: text('checkout_key').notNull(),
    status: text('status').$type<OrderStatus>().notNull().default('pending'),
    currency: text('currency').notNull(),
    subtotalMinor: minor('subtotal_minor').notNull(),
    totalMinor: minor('total_minor').notNull(),
    email: text('email').notNull(),
    /** Set once when reserved stock goes back on the shelf; guards against releasing it twice. */
    stockReleasedAt: ts('stock_released_at'),
    paidAt: ts('paid_at'),
    lastReconciledAt: ts('last_reconciled_at'),
    /** Claim on creating an invoice, so concurrent submits create at most one. */
    invoiceRequestedAt: ts('invoice_requested_at'),
    /**
     * The buyer's language at checkout (a locale of i18n/routing.ts, checked there, not here: a new
     * language needs no migration). The invoice, the emails and the order's links use it.
     */
    locale: text('locale').notNull().default('en'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    ...orderShippingColumns(),
  },
  (t) => [
    uniqueIndex('orders_public_token_key').on(t.publicToken),
    uniqueIndex('orders_number_key').on(t.number),
    uniqueIndex('orders_checkout_key_key').on(t.checkoutKey),
    index('orders_status_idx').on(t.status),
    // Back office: keyset pages newest first (scanned backwards), overall and per status; email prefix
    // search; revenue by paid date.
    index('orders_created_idx').on(t.createdAt, t.id),
    index('orders_status_created_idx').on(t.status, t.createdAt, t.id),
    index('orders_email_search_idx').using('btree', sql`lower(${t.email}) text_pattern_ops`),
    index('orders_paid_at_idx')
      .on(t.paidAt)
      .where(sql`${t.paidAt} is not null`),
    check(
      'orders_status_valid',
      sql`${t.status} in ('pending','awaiting_payment','partially_paid','paid','expired','canceled','needs_review')`,
    ),
    check('orders_total_positive', sql`${t.totalMinor} > 0`),
    ...orderShippingChecks(t),
  ],
);

export const orderItems = pgTable(
  'order_items',
  {
    id: serial('id').primaryKey(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    productId: integer('product_id')
      .notNull()
      .references(() => products.id),
    name: text('name').notNull(),
    /** The variant bought, and its SKU and label ("Size: M") as they were at checkout. */
    variantId: integer('variant_id').references(() => productVariants.id, { onDelete: 'set null' }),
    sku: text('sku'),
    variantLabel: text('variant_label'),
    unitPriceMinor: minor('unit_price_minor').notNull(),
    quantity: integer('quantity').notNull(),
    lineTotalMinor: minor('line_total_minor').notNull(),
  },
  (t) => [index('order_items_order_idx').on(t.orderId), check('order_items_quantity_positive', sql`${t.quantity} > 0`)],
);

export const orderEvents = pgTable(
  'order_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    fromStatus: text('from_status').$type<OrderStatus>(),
    toStatus: text('to_status').$type<OrderStatus>().notNull(),
    cause: text('cause').notNull(),
    detail: jsonb('detail').$type<Record<string, unknown>>(),
    createdAt: createdAt(),
  },
  (t) => [index('order_events_order_idx').on(t.orderId, t.createdAt)],
);

/** One CryptoCloud invoice for an order (an order may get a new one after expiry). */
export const payments = pgTable(
  'payments',
  {
    id: serial('id').primaryKey(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    provider: text('provider').notNull().default('cryptocloud'),
    /** Always stored with the `INV-` prefix. */
    invoiceUuid: text('invoice_uuid').notNull(),
    link: text('link').notNull(),
    /** Gateway status as last confirmed: created | paid | partial | overpaid | canceled. */
    status: text('status').notNull().default('created'),
    amount: decimal('amount').notNull(),
    currency: text('currency').notNull(),
    amountPaidUsd: decimal('amount_paid_usd'),
    overpaidAmount: decimal('overpaid_amount'),
    toSurcharge: decimal('to_surcharge'),
    cryptoCurrency: text('crypto_currency'),
    testMode: boolean('test_mode'),
    expiresAt: ts('expires_at'),
    lastInfo: jsonb('last_info').$type<Record<string, unknown>>(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('payments_invoice_uuid_key').on(t.invoiceUuid), index('payments_order_idx').on(t.orderId)],
);

/**
 * Inbox of every postback whose token verified (unverified ones are only logged). One row per
 * distinct body: a byte-identical replay (same token, inside its 5 minutes) only counts itself.
 */
export const postbackEvents = pgTable(
  'postback_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    provider: text('provider').notNull().default('cryptocloud'),
    invoiceUuid: text('invoice_uuid').notNull(),
    /** sha256 of content type and raw body. */
    dedupeKey: text('dedupe_key').notNull(),
    contentType: text('content_type').notNull(),
    rawBody: text('raw_body').notNull(),
    verdict: text('verdict').$type<PostbackVerdict>().notNull(),
    detail: text('detail'),
    orderId: uuid('order_id').references(() => orders.id, { onDelete: 'set null' }),
    receivedAt: ts('received_at').notNull().defaultNow(),
    repeatCount: integer('repeat_count').notNull().default(1),
    lastReceivedAt: ts('last_received_at').notNull().defaultNow(),
    processedAt: ts('processed_at'),
  },
  (t) => [
    uniqueIndex('postback_events_dedupe_key').on(t.dedupeKey),
    index('postback_events_invoice_idx').on(t.invoiceUuid),
    index('postback_events_verdict_idx').on(t.verdict),
  ],
);

/**
 * Invoices the gateway described in a way we refuse to act on: a status it does not document (an
 * invented "expired"), or a shape we cannot read. Kept with the raw JSON for the merchant; the order
 * is left as it was and the reconciler keeps asking. One row per invoice and reason (per raw item
 * when it names no invoice), counting how often it was seen.
 */
export const unreadableInvoices = pgTable(
  'unreadable_invoices',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    provider: text('provider').notNull().default('cryptocloud'),
    /** With the `INV-` prefix; null when the item names no invoice we can read. */
    invoiceUuid: text('invoice_uuid'),
    /** The item's `status` text as sent, when it is text. */
    gatewayStatus: text('gateway_status'),
    reason: text('reason').notNull(),
    /** The latest such item, exactly as received. */
    raw: jsonb('raw').notNull(),
    /** sha256 of invoice and reason, or of the raw item when it names no invoice. */
    dedupeKey: text('dedupe_key').notNull(),
    seenCount: integer('seen_count').notNull().default(1),
    firstSeenAt: ts('first_seen_at').notNull().defaultNow(),
    lastSeenAt: ts('last_seen_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('unreadable_invoices_dedupe_key').on(t.dedupeKey), index('unreadable_invoices_invoice_idx').on(t.invoiceUuid)],
);

/** Fixed-window request counters (checkout attempts per client address). */
export const rateLimits = pgTable(
  'rate_limits',
  {
    key: text('key').notNull(),
    windowStart: ts('window_start').notNull(),
    hits: integer('hits').notNull().default(1),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart] }), index('rate_limits_window_idx').on(t.windowStart)],
);

// ---- Built-in CryptoCloud sandbox (used only while no real API key is configured) ----

/**
 * The sandbox's credentials where the published defaults must not work (a deployment, or
 * CRYPTOCLOUD_SANDBOX=on): generated once per installation, one row, shared by every instance.
 */
export const sandboxCredentials = pgTable(
  'sandbox_credentials',
  {
    id: integer('id').primaryKey(),
    apiKey: text('api_key').notNull(),
    shopId: text('shop_id').notNull(),
    secretKey: text('secret_key').notNull(),
    createdAt: createdAt(),
  },
  (t) => [check('sandbox_credentials_single_row', sql`${t.id} = 1`)],
);

export const sandboxInvoices = pgTable(
  'sandbox_invoices',
  {
    /** `INV-` + 8 upper-case alphanumerics, as the real API issues them. */
    uuid: text('uuid').primaryKey(),
    shopId: text('shop_id').notNull(),
    orderId: text('order_id'),
    email: text('email'),
    status: text('status').notNull().default('created'),
    invoiceStatus: text('invoice_status').notNull().default('start'),
    /** Fiat amount and currency as requested. */
    amountFiat: decimal('amount_fiat').notNull(),
    fiatCurrency: text('fiat_currency').notNull(),
    amountUsd: decimal('amount_usd').notNull(),
    /** Selected crypto (full code) and what is due in it, fees included. */
    cryptoCurrency: text('crypto_currency').notNull(),
    availableCurrencies: jsonb('available_currencies').$type<string[]>(),
    cryptoPreselected: boolean('crypto_preselected').notNull().default(false),
    amountCrypto: decimal('amount_crypto').notNull(),
    fee: decimal('fee').notNull(),
    feeUsd: decimal('fee_usd').notNull(),
    serviceFee: decimal('service_fee').notNull(),
    serviceFeeUsd: decimal('service_fee_usd').notNull(),
    amountToPay: decimal('amount_to_pay').notNull(),
    amountToPayUsd: decimal('amount_to_pay_usd').notNull(),
    amountPaid: decimal('amount_paid').notNull().default('0'),
    amountPaidUsd: decimal('amount_paid_usd').notNull().default('0'),
    address: text('address').notNull(),
    txList: jsonb('tx_list')
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    locale: text('locale'),
    addFields: jsonb('add_fields').$type<Record<string, unknown>>(),
    testMode: boolean('test_mode').notNull().default(true),
    createdAt: createdAt(),
    expiresAt: ts('expires_at').notNull(),
    finishedAt: ts('finished_at'),
  },
  (t) => [
    index('sandbox_invoices_created_idx').on(t.createdAt),
    // Expiry runs before every read: find the open invoices that are due without a full scan.
    index('sandbox_invoices_open_expiry_idx')
      .on(t.expiresAt)
      .where(sql`${t.status} in ('created', 'partial')`),
  ],
);

/** Every delivery attempt of a sandbox postback, shown on the sandbox pay page. */
export const sandboxPostbacks = pgTable(
  'sandbox_postbacks',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    invoiceUuid: text('invoice_uuid')
      .notNull()
      .references(() => sandboxInvoices.uuid, { onDelete: 'cascade' }),
    url: text('url').notNull(),
    format: text('format').notNull(),
    attempt: integer('attempt').notNull(),
    invoiceStatus: text('invoice_status').notNull(),
    responseStatus: integer('response_status'),
    responseBody: text('response_body'),
    error: text('error'),
    createdAt: createdAt(),
  },
  (t) => [index('sandbox_postbacks_invoice_idx').on(t.invoiceUuid, t.createdAt)],
);

// ---- Merchant back office: Auth.js tables, roles, mail outbox, admin records ----

/** Back-office roles. Only `admin` opens /admin; `none` is a signed-in user without access. */
export const USER_ROLES = ['admin', 'none'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** Auth.js users (drizzle adapter shape) plus the role, which is re-read on every admin request. */
export const users = pgTable(
  'auth_users',
  {
    id: text('id')
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    name: text('name'),
    /** Always lower case (see lib/auth). */
    email: text('email').unique(),
    emailVerified: ts('email_verified'),
    image: text('image'),
    role: text('role').$type<UserRole>().notNull().default('none'),
    createdAt: createdAt(),
  },
  (t) => [check('auth_users_role_valid', sql`${t.role} in ('admin','none')`)],
);

export const accounts = pgTable(
  'auth_accounts',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    type: text('type').$type<'email' | 'oauth' | 'oidc' | 'webauthn'>().notNull(),
    provider: text('provider').notNull(),
    providerAccountId: text('provider_account_id').notNull(),
    refresh_token: text('refresh_token'),
    access_token: text('access_token'),
    expires_at: integer('expires_at'),
    token_type: text('token_type'),
    scope: text('scope'),
    id_token: text('id_token'),
    session_state: text('session_state'),
  },
  (t) => [primaryKey({ columns: [t.provider, t.providerAccountId] }), index('auth_accounts_user_idx').on(t.userId)],
);

/** Database sessions: deleting a row signs that browser out at once. */
export const sessions = pgTable(
  'auth_sessions',
  {
    sessionToken: text('session_token').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expires: ts('expires').notNull(),
  },
  (t) => [index('auth_sessions_user_idx').on(t.userId)],
);

/** Sign-in link tokens (stored hashed by Auth.js); a row is deleted when its link is used. */
export const verificationTokens = pgTable(
  'auth_verification_tokens',
  {
    identifier: text('identifier').notNull(),
    token: text('token').notNull(),
    expires: ts('expires').notNull(),
  },
  (t) => [primaryKey({ columns: [t.identifier, t.token] })],
);

/** Secrets the app generates for itself when none is configured (outside production only). */
export const appSecrets = pgTable('app_secrets', {
  name: text('name').primaryKey(),
  value: text('value').notNull(),
  createdAt: createdAt(),
});

export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'failed'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/**
 * Every email the shop sends, stored before it is sent (in the caller's transaction when there is
 * one) and delivered once by whoever claims it (see lib/mail). Without a mail server outside
 * production, this table is the development mailbox. An order's email is queued unrendered (kind,
 * order, dedupe key: no recipient, subject or bodies) inside the payment's transaction and rendered
 * by the sender that claims it, from the committed order; the rendered message is then kept.
 */
export const outbox = pgTable(
  'outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    kind: text('kind').notNull(),
    /** Optional idempotency key: queueing the same key twice stores one message. */
    dedupeKey: text('dedupe_key'),
    /** Null until an unrendered order email is rendered at delivery (as are subject and bodies). */
    toAddress: text('to_address'),
    fromAddress: text('from_address').notNull(),
    subject: text('subject'),
    html: text('html'),
    text: text('text'),
    /** Holds a credential (a sign-in link): the body is blanked once a real transport delivered it. */
    sensitive: boolean('sensitive').notNull().default(false),
    status: text('status').$type<OutboxStatus>().notNull().default('pending'),
    transport: text('transport'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: ts('next_attempt_at').notNull().defaultNow(),
    claimedAt: ts('claimed_at'),
    sentAt: ts('sent_at'),
    lastError: text('last_error'),
    createdAt: createdAt(),
    ...outboxOrderColumn(),
  },
  (t) => [
    uniqueIndex('outbox_dedupe_key').on(t.dedupeKey),
    index('outbox_order_idx')
      .on(t.orderId)
      .where(sql`${t.orderId} is not null`),
    index('outbox_due_idx')
      .on(t.nextAttemptAt)
      .where(sql`${t.status} in ('pending', 'sending')`),
    check('outbox_status_valid', sql`${t.status} in ('pending','sending','sent','failed')`),
    // Rendered (all four set) or not yet (none set: an order's email, rendered at delivery).
    check(
      'outbox_rendered_whole',
      sql`(${t.toAddress} is not null and ${t.subject} is not null and ${t.html} is not null and ${t.text} is not null) or (${t.toAddress} is null and ${t.subject} is null and ${t.html} is null and ${t.text} is null)`,
    ),
  ],
);

/** Who changed what in the back office, outside an order's own event timeline (products, roles). */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    actorId: text('actor_id').references(() => users.id, { onDelete: 'set null' }),
    actorEmail: text('actor_email').notNull(),
    action: text('action').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id').notNull(),
    detail: jsonb('detail').$type<Record<string, unknown>>(),
    createdAt: createdAt(),
  },
  (t) => [index('audit_log_subject_idx').on(t.subjectType, t.subjectId, t.createdAt)],
);

/** A paid order the merchant has sent out; the note and tracking reference are shown to the buyer. */
export const orderFulfilments = pgTable('order_fulfilments', {
  orderId: uuid('order_id')
    .primaryKey()
    .references(() => orders.id, { onDelete: 'cascade' }),
  note: text('note'),
  trackingRef: text('tracking_ref'),
  fulfilledBy: text('fulfilled_by').notNull(),
  createdAt: createdAt(),
});

/** Money the merchant owes back (it came in for a canceled order or a second invoice). A record, not a status. */
export const orderRefunds = pgTable(
  'order_refunds',
  {
    id: serial('id').primaryKey(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    invoiceUuid: text('invoice_uuid'),
    /** Exact decimal in `currency` (a fiat code or a crypto code such as USDT_TRC20). */
    amount: decimal('amount').notNull(),
    currency: text('currency').notNull(),
    reason: text('reason').notNull(),
    flaggedBy: text('flagged_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('order_refunds_order_idx').on(t.orderId), check('order_refunds_amount_positive', sql`${t.amount} > 0`)],
);

// ---- After payment: product kinds, digital delivery, the buyer's emails ----
// (functions, so the tables above can spread their columns before this block is evaluated)

export const PRODUCT_KINDS = ['physical', 'digital'] as const;
export type ProductKind = (typeof PRODUCT_KINDS)[number];
/** What a digital product delivers once paid: a file from storage, or a key from its pool. */
export const DELIVERABLES = ['file', 'license_key'] as const;
export type Deliverable = (typeof DELIVERABLES)[number];

function productKindColumns() {
  return {
    kind: text('kind').$type<ProductKind>().notNull().default('physical'),
    /** Digital products only. */
    deliverable: text('deliverable').$type<Deliverable>(),
    /** Storage key of the delivered file (deliverable `file`), e.g. `field-guide.pdf`. */
    fileKey: text('file_key'),
    /** The name the buyer's download is saved under. */
    fileName: text('file_name'),
  };
}

function productKindChecks(t: { kind: AnyPgColumn; deliverable: AnyPgColumn; fileKey: AnyPgColumn; fileName: AnyPgColumn }) {
  return [
    check('products_kind_valid', sql`${t.kind} in ('physical','digital')`),
    check(
      'products_deliverable_valid',
      sql`(${t.kind} = 'physical' and ${t.deliverable} is null) or (${t.kind} = 'digital' and ${t.deliverable} in ('file','license_key'))`,
    ),
    check('products_file_named', sql`${t.deliverable} is distinct from 'file' or (${t.fileKey} is not null and ${t.fileName} is not null)`),
  ];
}

function outboxOrderColumn() {
  return {
    /** The order a buyer's email is about: the back office lists them on the order. */
    orderId: uuid('order_id').references(() => orders.id, { onDelete: 'set null' }),
  };
}

/**
 * Keys the merchant uploads for a `license_key` product. A key belongs to at most one order, ever:
 * it is taken with a conditional UPDATE (`order_id is null`, rows locked, skipping rows another
 * payment holds) when its order becomes paid.
 */
export const licenseKeys = pgTable(
  'license_keys',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    productId: integer('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    orderId: uuid('order_id').references(() => orders.id, { onDelete: 'restrict' }),
    assignedAt: ts('assigned_at'),
    uploadedBy: text('uploaded_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('license_keys_product_key').on(t.productId, t.key),
    index('license_keys_free_idx')
      .on(t.productId, t.id)
      .where(sql`${t.orderId} is null`),
    index('license_keys_order_idx')
      .on(t.orderId)
      .where(sql`${t.orderId} is not null`),
    check('license_keys_assigned_together', sql`(${t.orderId} is null) = (${t.assignedAt} is null)`),
  ],
);

/**
 * A paid order's right to download one file: created when the order becomes paid, counted on each
 * download (never past `max_downloads`). File key and name are a snapshot taken at payment.
 */
export const downloadGrants = pgTable(
  'download_grants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    productId: integer('product_id')
      .notNull()
      .references(() => products.id),
    fileKey: text('file_key').notNull(),
    fileName: text('file_name').notNull(),
    maxDownloads: integer('max_downloads').notNull(),
    downloadCount: integer('download_count').notNull().default(0),
    lastDownloadedAt: ts('last_downloaded_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('download_grants_order_product').on(t.orderId, t.productId),
    check('download_grants_count_range', sql`${t.downloadCount} between 0 and ${t.maxDownloads}`),
  ],
);

// ---- Shipping: options the merchant edits, and the order's address and shipping line ----

/** A shipping address as the buyer typed it (validated), kept on the order as a snapshot. */
export interface ShippingAddress {
  name: string;
  line1: string;
  line2: string | null;
  city: string;
  postalCode: string;
  region: string | null;
  /** ISO 3166-1 alpha-2. */
  country: string;
}

function orderShippingColumns() {
  return {
    /** Null for orders with nothing to ship. */
    shippingAddress: jsonb('shipping_address').$type<ShippingAddress>(),
    shippingOptionId: integer('shipping_option_id').references(() => shippingOptions.id, { onDelete: 'set null' }),
    /** The option's name and price as they were at checkout. */
    shippingName: text('shipping_name'),
    shippingMinor: minor('shipping_minor').notNull().default(0),
  };
}

function orderShippingChecks(t: { totalMinor: AnyPgColumn; subtotalMinor: AnyPgColumn; shippingMinor: AnyPgColumn }) {
  return [
    check('orders_shipping_nonnegative', sql`${t.shippingMinor} >= 0`),
    check('orders_total_adds_up', sql`${t.totalMinor} = ${t.subtotalMinor} + ${t.shippingMinor}`),
  ];
}

/**
 * The ways the shop ships, edited in the back office: where (ISO country codes, or `*` for
 * everywhere), a flat price in minor units, and free shipping from a subtotal on.
 */
export const shippingOptions = pgTable(
  'shipping_options',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    countries: jsonb('countries').$type<string[]>().notNull(),
    priceMinor: minor('price_minor').notNull(),
    currency: text('currency').notNull(),
    /** Free when the order's subtotal reaches this; null: never free. */
    freeAboveMinor: minor('free_above_minor'),
    active: boolean('active').notNull().default(true),
    sortOrder: integer('sort_order').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('shipping_options_price_nonnegative', sql`${t.priceMinor} >= 0`),
    check('shipping_options_free_above_nonnegative', sql`${t.freeAboveMinor} is null or ${t.freeAboveMinor} >= 0`),
  ],
);

/**
 * A product's name and description in another language than the default (whose text stays in
 * `products`). A missing row, or a null description, falls back to the default language.
 */
export const productTranslations = pgTable(
  'product_translations',
  {
    productId: integer('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    locale: text('locale').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.productId, t.locale] })],
);

/** A shipping option's name in another language; a missing row falls back to `shipping_options.name`. */
export const shippingOptionTranslations = pgTable(
  'shipping_option_translations',
  {
    shippingOptionId: integer('shipping_option_id')
      .notNull()
      .references(() => shippingOptions.id, { onDelete: 'cascade' }),
    locale: text('locale').notNull(),
    name: text('name').notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.shippingOptionId, t.locale] })],
);

// ---- Catalog browsing: collections and full-text search ----

function productSearchColumns() {
  // Inside the function: the products table above calls this before a module-level const would exist.
  const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });
  return {
    /**
     * What /search matches, kept by the database itself. Name (weight A) and description (B), each
     * twice: stemmed English lexemes match whole words in any form ("hoodies" finds "hoodie"),
     * unstemmed ones ('simple') match what a buyer has typed so far as a prefix ("runn" finds "runner").
     */
    searchVector: tsvector('search_vector').generatedAlwaysAs(
      sql`setweight(to_tsvector('english', "name"), 'A') || setweight(to_tsvector('simple', "name"), 'A') || setweight(to_tsvector('english', "description"), 'B') || setweight(to_tsvector('simple', "description"), 'B')`,
    ),
  };
}

function productSearchIndexes(t: { searchVector: AnyPgColumn }) {
  return [index('products_search_idx').using('gin', t.searchVector)];
}

/** A category the storefront's menu lists, in `position` order; a product may be in several. */
export const collections = pgTable(
  'collections',
  {
    id: serial('id').primaryKey(),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    position: integer('position').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('collections_slug_key').on(t.slug), index('collections_position_idx').on(t.position, t.id)],
);

/** Which products a collection holds, and in which order ("Featured" on its page). */
export const productCollections = pgTable(
  'product_collections',
  {
    collectionId: integer('collection_id')
      .notNull()
      .references(() => collections.id, { onDelete: 'cascade' }),
    productId: integer('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'cascade' }),
    position: integer('position').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.collectionId, t.productId] }), index('product_collections_product_idx').on(t.productId)],
);

/** A collection's name and description in another language; missing ones fall back to `collections`. */
export const collectionTranslations = pgTable(
  'collection_translations',
  {
    collectionId: integer('collection_id')
      .notNull()
      .references(() => collections.id, { onDelete: 'cascade' }),
    locale: text('locale').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.collectionId, t.locale] })],
);
