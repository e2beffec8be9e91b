/** A UTC timestamp, the way every back-office page shows time. */
export function Timestamp({ date, withSeconds = false }: { date: Date; withSeconds?: boolean }) {
  const iso = date.toISOString();
  return <time dateTime={iso}>{iso.slice(0, withSeconds ? 19 : 16).replace('T', ' ')} UTC</time>;
}
