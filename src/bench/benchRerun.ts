import { MODE_IDS, type ModeId } from '../scenario/scenarioConfig.js';
import { BENCH_SECTIONS } from './benchOptions.js';
import type { BenchComparison, BenchComparisonRow, BenchSection } from './compareBenchReports.js';

/**
 * A measure that came out worse than the baseline is measured once more before `--fail-on worse`
 * counts it: on this shared machine two full runs of one engine differ beyond the noise allowance
 * on 2–5 of their 92 measures (sixteenth and seventeenth rounds), each time others. The bench runs
 * itself again on what those rows need and a row trips the gate only if it is worse again (by
 * `--worse-by` as well); the same idea as measureCheck's second attempt, for the comparison.
 */

/** What a second run needs to measure to confirm `rows`: their sections, modes and frame sizes. */
export interface BenchRerunPlan {
  readonly sections: readonly BenchSection[];
  /** The modes the rows name; null where none does (reference, sweep): the first run's then. */
  readonly modes: readonly ModeId[] | null;
  /** The frame sizes the rows name (speed, scaling); null where none does: the first run's then. */
  readonly frames: readonly number[] | null;
}

/** The rows of a comparison that came out worse, by `minChange` at least (0.2 = 20%). */
export function worseRows(comparison: BenchComparison, minChange: number): BenchComparisonRow[] {
  return comparison.rows.filter(
    (row) => row.verdict === 'worse' && row.change !== null && Math.abs(row.change) >= minChange,
  );
}

/**
 * The second run for `rows` (the worse ones): their sections in the bench's order, and the modes
 * and frame sizes their subjects name ("vmq 1518 B", "vmq", "vmq 4096 VMs, 1 s").
 */
export function rerunPlan(rows: readonly BenchComparisonRow[]): BenchRerunPlan {
  const sections = new Set<BenchSection>();
  const modes = new Set<ModeId>();
  const frames = new Set<number>();
  for (const row of rows) {
    sections.add(row.section);
    const first = row.subject.split(' ')[0]!;
    if ((MODE_IDS as readonly string[]).includes(first)) modes.add(first as ModeId);
    const frame = /^\S+ (\d+) B$/.exec(row.subject);
    if (frame !== null && (row.section === 'speed' || row.section === 'scaling'))
      frames.add(Number(frame[1]));
  }
  return {
    sections: BENCH_SECTIONS.filter((section) => sections.has(section)),
    modes: modes.size === 0 ? null : MODE_IDS.filter((mode) => modes.has(mode)),
    frames: frames.size === 0 ? null : [...frames],
  };
}

/** A worse row of the first run, and the same measure in the second (undefined: not measured again). */
export interface RerunOutcome {
  readonly first: BenchComparisonRow;
  readonly again: BenchComparisonRow | undefined;
}

/**
 * The first run's rows worse by `minChange` at least, split by what the second run (compared with
 * the same baseline) found: worse by as much again (confirmed), or not.
 */
export function confirmWorse(
  first: BenchComparison,
  again: BenchComparison,
  minChange: number,
): { readonly confirmed: RerunOutcome[]; readonly unconfirmed: RerunOutcome[] } {
  const key = (row: BenchComparisonRow) => `${row.section}\u0000${row.subject}\u0000${row.measure}`;
  const secondRows = new Map(again.rows.map((row) => [key(row), row]));
  const confirmed: RerunOutcome[] = [];
  const unconfirmed: RerunOutcome[] = [];
  const stillWorse = new Set(worseRows(again, minChange).map(key));
  for (const row of worseRows(first, minChange)) {
    const outcome = { first: row, again: secondRows.get(key(row)) };
    (stillWorse.has(key(row)) ? confirmed : unconfirmed).push(outcome);
  }
  return { confirmed, unconfirmed };
}
