import type { BenchComparison, BenchComparisonRow } from './compareBenchReports.js';

const HEADER = ['section', 'what', 'measure', 'before', 'after', 'change', 'verdict'] as const;

/**
 * A comparison as text: a line for what differed in the two runs' set-up, a table of every
 * measure (the verdict says "within ±N%" where the change is inside the noise allowance), and a
 * count of verdicts. Measures of the baseline that were not measured now (a run of some
 * `--sections` or `--modes` against a full one) are only counted, not listed. Plain text, as
 * bench:sim prints everything else.
 */
export function formatBenchComparison(comparison: BenchComparison): string[] {
  const lines: string[] = [];
  if (comparison.differences.length > 0) {
    lines.push(`the two runs were set up differently: ${comparison.differences.join('; ')}`);
  }
  const cells = comparison.rows
    .filter((row) => row.verdict !== 'gone')
    .map((row) => [
      row.section,
      row.subject,
      row.measure,
      formatValue(row.before),
      formatValue(row.after),
      changeText(row),
      verdictText(row),
    ]);
  const widths = HEADER.map((title, column) =>
    Math.max(title.length, ...cells.map((row) => row[column]!.length)),
  );
  // Text columns to the left, numbers to the right.
  const align = (row: readonly string[]): string =>
    row
      .map((cell, column) =>
        column >= 3 && column <= 5 ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!),
      )
      .join('  ')
      .trimEnd();
  lines.push(align(HEADER));
  for (const row of cells) lines.push(align(row));
  const { better, worse, same, new: added, gone } = comparison.counts;
  lines.push(
    `${better} better, ${worse} worse, ${same} within noise` +
      (added > 0 ? `, ${added} new` : '') +
      (gone > 0 ? `; ${gone} in the baseline only (not measured now)` : ''),
  );
  return lines;
}

function verdictText(row: BenchComparisonRow): string {
  switch (row.verdict) {
    case 'same':
      return `same (within ${allowanceText(row)})`;
    case 'new':
      return 'new (not in the baseline)';
    default:
      return row.verdict;
  }
}

/** Three significant figures or so: 0.072, 3.78, 15.0, 125. */
function formatValue(value: number | null): string {
  if (value === null) return '-';
  const magnitude = Math.abs(value);
  if (magnitude >= 100) return value.toFixed(0);
  if (magnitude >= 10) return value.toFixed(1);
  if (magnitude >= 1) return value.toFixed(2);
  return value.toFixed(3);
}

/** A row's change as a signed percentage (`+12.5%`), `-` where there is none. */
export function changeText(row: BenchComparisonRow): string {
  return row.change === null ? '-' : `${row.change >= 0 ? '+' : ''}${(row.change * 100).toFixed(1)}%`;
}

/** A row's noise allowance: `±5%`, and `or ±20` where a change in its own unit counts too. */
export function allowanceText(row: BenchComparisonRow): string {
  return `±${Math.round(row.allowance * 100)}%${row.absoluteAllowance === undefined ? '' : ` or ±${row.absoluteAllowance}`}`;
}
