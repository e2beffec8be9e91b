// CryptoCloud invoice ids: `INV-` + 8 upper-case alphanumerics. The API returns them with the
// prefix, postbacks carry them without it, and every endpoint accepts both spellings.

const SUFFIX = /^[A-Z0-9]{8}$/;

/** "inv-ab12cd34", "AB12CD34", "INV-AB12CD34" → "INV-AB12CD34"; anything else → null. */
export function normalizeInvoiceUuid(value: unknown): string | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const s = String(value).trim().toUpperCase();
  const suffix = s.startsWith('INV-') ? s.slice(4) : s;
  return SUFFIX.test(suffix) ? `INV-${suffix}` : null;
}

/** "INV-AB12CD34" → "AB12CD34" (the form used in pay links and postbacks). */
export function invoiceSuffix(uuid: string): string {
  return uuid.startsWith('INV-') ? uuid.slice(4) : uuid;
}
