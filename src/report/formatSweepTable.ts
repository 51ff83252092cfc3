import type { BenchResult } from '../run/runResult.js';
import { kneesOf, pointOf } from '../sweep/sweepResult.js';
import { formatDropRatio, formatFixed, formatSignificant } from './formatNumbers.js';
import { reportStyle } from './reportStyle.js';
import { borderedTable, keyValueLines } from './reportStyle.js';
import { runLoadLabel } from './runNames.js';
import type { TableOptions } from './formatTable.js';

/**
 * The table of a sweep (or a merge): one row per point with what varies (mode, VMs, frame, load,
 * direction) and the headline figures, then the knee of each mode for sweeps over VM counts.
 */
export function formatSweepTable(result: BenchResult, options: TableOptions): string {
  const style = reportStyle(options.color);
  if (result.runs.length === 0) return 'no runs\n';
  const head = [
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
  const table = borderedTable(style, {
    head,
    alignRight: head.map((title) => !['mode', 'frame', 'load', 'dir'].includes(title)),
  });
  for (const [index, run] of result.runs.entries()) {
    table.push([
      String(pointOf(run, index)),
      run.mode,
      String(run.vms),
      run.frameLabel,
      runLoadLabel(run),
      run.direction,
      formatSignificant(run.delivered.gbps),
      formatSignificant(run.delivered.mpps),
      `${formatFixed(run.delivered.lineRatePct, 1)}%`,
      run.dropRatio > 0 ? style.bad(formatDropRatio(run.dropRatio)) : formatDropRatio(run.dropRatio),
      formatSignificant(run.latencyUs.p99),
      formatFixed(run.cpu.hostCores, 2),
    ]);
  }
  const sections = [table.toString()];
  const knees = kneesOf(result);
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
