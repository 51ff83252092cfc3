import type { BenchGate } from './benchOptions.js';
import type { BenchComparison } from './compareBenchReports.js';

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

/**
 * Why the gates of `--fail-on` trip, one line each (none: the bench exits 0). `targets`: a target
 * that ran and failed (one not run trips nothing); `worse`: a measure beyond its noise allowance
 * the wrong way against the baseline. `verdicts` is null for `--compare` (nothing ran);
 * `comparison` null when there is no baseline (the options check makes `worse` need one).
 */
export function benchGateFailures(
  failOn: readonly BenchGate[],
  verdicts: BenchTargetVerdicts | null,
  comparison: BenchComparison | null,
): string[] {
  const failures: string[] = [];
  if (failOn.includes('targets') && verdicts !== null) {
    for (const key of Object.keys(TARGET_NAMES) as (keyof BenchTargetVerdicts)[]) {
      if (verdicts[key] === false) failures.push(`targets: ${TARGET_NAMES[key]} FAIL (see its table above)`);
    }
  }
  if (failOn.includes('worse') && comparison !== null) {
    for (const row of comparison.rows) {
      if (row.verdict !== 'worse' || row.change === null) continue;
      const change = `${row.change >= 0 ? '+' : ''}${(row.change * 100).toFixed(1)}%`;
      failures.push(
        `worse: ${row.section} ${row.subject}, ${row.measure} ${change} (${row.higherIsBetter ? 'higher' : 'lower'} is better; noise allowance ±${Math.round(row.allowance * 100)}%${row.absoluteAllowance === undefined ? '' : ` or ±${row.absoluteAllowance}`})`,
      );
    }
  }
  return failures;
}
