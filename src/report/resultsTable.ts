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

const GBPS_COLUMN: ResultColumn = {
  heading: 'Gbit/s',
  numeric: true,
  cell: (run) => formatSignificant(run.delivered.gbps),
};
const MPPS_COLUMN: ResultColumn = {
  heading: 'Mpps',
  numeric: true,
  cell: (run) => formatSignificant(run.delivered.mpps),
};
const LINE_RATE_COLUMN: ResultColumn = {
  heading: '% line',
  numeric: true,
  cell: (run) => `${formatFixed(run.delivered.lineRatePct, 1)}%`,
};
export const DROPS_COLUMN: ResultColumn = {
  heading: 'drops',
  numeric: true,
  cell: (run) => formatDropRatio(run.dropRatio),
};
const P99_COLUMN: ResultColumn = {
  heading: 'p99 µs',
  numeric: true,
  cell: (run) => formatSignificant(run.latencyUs.p99),
};
const HOST_CORES_COLUMN: ResultColumn = {
  heading: 'host cores',
  numeric: true,
  cell: (run) => formatFixed(run.cpu.hostCores, 2),
};

/** Headline figures, in this order: shared by a sweep's table and the comparison table. */
export const HEADLINE_COLUMNS: readonly ResultColumn[] = [
  GBPS_COLUMN,
  MPPS_COLUMN,
  LINE_RATE_COLUMN,
  DROPS_COLUMN,
  P99_COLUMN,
  HOST_CORES_COLUMN,
];

export const GUEST_CORES_COLUMN: ResultColumn = {
  heading: 'guest cores',
  numeric: true,
  cell: (run) => formatFixed(run.cpu.guestCores, 2),
};
export const HOST_CYCLES_COLUMN: ResultColumn = {
  heading: 'host cyc/pkt',
  numeric: true,
  cell: (run) => formatCount(run.cpu.hostCyclesPerPacket),
};

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
  GBPS_COLUMN,
  MPPS_COLUMN,
  LINE_RATE_COLUMN,
  DROPS_COLUMN,
  { heading: 'p50 µs', numeric: true, cell: (run) => formatSignificant(run.latencyUs.p50) },
  P99_COLUMN,
  { heading: 'p99.9 µs', numeric: true, cell: (run) => formatSignificant(run.latencyUs.p999) },
  HOST_CORES_COLUMN,
  GUEST_CORES_COLUMN,
  HOST_CYCLES_COLUMN,
  { heading: 'bottleneck', numeric: false, cell: (run) => run.bottleneck },
];

/** Columns worth showing for these runs: direction and load only when they differ between runs. */
export function resultColumnsFor(runs: readonly RunResult[]): readonly ResultColumn[] {
  return RESULT_COLUMNS.filter(
    (column) => !['dir', 'load', 'frame'].includes(column.heading) || new Set(runs.map(column.cell)).size > 1,
  );
}
