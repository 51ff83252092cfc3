import type { BenchResult } from '../run/runResult.js';
import type { Knee } from '../sweep/findKnees.js';
import { kneesOf } from '../sweep/sweepResult.js';
import { borderedTable, keyValueLines, reportStyle } from './reportStyle.js';
import { DROPS_COLUMN } from './resultsTable.js';
import { SWEEP_COLUMNS } from './sweepRows.js';
import type { TableOptions } from './formatTable.js';

/**
 * The table of a sweep (or a merge): one row per point with what varies (mode, VMs, frame, load,
 * direction) and the headline figures, then the knee of each mode for sweeps over VM counts
 * (`knees`: by default those the result carries).
 */
export function formatSweepTable(
  result: BenchResult,
  options: TableOptions,
  knees: readonly Knee[] = kneesOf(result),
): string {
  const style = reportStyle(options.color);
  if (result.runs.length === 0) return 'no runs\n';
  const table = borderedTable(style, {
    head: SWEEP_COLUMNS.map((column) => column.heading),
    alignRight: SWEEP_COLUMNS.map((column) => column.numeric),
  });
  for (const [index, run] of result.runs.entries()) {
    table.push(
      SWEEP_COLUMNS.map((column) =>
        column === DROPS_COLUMN && run.dropRatio > 0
          ? style.bad(column.cell(run, index))
          : column.cell(run, index),
      ),
    );
  }
  const sections = [table.toString()];
  if (knees.length > 0) {
    const several = new Set(knees.map((knee) => knee.workload)).size > 1;
    sections.push(
      `${style.heading('knees')} ${style.dim(`(per-VM share < 90% or aggregate no longer growing)`)}\n${keyValueLines(
        style,
        knees.map((knee) => [
          several ? `${knee.mode} (${knee.workload})` : knee.mode,
          `${knee.kneeVms === null ? style.good('no knee') : style.warn(`knee at ${knee.kneeVms} VM${knee.kneeVms === 1 ? '' : 's'}`)}: ${knee.summary}`,
        ]),
      )}`,
    );
  }
  return `${sections.join('\n\n')}\n`;
}
