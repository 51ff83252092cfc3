import type { BenchResult } from '../run/runResult.js';
import type { ModeId } from '../scenario/scenarioConfig.js';
import { comparisonReport } from './comparisonReport.js';
import { reportStyle } from './reportStyle.js';
import { runReport } from './runReport.js';

export interface TableOptions {
  /** ANSI colour on or off; the CLI decides (TTY, NO_COLOR, --no-color), never this function. */
  readonly color: boolean;
  /** Mode the ratio column compares against when several modes ran (default paravirt). */
  readonly reference?: ModeId;
}

/** Human tables: the full report of a single run, or one row per mode for several runs. */
export function formatTable(result: BenchResult, options: TableOptions): string {
  const style = reportStyle(options.color);
  const [only, ...rest] = result.runs;
  if (!only) return 'no runs\n';
  if (rest.length === 0) return runReport(only, style);
  return comparisonReport(result.runs, style, options.reference);
}
