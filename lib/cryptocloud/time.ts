// CryptoCloud timestamps are UTC without a zone: "2023-01-02 12:00:00.000000" or "2023-01-02 12:00:00".

const PATTERN = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?$/;

/** Parse either CryptoCloud timestamp form as UTC; null when it is neither. */
export function parseCcTimestamp(value: string): Date | null {
  const m = PATTERN.exec(value.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac = '0'] = m;
  const ms = Math.floor(Number(frac.padEnd(6, '0')) / 1000);
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms));
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Format as the API does: "YYYY-MM-DD HH:MM:SS.ffffff" in UTC. */
export function formatCcTimestamp(date: Date): string {
  const iso = date.toISOString(); // 2026-01-27T09:03:58.958Z
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}.${iso.slice(20, 23)}000`;
}
