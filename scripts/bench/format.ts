// Numbers for people: medians, and units that read at a glance.

export function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function ms(value: number): string {
  return value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : `${Math.round(value)} ms`;
}

export function seconds(value: number): string {
  return `${(value / 1000).toFixed(2)} s`;
}

/** Decimal megabytes (as the spec's "400 MB"); small amounts in KB or bytes. */
export function bytes(value: number): string {
  if (value >= 1e6) return `${(value / 1e6).toFixed(2)} MB`;
  if (value >= 1e4) return `${(value / 1e3).toFixed(1)} KB`;
  return `${value} B`;
}

/** Memory in decimal megabytes, from the kilobytes (KiB) /proc and GNU time report. */
export function megabytes(kb: number): string {
  return `${((kb * 1024) / 1e6).toFixed(1)} MB`;
}

export function ratio(a: number, b: number): string {
  return `${(a / b).toFixed(2)}×`;
}

export function percent(value: number, digits = 1): string {
  return `${(value * 100).toFixed(digits)}%`;
}

export function signedPercent(value: number): string {
  return `${value >= 0 ? '+' : ''}${percent(value)}`;
}

export function count(n: number): string {
  return n.toLocaleString('en-US');
}

/** A GitHub-flavoured markdown table; cells may not contain '|', so it is escaped. */
export function markdownTable(header: string[], rows: string[][]): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const line = (cells: string[]) => `| ${cells.map(cell).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}
