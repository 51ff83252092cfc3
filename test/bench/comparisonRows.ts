import type { BenchComparison, BenchComparisonRow } from '../../src/bench/compareBenchReports.js';

/** A comparison row for tests: VMQ 1518 B's packets per CPU second, unchanged, unless overridden. */
export function comparisonRow(overrides: Partial<BenchComparisonRow>): BenchComparisonRow {
  return {
    section: 'speed',
    subject: 'vmq 1518 B',
    measure: 'Mpkt per CPU s',
    before: 3.7,
    after: 3.7,
    change: 0,
    higherIsBetter: true,
    allowance: 0.05,
    verdict: 'same',
    ...overrides,
  };
}

/** A comparison of `rows`, with their counts. */
export function comparisonOf(rows: BenchComparisonRow[]): BenchComparison {
  const counts = { better: 0, worse: 0, same: 0, new: 0, gone: 0 };
  for (const row of rows) counts[row.verdict]++;
  return { rows, differences: [], counts };
}
