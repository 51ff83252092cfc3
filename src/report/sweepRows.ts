import type { RunResult } from '../run/runResult.js';
import { pointOf } from '../sweep/sweepResult.js';
import { HEADLINE_COLUMNS } from './resultsTable.js';
import { runLoadLabel } from './runNames.js';

/** A column of a sweep's table: as a results-table column, with the row's index for the point number. */
export interface SweepColumn {
  readonly heading: string;
  readonly numeric: boolean;
  readonly cell: (run: RunResult, index: number) => string;
}

/**
 * Columns of a sweep's one-row-per-point table (table and Markdown formats): what varies at the
 * point, as the sweep names it, then the headline figures of the results table.
 */
export const SWEEP_COLUMNS: readonly SweepColumn[] = [
  { heading: '#', numeric: true, cell: (run, index) => String(pointOf(run, index)) },
  { heading: 'mode', numeric: false, cell: (run) => run.mode },
  { heading: 'VMs', numeric: true, cell: (run) => String(run.vms) },
  { heading: 'frame', numeric: false, cell: (run) => run.frameLabel },
  { heading: 'load', numeric: false, cell: runLoadLabel },
  { heading: 'dir', numeric: false, cell: (run) => run.direction },
  ...HEADLINE_COLUMNS,
];

/** One sweep row: what varies at this point and its headline figures. */
export function sweepRowCells(run: RunResult, index: number): string[] {
  return SWEEP_COLUMNS.map((column) => column.cell(run, index));
}
