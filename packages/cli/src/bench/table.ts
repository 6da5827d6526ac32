// Formats a benchmark's tables as plain text, aligned, for the terminal and the recorded file.

/** A table: the header row, then one row per line; numbers are already formatted. */
export interface Table {
  readonly columns: readonly string[];
  readonly rows: ReadonlyArray<readonly string[]>;
}

/**
 * Pads every column to its widest cell: the first column left-aligned, the others right-aligned.
 *
 * @example
 * formatTable({ columns: ['server', 'req/s'], rows: [['node:http', '80,123']] })
 * // 'server     req/s\nnode:http 80,123'
 */
export function formatTable(table: Table): string {
  const all = [table.columns, ...table.rows];
  const widths = table.columns.map((_, i) => Math.max(...all.map((row) => (row[i] ?? '').length)));
  return all
    .map((row) =>
      row
        .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/**
 * The middle value (the mean of the two middle ones for an even count); NaN for none. Benchmarks
 * report medians because one burst of load from elsewhere moves a mean but not the middle.
 *
 * @example
 * median([3, 1, 2]) // 2
 */
export function median(values: readonly number[]): number {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? Number.NaN)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/**
 * A rate with thousands separators.
 *
 * @example
 * formatRate(81234.5) // "81,235"
 */
export const formatRate = (value: number) =>
  Number.isNaN(value) ? '-' : Math.round(value).toLocaleString('en-US');

/**
 * Milliseconds, with two decimals below 10 ms.
 *
 * @example
 * formatMs(0.384) // "0.38 ms"
 * formatMs(12.43) // "12.4 ms"
 */
export const formatMs = (value: number) =>
  Number.isNaN(value) ? '-' : `${value < 10 ? value.toFixed(2) : value.toFixed(1)} ms`;
