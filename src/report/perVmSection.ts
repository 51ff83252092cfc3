import type { PerVmResult } from '../run/runResult.js';
import { formatCount, formatDropRatio, formatSignificant } from './formatNumbers.js';
import { borderedTable, keyValueLines, type ReportStyle } from './reportStyle.js';

/** Up to this many VMs are listed one row each; above it the section is a summary. */
export const PER_VM_ROW_LIMIT = 16;

const PATH_LABELS: Readonly<Record<PerVmResult['path'], string>> = {
  dedicated: 'dedicated',
  softwareSwitch: 'software switch',
  native: 'native',
};

/** The per-VM section: one row per VM for small runs, else min/median/max and the worst VM. */
export function perVmSection(perVm: readonly PerVmResult[], style: ReportStyle): string {
  if (perVm.length === 0) return '';
  if (perVm.length <= PER_VM_ROW_LIMIT) return perVmRows(perVm, style);
  return perVmSummary(perVm, style);
}

function perVmRows(perVm: readonly PerVmResult[], style: ReportStyle): string {
  const table = borderedTable(style, {
    head: ['VM', 'path', 'offered Gbit/s', 'delivered Gbit/s', 'Mpps', 'drops', 'p50 µs', 'p99 µs'],
    alignRight: [true, false, true, true, true, true, true, true],
  });
  for (const vm of perVm) {
    table.push([
      String(vm.vm),
      vm.path === 'softwareSwitch' ? style.warn(PATH_LABELS[vm.path]) : PATH_LABELS[vm.path],
      formatSignificant(vm.offeredGbps),
      formatSignificant(vm.deliveredGbps),
      formatSignificant(vm.deliveredMpps),
      vm.dropRatio > 0 ? style.bad(formatDropRatio(vm.dropRatio)) : formatDropRatio(vm.dropRatio),
      formatSignificant(vm.latencyUs.p50),
      formatSignificant(vm.latencyUs.p99),
    ]);
  }
  return `${style.heading('per VM')}\n${table.toString()}`;
}

function perVmSummary(perVm: readonly PerVmResult[], style: ReportStyle): string {
  const delivered = perVm.map((vm) => vm.deliveredGbps).sort((a, b) => a - b);
  const worstLatency = maxBy(perVm, (vm) => vm.latencyUs.p99);
  const worstDrops = maxBy(perVm, (vm) => vm.dropRatio);
  const fallback = perVm.filter((vm) => vm.path === 'softwareSwitch').length;
  const rows: [string, string][] = [
    [
      'delivered Gbit/s',
      `min ${formatSignificant(delivered[0] ?? Number.NaN)} · median ${formatSignificant(median(delivered))} · max ${formatSignificant(delivered.at(-1) ?? Number.NaN)}`,
    ],
    ['worst p99', `${formatSignificant(worstLatency.latencyUs.p99)} µs (VM ${worstLatency.vm})`],
    [
      'worst drops',
      worstDrops.dropRatio > 0
        ? style.bad(`${formatDropRatio(worstDrops.dropRatio)} (VM ${worstDrops.vm})`)
        : formatDropRatio(0),
    ],
    [
      'fallback VMs',
      fallback > 0
        ? style.warn(`${formatCount(fallback)} on the software switch`)
        : '0 (every VM on its own path)',
    ],
  ];
  const heading = `${style.heading(`per VM (${formatCount(perVm.length)} VMs, summary)`)}`;
  return `${heading}\n${keyValueLines(style, rows)}`;
}

/** Median of sorted values (mean of the middle two for an even count). */
export function median(sorted: readonly number[]): number {
  if (sorted.length === 0) return Number.NaN;
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? Number.NaN;
  if (sorted.length % 2 === 1) return upper;
  return ((sorted[middle - 1] ?? Number.NaN) + upper) / 2;
}

function maxBy<T>(items: readonly [T, ...T[]] | readonly T[], key: (item: T) => number): T {
  let best = items[0];
  if (best === undefined) throw new Error('maxBy of an empty list');
  for (const item of items) if (key(item) > key(best)) best = item;
  return best;
}
