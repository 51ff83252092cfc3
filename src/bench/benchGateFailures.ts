import type { BenchGate } from './benchOptions.js';
import { confirmWorse, worseRows } from './benchRerun.js';
import type { BenchComparison, BenchComparisonRow } from './compareBenchReports.js';
import { allowanceText, changeText } from './formatBenchComparison.js';

/** The bench's verdict per target (its own reading): null where the section did not run. */
export interface BenchTargetVerdicts {
  readonly speed: boolean | null;
  readonly scaling: boolean | null;
  readonly linear: boolean | null;
  readonly memory: boolean | null;
  readonly sweep: boolean | null;
}

const TARGET_NAMES: Readonly<Record<keyof BenchTargetVerdicts, string>> = {
  speed: 'speed',
  scaling: 'scaling',
  linear: 'linearity',
  memory: 'memory',
  sweep: 'sweep',
};

/** The gates asked for: `--fail-on` and, for `worse`, `--worse-by` (0.2 = 20%). */
export interface BenchGates {
  readonly failOn: readonly BenchGate[];
  readonly worseBy: number;
}

/**
 * Why the gates of `--fail-on` trip, one line each (none: the bench exits 0). `targets`: a target
 * that ran and failed (one not run trips nothing); `worse`: a measure beyond its noise allowance
 * and by `worseBy` at least the wrong way against the baseline and, when `again` (a second run's
 * comparison with the same baseline, see benchRerun.ts) is given, as much in it too. `verdicts` is
 * null for `--compare` (nothing ran); `comparison` null when there is no baseline (the options
 * check makes `worse` need one).
 */
export function benchGateFailures(
  { failOn, worseBy }: BenchGates,
  verdicts: BenchTargetVerdicts | null,
  comparison: BenchComparison | null,
  again: BenchComparison | null = null,
): string[] {
  const failures: string[] = [];
  if (failOn.includes('targets') && verdicts !== null) {
    for (const key of Object.keys(TARGET_NAMES) as (keyof BenchTargetVerdicts)[]) {
      if (verdicts[key] === false) failures.push(`targets: ${TARGET_NAMES[key]} FAIL (see its table above)`);
    }
  }
  if (failOn.includes('worse') && comparison !== null) {
    if (again === null) {
      for (const row of worseRows(comparison, worseBy)) failures.push(`worse: ${describeWorse(row)}`);
    } else {
      for (const { first, again: second } of confirmWorse(comparison, again, worseBy).confirmed) {
        failures.push(`worse: ${describeWorse(first)}, and ${changeText(second!)} on a second run`);
      }
    }
  }
  return failures;
}

/** A worse row: what, its change, which way is better and its allowance. */
export function describeWorse(row: BenchComparisonRow): string {
  return `${row.section} ${row.subject}, ${row.measure} ${changeText(row)} (${row.higherIsBetter ? 'higher' : 'lower'} is better; noise allowance ${allowanceText(row)})`;
}
