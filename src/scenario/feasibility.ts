import { lineRatePps, meanFrameBytes } from '../workload/frameMix.js';
import { offeredPps } from '../workload/offeredLoad.js';
import { placeVms, type VmPath, type VmPlacement } from './placeVms.js';
import type { ModeId, ScenarioConfig } from './scenarioConfig.js';

/** Consecutive VMs on the same path: `first`..`last` inclusive, 0-based. */
export interface VmRange {
  readonly path: VmPath;
  readonly first: number;
  readonly last: number;
}

/** What a run will do, known before it runs: where VMs go and how much work it simulates. */
export interface FeasibilityReport {
  readonly placement: VmPlacement;
  /** Runs of VMs sharing a path (cheap to print even for 4096 VMs). */
  readonly vmRanges: readonly VmRange[];
  /** What a dedicated resource is called on this path: VF, pool, queue. */
  readonly resourceName: string;
  readonly directions: 1 | 2;
  /** Offered frames/s in one direction, all VMs together. */
  readonly offeredPpsPerDirection: number;
  /** Offered L2 Gbit/s in one direction. */
  readonly offeredGbpsPerDirection: number;
  readonly lineRatePct: number;
  /** Warm-up plus measured window. */
  readonly simulatedMs: number;
  /** Frames the run generates, both directions, warm-up included. */
  readonly packets: number;
}

const RESOURCE_NAMES: Readonly<Record<ModeId, string>> = {
  native: 'RSS queue',
  emulated: 'software-switch port',
  paravirt: 'software-switch port',
  vmq: 'VMQ queue',
  vmdq: 'VMDq pool',
  sriov: 'VF',
};

export function feasibility(config: ScenarioConfig): FeasibilityReport {
  const placement = placeVms(config);
  const { workload, nic } = config;
  const { pps, directions, simulatedMs, frames } = offeredWork(config);
  return {
    placement,
    vmRanges: vmRanges(placement.vmPath),
    resourceName: RESOURCE_NAMES[config.mode],
    directions,
    offeredPpsPerDirection: pps,
    offeredGbpsPerDirection: (pps * meanFrameBytes(workload.frame) * 8) / 1e9,
    lineRatePct: (pps / lineRatePps(nic.linkGbps, workload.frame)) * 100,
    simulatedMs,
    packets: frames,
  };
}

/**
 * Frames a run generates, both directions, warm-up included: offered frames/s × directions ×
 * (warm-up + duration). The resource guard (src/run/estimateWork.ts) sums this over a command's runs.
 */
export function framesToSimulate(config: ScenarioConfig): number {
  return offeredWork(config).frames;
}

/** Offered frames/s in one direction, directions, warm-up plus measured ms, and the frames that makes. */
function offeredWork(config: ScenarioConfig): {
  pps: number;
  directions: 1 | 2;
  simulatedMs: number;
  frames: number;
} {
  const { workload, nic } = config;
  const pps = offeredPps(workload.load, nic.linkGbps, workload.frame);
  const directions = workload.direction === 'bidir' ? 2 : 1;
  const simulatedMs = workload.durationMs + workload.warmupMs;
  return { pps, directions, simulatedMs, frames: Math.round(pps * directions * (simulatedMs / 1000)) };
}

function vmRanges(paths: readonly VmPath[]): VmRange[] {
  const ranges: VmRange[] = [];
  for (const [vm, path] of paths.entries()) {
    const last = ranges[ranges.length - 1];
    if (last !== undefined && last.path === path && last.last === vm - 1)
      ranges[ranges.length - 1] = { ...last, last: vm };
    else ranges.push({ path, first: vm, last: vm });
  }
  return ranges;
}
