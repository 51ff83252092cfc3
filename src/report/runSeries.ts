import type { RunResult } from '../run/runResult.js';
import { MODE_IDS, type ModeId } from '../scenario/scenarioConfig.js';
import { frameSizeText } from '../workload/frameMix.js';
import { loadLabel } from '../workload/offeredLoad.js';

/** Short mode names for legends and axes (the runs' modeName is a sentence-length display name). */
export const MODE_SHORT_LABELS: Readonly<Record<ModeId, string>> = {
  native: 'native',
  emulated: 'emulated',
  paravirt: 'paravirt',
  vmq: 'VMQ',
  vmdq: 'VMDq',
  sriov: 'SR-IOV',
};

/**
 * One curve of a chart: the runs of one mode that differ only in VM count, sorted by VMs. When the
 * runs also vary in something else (frame size, load, direction, NIC, host, …), each value of that
 * is its own series of the mode, named by `variant`.
 */
export interface RunSeries {
  readonly mode: ModeId;
  /** `1518 B · 50%`: what sets this series apart from the mode's others; '' when nothing does. */
  readonly variant: string;
  /** Legend text: `SR-IOV`, or `SR-IOV · 64 B` with a variant. */
  readonly label: string;
  /** Position of this variant among the variants (0 for the first), for line styles. */
  readonly variantIndex: number;
  readonly runs: readonly RunResult[];
}

interface Dimension {
  readonly name: string;
  readonly valueOf: (run: RunResult) => string;
}

/** What a run can vary in besides mode and VM count, in the order variant text lists them. */
const DIMENSIONS: readonly Dimension[] = [
  { name: 'frame', valueOf: (run) => frameSizeText(run.frameLabel) },
  { name: 'direction', valueOf: (run) => run.direction },
  { name: 'load', valueOf: (run) => `${loadLabel(run.scenario.workload.load)} load` },
  { name: 'arrivals', valueOf: (run) => run.scenario.workload.arrivals },
  { name: 'vcpus', valueOf: (run) => `${run.scenario.vms.vcpus} vCPU` },
  { name: 'nic', valueOf: (run) => `NIC ${run.scenario.nic.profile} ${run.scenario.nic.linkGbps}G` },
  {
    name: 'host',
    valueOf: (run) => `host ${run.scenario.host.profile} ${run.scenario.host.cores}c`,
  },
  {
    name: 'posted interrupts',
    valueOf: (run) => `posted interrupts ${run.scenario.host.postedInterrupts ? 'on' : 'off'}`,
  },
  { name: 'seed', valueOf: (run) => `seed ${run.scenario.seed}` },
];

/** Legend text of a series: `SR-IOV`, or `SR-IOV · 64 B` with a variant. */
export function seriesLabel(mode: ModeId, variant: string): string {
  return variant === '' ? MODE_SHORT_LABELS[mode] : `${MODE_SHORT_LABELS[mode]} · ${variant}`;
}

/**
 * Group runs into series: by mode (in the usual mode order), then by variant in order of first
 * appearance; runs in a series sorted by VM count (stable, so equal counts keep file order).
 */
export function groupRunSeries(runs: readonly RunResult[]): readonly RunSeries[] {
  // Only the dimensions (other than mode and VMs) whose value differs between runs.
  const dimensions = DIMENSIONS.filter((dimension) => new Set(runs.map(dimension.valueOf)).size > 1);
  const variantOf = (run: RunResult) => dimensions.map((dimension) => dimension.valueOf(run)).join(' · ');
  const variants: string[] = [];
  for (const run of runs) {
    const variant = variantOf(run);
    if (!variants.includes(variant)) variants.push(variant);
  }
  const series: RunSeries[] = [];
  for (const mode of MODE_IDS) {
    for (const [variantIndex, variant] of variants.entries()) {
      const members = runs
        .filter((run) => run.mode === mode && variantOf(run) === variant)
        .map((run, order) => ({ run, order }))
        .sort((a, b) => a.run.vms - b.run.vms || a.order - b.order)
        .map(({ run }) => run);
      if (members.length === 0) continue;
      series.push({ mode, variant, label: seriesLabel(mode, variant), variantIndex, runs: members });
    }
  }
  return series;
}

/** The run a single-point chart (CPU breakdown, latency, per VM) shows for a series: the most VMs. */
export function representativeRun(series: RunSeries): RunResult {
  const last = series.runs.at(-1);
  if (!last) throw new Error(`series ${series.label} has no runs`);
  return last;
}

/** Distinct VM counts over all runs, ascending. */
export function vmCounts(runs: readonly RunResult[]): readonly number[] {
  return [...new Set(runs.map((run) => run.vms))].sort((a, b) => a - b);
}

/**
 * Whether VM counts read better on a logarithmic axis: all positive, at least four of them, spanning
 * 16× or more, and spaced more evenly in log than in linear terms (1, 2, 4, … 64 does; 1…64 step 1
 * does not).
 */
export function vmAxisIsLogarithmic(counts: readonly number[]): boolean {
  const first = counts[0];
  const last = counts.at(-1);
  if (first === undefined || last === undefined || first <= 0 || counts.length < 4) return false;
  if (last / first < 16) return false;
  const spread = (values: readonly number[]) => {
    const steps = values.slice(1).map((value, index) => value - (values[index] ?? value));
    const mean = steps.reduce((sum, step) => sum + step, 0) / steps.length;
    return Math.sqrt(steps.reduce((sum, step) => sum + (step - mean) ** 2, 0) / steps.length) / mean;
  };
  return spread(counts.map(Math.log2)) < spread(counts);
}

/**
 * Jain's fairness index of what each VM got relative to what it offered: 1 when every VM gets the
 * same share of its offered load, 1/n when one VM gets everything. NaN without VMs that offered.
 */
export function jainFairness(run: RunResult): number {
  const shares = run.perVm.filter((vm) => vm.offeredGbps > 0).map((vm) => vm.deliveredGbps / vm.offeredGbps);
  if (shares.length === 0) return Number.NaN;
  const sum = shares.reduce((total, share) => total + share, 0);
  const squares = shares.reduce((total, share) => total + share * share, 0);
  return squares === 0 ? Number.NaN : (sum * sum) / (shares.length * squares);
}
