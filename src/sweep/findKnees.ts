import type { RunResult } from '../run/runResult.js';
import { configHash } from '../run/withConfigHash.js';
import type { ModeId, ScenarioConfig } from '../scenario/scenarioConfig.js';
import { frameSizeText } from '../workload/frameMix.js';
import { loadLabel } from '../workload/offeredLoad.js';

/** A VM's delivered throughput below this share of what it offered counts as starved. */
export const FAIR_SHARE_FRACTION = 0.9;
/** Aggregate throughput must change by more than this fraction to count as growing or falling. */
const GROWTH_TOLERANCE = 0.01;
/** A resource at least this busy is saturated. */
const SATURATED = 0.95;

/** What limits a mode at its knee. */
export type KneeConstraint =
  | 'switch core saturated'
  | 'host core saturated'
  | 'guest vCPU saturated'
  | 'pools exhausted'
  | 'VF limit'
  | 'PCIe'
  | 'line rate'
  | 'none';

export interface Knee {
  readonly mode: ModeId;
  /** The rest of the workload the curve was taken at: `1518 B · 100% · rx`. */
  readonly workload: string;
  /** VM counts the sweep ran for this mode and workload, ascending. */
  readonly vmCounts: readonly number[];
  /**
   * Last VM count before throughput stops scaling; the first VM count when even that is limited;
   * null when the mode scales through every VM count of the sweep.
   */
  readonly kneeVms: number | null;
  /** `aggregate` (total throughput stops growing or falls), `perVm` (a VM below 90% of its share). */
  readonly criterion: 'aggregate' | 'perVm' | null;
  readonly constraint: KneeConstraint;
  /** One sentence for people. */
  readonly summary: string;
  /** The bottleneck line of the first run past the knee (or of the first run). */
  readonly bottleneck: string;
}

/**
 * For every mode (and workload) the sweep ran at two or more VM counts: the VM count where
 * aggregate throughput stops growing while offered load still grows (or falls), or where a VM gets
 * less than 90% of its fair share (what it offered), and the binding constraint there. Runs that
 * differ in anything but the VM count (and per-VM weights) are separate curves.
 */
export function findKnees(runs: readonly RunResult[]): Knee[] {
  const groups = new Map<string, RunResult[]>();
  for (const run of runs) {
    const key = curveKey(run.scenario);
    const group = groups.get(key);
    if (group) group.push(run);
    else groups.set(key, [run]);
  }
  const curves = [...groups.values()].map((group) => dedupeByVms(group)).filter((group) => group.length >= 2);
  return curves.map((curve) => kneeOf(curve, kneeWorkloadLabel(curve[0]!)));
}

function curveKey(config: ScenarioConfig): string {
  const { vms, name: _name, description: _description, ...rest } = config;
  return configHash({ ...rest, name: '', description: '', vms: { count: 0, vcpus: vms.vcpus } });
}

function dedupeByVms(group: readonly RunResult[]): RunResult[] {
  const byVms = new Map<number, RunResult>();
  for (const run of group) if (!byVms.has(run.vms)) byVms.set(run.vms, run);
  return [...byVms.values()].sort((a, b) => a.vms - b.vms);
}

/** `1518 B · 100% · rx`: a curve's workload as knees name it (Knee.workload). */
export function kneeWorkloadLabel(run: RunResult): string {
  return [frameSizeText(run.frameLabel), loadLabel(run.scenario.workload.load), run.direction].join(' · ');
}

/** Lowest delivered ÷ offered over the VMs that offered anything. */
export function worstShare(run: RunResult): number {
  let worst = 1;
  for (const vm of run.perVm) {
    if (vm.offeredGbps <= 0) continue;
    worst = Math.min(worst, vm.deliveredGbps / vm.offeredGbps);
  }
  return worst;
}

interface PointVerdict {
  readonly ok: boolean;
  readonly criterion: 'aggregate' | 'perVm' | null;
}

function verdict(curve: readonly RunResult[], index: number): PointVerdict {
  const run = curve[index]!;
  const previous = index > 0 ? curve[index - 1] : undefined;
  if (previous) {
    const falls = run.delivered.gbps < previous.delivered.gbps * (1 - GROWTH_TOLERANCE);
    const offeredGrows = run.offered.gbps > previous.offered.gbps * (1 + GROWTH_TOLERANCE);
    const flat = run.delivered.gbps < previous.delivered.gbps * (1 + GROWTH_TOLERANCE);
    if (falls || (offeredGrows && flat)) return { ok: false, criterion: 'aggregate' };
  }
  if (worstShare(run) < FAIR_SHARE_FRACTION) return { ok: false, criterion: 'perVm' };
  return { ok: true, criterion: null };
}

function kneeOf(curve: readonly RunResult[], workload: string): Knee {
  const first = curve[0]!;
  const vmCounts = curve.map((run) => run.vms);
  const verdicts = curve.map((_, index) => verdict(curve, index));
  const base = { mode: first.mode, workload, vmCounts };

  const knee = verdicts.findIndex((point, index) => point.ok && verdicts[index + 1]?.ok === false);
  if (knee >= 0) {
    const past = curve[knee + 1]!;
    const kneeRun = curve[knee]!;
    const criterion = verdicts[knee + 1]?.criterion ?? null;
    const constraint = bindingConstraint(past, kneeRun);
    const how =
      criterion === 'aggregate'
        ? `aggregate throughput stops growing after ${kneeRun.vms} VMs (${round(kneeRun.delivered.gbps)} → ${round(past.delivered.gbps)} Gbit/s at ${past.vms})`
        : `at ${past.vms} VMs a VM gets ${Math.round(worstShare(past) * 100)}% of its fair share`;
    return {
      ...base,
      kneeVms: kneeRun.vms,
      criterion,
      constraint,
      summary: `${how}; ${constraint}`,
      bottleneck: past.bottleneck,
    };
  }
  if (verdicts[0]?.ok === false && verdicts.every((point) => !point.ok)) {
    const criterion = verdicts[0].criterion;
    const constraint = bindingConstraint(first, undefined);
    return {
      ...base,
      kneeVms: first.vms,
      criterion,
      constraint,
      summary: `limited from the first point (${first.vms} VM${first.vms === 1 ? '' : 's'}: a VM gets ${Math.round(worstShare(first) * 100)}% of its fair share); ${constraint}`,
      bottleneck: first.bottleneck,
    };
  }
  const last = curve[curve.length - 1]!;
  return {
    ...base,
    kneeVms: null,
    criterion: null,
    constraint: 'none',
    summary: `scales through ${last.vms} VMs (every VM ≥ ${FAIR_SHARE_FRACTION * 100}% of its fair share)`,
    bottleneck: last.bottleneck,
  };
}

/**
 * What binds a run: VMs pushed off their own pool or VF (compared with the run before the knee),
 * else the busiest saturated resource, the host and guest cores before the wire (the wire is busy
 * whenever the offered load is line rate, whoever limits delivery).
 */
export function bindingConstraint(run: RunResult, before: RunResult | undefined): KneeConstraint {
  const newFallback = run.placement.fallback > (before?.placement.fallback ?? 0);
  if (newFallback && run.placement.dedicated > 0)
    return run.mode === 'sriov' ? 'VF limit' : 'pools exhausted';
  const saturated = run.utilization.filter((resource) => resource.utilization >= SATURATED);
  const named = (pattern: RegExp) => saturated.some((resource) => pattern.test(resource.name));
  if (named(/^host core .*switch/)) return 'switch core saturated';
  if (named(/^host core/)) return 'host core saturated';
  if (named(/^vCPU/)) return 'guest vCPU saturated';
  if (named(/^PCIe/)) return 'PCIe';
  if (named(/^wire/)) return 'line rate';
  if (run.placement.fallback > 0 && run.placement.dedicated > 0)
    return run.mode === 'sriov' ? 'VF limit' : 'pools exhausted';
  return 'none';
}

function round(gbps: number): string {
  return gbps.toPrecision(3);
}
