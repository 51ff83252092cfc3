import type { Recorder } from '../metrics/recorder.js';
import { GUEST_COMPONENTS } from '../model/cpuComponents.js';
import { modeInfo } from '../modes/modeInfo.js';
import type { VmPlacement } from '../scenario/placeVms.js';
import type { ScenarioConfig } from '../scenario/scenarioConfig.js';
import { frameLabel, lineRatePps, meanFrameBytes } from '../workload/frameMix.js';
import { findBottleneck } from '../metrics/findBottleneck.js';
import {
  CPU_COMPONENTS,
  DROP_LOCATIONS,
  type CpuComponent,
  type DropLocation,
  type PerVmResult,
  type ResourceUtilization,
  type RunResult,
} from './runResult.js';

export interface RunSummaryInput {
  readonly config: ScenarioConfig;
  readonly placement: VmPlacement;
  readonly recorder: Recorder;
  readonly resourceNames: readonly string[];
  readonly hostCoreCount: number;
  readonly cohortInFlight: number;
  readonly generatedFrames: number;
  readonly events: number;
  readonly simulatedPs: number;
}

const UTILIZATION_ROWS = 8;
/** The quantiles each VM's latency is reported at: p50 and p99. */
const VM_QUANTILES = [0.5, 0.99] as const;

/** Turn what the recorder saw into the plain RunResult (all figures finite). */
export function summarizeRun(input: RunSummaryInput): RunResult {
  const { config, recorder, placement } = input;
  const windowPs = recorder.windowEndPs - recorder.windowStartPs;
  const windowSec = windowPs / 1e12;
  const directions = config.workload.direction === 'bidir' ? 2 : 1;
  const deliveredPps = recorder.deliveredFrames / windowSec;
  const linePps = lineRatePps(config.nic.linkGbps, config.workload.frame) * directions;

  const byComponent = {} as Record<CpuComponent, number>;
  let hostBusyPs = 0;
  let guestBusyPs = 0;
  const busyByComponentPs = recorder.busyByComponentPs;
  CPU_COMPONENTS.forEach((component, index) => {
    const busyPs = busyByComponentPs[index]!;
    byComponent[component] = busyPs / windowPs;
    if (GUEST_COMPONENTS.has(component)) guestBusyPs += busyPs;
    else hostBusyPs += busyPs;
  });
  const cyclesPerPs = config.host.ghz / 1000;
  const delivered = Math.max(recorder.deliveredFrames, 1);

  const drops = {} as Record<DropLocation, number>;
  DROP_LOCATIONS.forEach((location, index) => {
    drops[location] = recorder.dropsByLocation[index]!;
  });

  const utilization: ResourceUtilization[] = input.resourceNames
    .map((name, index) => ({ name, utilization: recorder.busyByResourcePs[index]! / windowPs }))
    .filter((row) => row.utilization > 0)
    .sort((a, b) => b.utilization - a.utilization || byCodeUnits(a.name, b.name));

  const perVm: PerVmResult[] = [];
  const vmQuantilesNs = recorder.vmLatencyQuantilesNs(VM_QUANTILES);
  for (let vm = 0; vm < recorder.vmCount; vm++) {
    const totals = recorder.vmTotals(vm);
    const offeredFrames = totals.offeredFrames;
    const vmP50Ns = vmQuantilesNs[vm * VM_QUANTILES.length];
    const vmP99Ns = vmQuantilesNs[vm * VM_QUANTILES.length + 1];
    perVm.push({
      vm,
      path: placement.vmPath[vm]!,
      offeredGbps: (totals.offeredBytes * 8) / windowSec / 1e9,
      deliveredGbps: (totals.deliveredBytes * 8) / windowSec / 1e9,
      deliveredMpps: totals.deliveredFrames / windowSec / 1e6,
      dropRatio: offeredFrames > 0 ? totals.droppedFrames / offeredFrames : 0,
      latencyUs: { p50: vmP50Ns! / 1000, p99: vmP99Ns! / 1000 },
    });
  }

  const dropRatio = recorder.offeredFrames > 0 ? recorder.droppedFrames / recorder.offeredFrames : 0;
  const latency = recorder.latencyNs;
  const [p50Ns, p90Ns, p99Ns, p999Ns] = latency.quantiles([0.5, 0.9, 0.99, 0.999]);
  const info = modeInfo(config.mode);
  const tradeoffs = [...info.tradeoffs];
  if (config.mode === 'sriov') {
    tradeoffs.push(
      config.host.postedInterrupts
        ? 'posted interrupts on: VF interrupts reach the guest without exits'
        : 'posted interrupts off: every VF interrupt costs exits and an injection (--posted-interrupts)',
    );
  }
  return {
    mode: config.mode,
    modeName: info.displayName,
    vms: config.vms.count,
    frameBytes: meanFrameBytes(config.workload.frame),
    frameLabel: frameLabel(config.workload.frame),
    direction: config.workload.direction,
    scenario: config,
    offered: {
      gbps: (recorder.offeredBytes * 8) / windowSec / 1e9,
      mpps: recorder.offeredFrames / windowSec / 1e6,
    },
    delivered: {
      gbps: (recorder.deliveredBytes * 8) / windowSec / 1e9,
      mpps: deliveredPps / 1e6,
      lineRatePct: (deliveredPps / linePps) * 100,
    },
    dropRatio,
    drops,
    frames: {
      offered: recorder.offeredFrames,
      delivered: recorder.deliveredFrames,
      dropped: recorder.droppedFrames,
      inFlight: input.cohortInFlight,
    },
    latencyUs: {
      p50: p50Ns! / 1000,
      p90: p90Ns! / 1000,
      p99: p99Ns! / 1000,
      p999: p999Ns! / 1000,
      max: latency.max / 1000,
    },
    cpu: {
      hostCores: hostBusyPs / windowPs,
      guestCores: guestBusyPs / windowPs,
      hostCyclesPerPacket: recorder.deliveredFrames > 0 ? (hostBusyPs * cyclesPerPs) / delivered : 0,
      guestCyclesPerPacket: recorder.deliveredFrames > 0 ? (guestBusyPs * cyclesPerPs) / delivered : 0,
      byComponent,
    },
    rates: {
      vmExitsPerSec: recorder.vmExits / windowSec,
      interruptsPerSec: recorder.interrupts / windowSec,
    },
    bottleneck: findBottleneck({ utilization, drops, dropRatio, placement, mode: config.mode }),
    utilization: utilization.slice(0, UTILIZATION_ROWS),
    placement: { dedicated: placement.dedicated, fallback: placement.fallback, note: placement.note },
    tradeoffs,
    perVm,
    sim: { packets: input.generatedFrames, events: input.events, simulatedMs: input.simulatedPs / 1e9 },
  };
}

/**
 * Names in the order of their UTF-16 code units: the same on every machine (localeCompare follows
 * the default locale, and at hundreds of VMs, whose cores tie, it was a third of a run's summary).
 */
function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
