import type { RunResult } from '../run/runResult.js';
import { pointOf } from '../sweep/sweepResult.js';
import { formatDropRatio, formatFixed, formatSignificant } from './formatNumbers.js';
import { runLoadLabel } from './runNames.js';

/** Columns of a sweep's one-row-per-point table (table and Markdown formats). */
export const SWEEP_HEAD: readonly string[] = [
  '#',
  'mode',
  'VMs',
  'frame',
  'load',
  'dir',
  'Gbit/s',
  'Mpps',
  '% line',
  'drops',
  'p99 µs',
  'host cores',
];

/** The text columns of SWEEP_HEAD; every other column is right-aligned. */
export const SWEEP_TEXT_COLUMNS: ReadonlySet<string> = new Set(['mode', 'frame', 'load', 'dir']);

/** Index of the drops cell in a sweep row, for formats that highlight drops. */
export const SWEEP_DROPS_COLUMN = SWEEP_HEAD.indexOf('drops');

/** One sweep row: what varies at this point and its headline figures. */
export function sweepRowCells(run: RunResult, index: number): string[] {
  return [
    String(pointOf(run, index)),
    run.mode,
    String(run.vms),
    run.frameLabel,
    runLoadLabel(run),
    run.direction,
    formatSignificant(run.delivered.gbps),
    formatSignificant(run.delivered.mpps),
    `${formatFixed(run.delivered.lineRatePct, 1)}%`,
    formatDropRatio(run.dropRatio),
    formatSignificant(run.latencyUs.p99),
    formatFixed(run.cpu.hostCores, 2),
  ];
}
