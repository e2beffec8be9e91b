// Rounds, summaries and the results table.
export interface Spread {
  min: number;
  median: number;
  max: number;
}

export function spread(values: number[]): Spread {
  const s = [...values].sort((a, b) => a - b);
  if (s.length === 0) return { min: NaN, median: NaN, max: NaN };
  const mid = Math.floor(s.length / 2);
  const median = s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
  return { min: s[0]!, median, max: s.at(-1)! };
}

export interface Figure {
  item: string;
  figure: string;
  unit: string;
  value: Spread;
  baseline: Spread | null;
  baselineName: string | null;
  /** value.median ÷ baseline.median (or a derived figure's own ratio). */
  ratio: number | null;
  goal: string;
  pass: boolean | null;
  note?: string;
}

const figures: Figure[] = [];
export const allFigures = () => figures;

export function record(f: Omit<Figure, 'ratio'> & { ratio?: number | null }): Figure {
  const ratio = f.ratio !== undefined ? f.ratio : f.baseline ? f.value.median / f.baseline.median : null;
  const full = { ...f, ratio };
  figures.push(full);
  const b = f.baseline ? ` vs ${fmtSpread(f.baseline)} (${f.baselineName})` : '';
  const verdict = f.pass === null ? 'info' : f.pass ? 'PASS' : 'FAIL';
  console.log(
    `  [${verdict}] ${f.figure}: ${fmtSpread(f.value)} ${f.unit}${b}${ratio !== null ? `, ratio ${ratio.toFixed(2)}` : ''}; goal ${f.goal}`,
  );
  return full;
}

export function fmt(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const a = Math.abs(n);
  return a >= 100 ? n.toFixed(0) : a >= 10 ? n.toFixed(1) : n.toFixed(2);
}

export const fmtSpread = (s: Spread) => `${fmt(s.median)} [${fmt(s.min)}–${fmt(s.max)}]`;

export function printTable(list: Figure[]): void {
  const header = ['item', 'figure', 'median [min–max]', 'baseline median [min–max]', 'ratio', 'goal', 'result'];
  const rows = list.map((f) => [
    f.item,
    `${f.figure} (${f.unit})`,
    fmtSpread(f.value),
    f.baseline ? `${fmtSpread(f.baseline)} ${f.baselineName}` : '—',
    f.ratio === null ? '—' : `${f.ratio.toFixed(2)}×`,
    f.goal,
    f.pass === null ? 'info' : f.pass ? 'pass' : 'FAIL',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const r of rows) console.log(line(r));
}

/** A/B rounds, alternating which goes first so drift (a build starting next door) hits both alike. */
export async function interleaved<A, B>(rounds: number, a: (round: number) => Promise<A>, b: (round: number) => Promise<B>) {
  const as: A[] = [];
  const bs: B[] = [];
  for (let r = 0; r < rounds; r++) {
    if (r % 2 === 0) {
      as.push(await a(r));
      bs.push(await b(r));
    } else {
      bs.push(await b(r));
      as.push(await a(r));
    }
  }
  return { a: as, b: bs };
}
