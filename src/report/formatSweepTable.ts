import type { BenchResult } from '../run/runResult.js';
import type { Knee } from '../sweep/findKnees.js';
import { kneesOf } from '../sweep/sweepResult.js';
import { borderedTable, keyValueLines, reportStyle } from './reportStyle.js';
import { SWEEP_COLUMNS, SWEEP_DROPS_COLUMN, sweepRowCells } from './sweepRows.js';
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
    const cells = sweepRowCells(run, index);
    if (run.dropRatio > 0) cells[SWEEP_DROPS_COLUMN] = style.bad(cells[SWEEP_DROPS_COLUMN] ?? '');
    table.push(cells);
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
