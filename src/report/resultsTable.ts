import type { RunResult } from '../run/runResult.js';
import { frameSizeText } from '../workload/frameMix.js';
import { loadLabel } from '../workload/offeredLoad.js';
import { formatCount, formatDropRatio, formatFixed, formatSignificant } from './formatNumbers.js';
import { MODE_SHORT_LABELS } from './runSeries.js';

/** One column of the results table: heading, cell text, and whether it is a number (right-aligned). */
export interface ResultColumn {
  readonly heading: string;
  readonly numeric: boolean;
  readonly cell: (run: RunResult) => string;
}

/**
 * The results table of a report, one row per run: the same columns in the HTML page and in the
 * terminal. Text only; the caller lays it out.
 */
export const RESULT_COLUMNS: readonly ResultColumn[] = [
  { heading: 'mode', numeric: false, cell: (run) => MODE_SHORT_LABELS[run.mode] },
  { heading: 'VMs', numeric: true, cell: (run) => formatCount(run.vms) },
  { heading: 'frame', numeric: false, cell: (run) => frameSizeText(run.frameLabel) },
  { heading: 'dir', numeric: false, cell: (run) => run.direction },
  { heading: 'load', numeric: false, cell: (run) => loadLabel(run.scenario.workload.load) },
  { heading: 'offered Gbit/s', numeric: true, cell: (run) => formatSignificant(run.offered.gbps) },
  { heading: 'Gbit/s', numeric: true, cell: (run) => formatSignificant(run.delivered.gbps) },
  { heading: 'Mpps', numeric: true, cell: (run) => formatSignificant(run.delivered.mpps) },
  { heading: '% line', numeric: true, cell: (run) => `${formatFixed(run.delivered.lineRatePct, 1)}%` },
  { heading: 'drops', numeric: true, cell: (run) => formatDropRatio(run.dropRatio) },
  { heading: 'p50 µs', numeric: true, cell: (run) => formatSignificant(run.latencyUs.p50) },
  { heading: 'p99 µs', numeric: true, cell: (run) => formatSignificant(run.latencyUs.p99) },
  { heading: 'p99.9 µs', numeric: true, cell: (run) => formatSignificant(run.latencyUs.p999) },
  { heading: 'host cores', numeric: true, cell: (run) => formatFixed(run.cpu.hostCores, 2) },
  { heading: 'guest cores', numeric: true, cell: (run) => formatFixed(run.cpu.guestCores, 2) },
  { heading: 'host cyc/pkt', numeric: true, cell: (run) => formatCount(run.cpu.hostCyclesPerPacket) },
  { heading: 'bottleneck', numeric: false, cell: (run) => run.bottleneck },
];

/** Columns worth showing for these runs: direction and load only when they differ between runs. */
export function resultColumnsFor(runs: readonly RunResult[]): readonly ResultColumn[] {
  return RESULT_COLUMNS.filter(
    (column) => !['dir', 'load', 'frame'].includes(column.heading) || new Set(runs.map(column.cell)).size > 1,
  );
}
