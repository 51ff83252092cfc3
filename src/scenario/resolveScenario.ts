import { COST_NAMES, defaultCosts, isCostName, type CostName } from '../model/costTable.js';
import { DEFAULT_HOST_PROFILE, findHostProfile, hostProfiles } from '../model/hostProfiles.js';
import { DEFAULT_NIC_PROFILE, findNicProfile, nicProfiles } from '../model/nicProfiles.js';
import { frameSizes, MAX_FRAME_BYTES, MIN_FRAME_BYTES } from '../workload/frameMix.js';
import { offeredFractionOfLineRate } from '../workload/offeredLoad.js';
import type { Problem, Resolved } from './problem.js';
import {
  ARRIVAL_KINDS,
  DIRECTIONS,
  isArrivalKind,
  isDirection,
  isModeId,
  MODE_IDS,
  type FrameSpec,
  type LoadSpec,
  type ScenarioConfig,
} from './scenarioConfig.js';
import type { ScenarioInput } from './scenarioInput.js';

export const MAX_VMS = 4096;
export const MAX_DURATION_MS = 60_000;

/** Built-in defaults that no profile supplies. */
export const SCENARIO_DEFAULTS = {
  mode: 'sriov',
  seed: 1,
  vmCount: 32,
  vcpus: 1,
  direction: 'rx',
  frame: { kind: 'fixed', bytes: 1518 } as FrameSpec,
  load: { unit: 'percent', value: 100 } as LoadSpec,
  arrivals: 'cbr',
  durationMs: 100,
  warmupMs: 10,
  sourceQueueFrames: 4096,
  appCyclesPerFrame: 0,
  guestRingSize: 256,
  e1000ItrUs: 50,
  virtualCoalesceUs: 0,
  napiBudget: 64,
  backendBatch: 256,
  backlogFrames: 1000,
} as const;

/** Turn user input (flags or a scenario run) into a full configuration, or every problem at once. */
export function resolveScenario(input: ScenarioInput): Resolved<ScenarioConfig> {
  const problems: Problem[] = [];
  const hostProfileId = input.host?.profile ?? DEFAULT_HOST_PROFILE;
  const hostProfile = findHostProfile(hostProfileId);
  if (!hostProfile) {
    problems.push({
      path: 'host.profile',
      message: `unknown host profile "${hostProfileId}"; use one of ${hostProfiles()
        .map((p) => p.id)
        .join(', ')}`,
      expected: hostProfiles()
        .map((p) => p.id)
        .join(' | '),
      received: hostProfileId,
    });
  }
  const nicProfileId = input.nic?.profile ?? DEFAULT_NIC_PROFILE;
  const nicProfile = findNicProfile(nicProfileId);
  if (!nicProfile) {
    problems.push({
      path: 'nic.profile',
      message: `unknown NIC profile "${nicProfileId}"; use one of ${nicProfiles()
        .map((p) => p.id)
        .join(', ')}`,
      expected: nicProfiles()
        .map((p) => p.id)
        .join(' | '),
      received: nicProfileId,
    });
  }
  const mode = input.mode ?? SCENARIO_DEFAULTS.mode;
  if (!isModeId(mode)) {
    problems.push({
      path: 'mode',
      message: `unknown mode "${String(mode)}"; use one of ${MODE_IDS.join(', ')}`,
      expected: MODE_IDS.join(' | '),
      received: String(mode),
    });
  }

  const costs: Record<CostName, number> = { ...defaultCosts() };
  for (const [name, value] of Object.entries(input.costs ?? {})) {
    if (!isCostName(name)) {
      problems.push({
        path: `costs.${name}`,
        message: `unknown cost "${name}"; run \`nicvirt costs\` for the list (e.g. switchPortCycles=6500)`,
        expected: COST_NAMES.join(' | '),
        received: name,
      });
      continue;
    }
    if (!isFiniteNumber(value) || value < 0) {
      problems.push({
        path: `costs.${name}`,
        message: `cost ${name} must be a finite number ≥ 0`,
        expected: 'number ≥ 0',
        received: String(value),
      });
      continue;
    }
    costs[name] = value;
  }
  if (costs.copyHotGBps <= 0 || costs.copyColdGBps <= 0) {
    problems.push({
      path: 'costs.copyHotGBps',
      message: 'copy bandwidths (copyHotGBps, copyColdGBps) must be above 0',
    });
  }

  if (!hostProfile || !nicProfile || problems.length > 0) return { ok: false, problems };

  const host = {
    profile: hostProfile.id,
    cores: input.host?.cores ?? hostProfile.cores,
    ghz: input.host?.ghz ?? hostProfile.ghz,
    ddio: input.host?.ddio ?? hostProfile.ddio,
    postedInterrupts: input.host?.postedInterrupts ?? hostProfile.postedInterrupts,
    crossSocket: input.host?.crossSocket ?? false,
    iommu: input.host?.iommu ?? false,
  };
  const nic = {
    profile: nicProfile.id,
    linkGbps: input.nic?.linkGbps ?? nicProfile.linkGbps,
    rxQueues: input.nic?.rxQueues ?? nicProfile.rxQueues,
    vmdqPools: input.nic?.vmdqPools ?? nicProfile.vmdqPools,
    vfs: input.nic?.vfs ?? nicProfile.vfs,
    pcieGbps: input.nic?.pcieGbps ?? nicProfile.pcieGbps,
    ringSize: input.nic?.ringSize ?? nicProfile.ringSize,
    itrUs: input.nic?.itrUs ?? nicProfile.itrUs,
    coalesceFrames: input.nic?.coalesceFrames ?? nicProfile.coalesceFrames,
  };
  const guest = {
    ringSize: input.guest?.ringSize ?? SCENARIO_DEFAULTS.guestRingSize,
    e1000ItrUs: input.guest?.e1000ItrUs ?? SCENARIO_DEFAULTS.e1000ItrUs,
    virtualCoalesceUs: input.guest?.virtualCoalesceUs ?? SCENARIO_DEFAULTS.virtualCoalesceUs,
    napiBudget: input.guest?.napiBudget ?? SCENARIO_DEFAULTS.napiBudget,
    backendBatch: input.guest?.backendBatch ?? SCENARIO_DEFAULTS.backendBatch,
    backlogFrames: input.guest?.backlogFrames ?? SCENARIO_DEFAULTS.backlogFrames,
  };
  const vmCount = input.vms?.count ?? SCENARIO_DEFAULTS.vmCount;
  const vms = {
    count: vmCount,
    vcpus: input.vms?.vcpus ?? SCENARIO_DEFAULTS.vcpus,
    ...(input.vms?.weights ? { weights: input.vms.weights } : {}),
  };
  const workload = {
    direction: input.workload?.direction ?? SCENARIO_DEFAULTS.direction,
    frame: input.workload?.frame ?? SCENARIO_DEFAULTS.frame,
    load: input.workload?.load ?? SCENARIO_DEFAULTS.load,
    arrivals: input.workload?.arrivals ?? SCENARIO_DEFAULTS.arrivals,
    durationMs: input.workload?.durationMs ?? SCENARIO_DEFAULTS.durationMs,
    // The default warm-up never exceeds the duration: `--duration 5` alone is a valid short run.
    warmupMs:
      input.workload?.warmupMs ??
      Math.min(SCENARIO_DEFAULTS.warmupMs, input.workload?.durationMs ?? SCENARIO_DEFAULTS.durationMs),
    sourceQueueFrames: input.workload?.sourceQueueFrames ?? SCENARIO_DEFAULTS.sourceQueueFrames,
    appCyclesPerFrame: input.workload?.appCyclesPerFrame ?? SCENARIO_DEFAULTS.appCyclesPerFrame,
  };

  checkInteger(problems, 'host.cores', host.cores, 1, 1024);
  checkNumber(problems, 'host.ghz', host.ghz, 0.1, 10);
  checkNumber(problems, 'nic.linkGbps', nic.linkGbps, 0.001, 800);
  checkInteger(problems, 'nic.rxQueues', nic.rxQueues, 1, 65536);
  checkInteger(problems, 'nic.vmdqPools', nic.vmdqPools, 0, 4096);
  checkInteger(problems, 'nic.vfs', nic.vfs, 0, 4096);
  checkNumber(problems, 'nic.pcieGbps', nic.pcieGbps, 0.1, 4096);
  checkInteger(problems, 'nic.ringSize', nic.ringSize, 8, 65536);
  checkNumber(problems, 'nic.itrUs', nic.itrUs, 0, 100_000);
  checkInteger(problems, 'nic.coalesceFrames', nic.coalesceFrames, 0, 65536);
  checkInteger(problems, 'guest.ringSize', guest.ringSize, 8, 65536);
  checkNumber(problems, 'guest.e1000ItrUs', guest.e1000ItrUs, 0, 100_000);
  checkNumber(problems, 'guest.virtualCoalesceUs', guest.virtualCoalesceUs, 0, 100_000);
  checkInteger(problems, 'guest.napiBudget', guest.napiBudget, 1, 65536);
  checkInteger(problems, 'guest.backendBatch', guest.backendBatch, 1, 65536);
  checkInteger(problems, 'guest.backlogFrames', guest.backlogFrames, 1, 1 << 20);
  checkInteger(problems, 'vms.count', vms.count, 1, MAX_VMS);
  checkInteger(problems, 'vms.vcpus', vms.vcpus, 1, 256);
  checkNumber(problems, 'workload.durationMs', workload.durationMs, 0.001, MAX_DURATION_MS);
  checkNumber(problems, 'workload.warmupMs', workload.warmupMs, 0, MAX_DURATION_MS);
  checkNumber(problems, 'workload.appCyclesPerFrame', workload.appCyclesPerFrame, 0, 10_000_000);
  checkInteger(problems, 'workload.sourceQueueFrames', workload.sourceQueueFrames, 1, 1 << 24);
  const seed = input.seed ?? SCENARIO_DEFAULTS.seed;
  checkInteger(problems, 'seed', seed, 0, 2 ** 32 - 1);
  if (!isDirection(workload.direction)) {
    problems.push({
      path: 'workload.direction',
      message: `unknown direction "${String(workload.direction)}"; use ${DIRECTIONS.join(', ')}`,
    });
  }
  if (!isArrivalKind(workload.arrivals)) {
    problems.push({
      path: 'workload.arrivals',
      message: `unknown arrival process "${String(workload.arrivals)}"; use ${ARRIVAL_KINDS.join(', ')}`,
    });
  }
  checkFrame(problems, workload.frame);
  if (vms.weights !== undefined) {
    if (vms.weights.length !== vms.count) {
      problems.push({
        path: 'vms.weights',
        message: `give one weight per VM: ${vms.count} VMs but ${vms.weights.length} weights`,
      });
    } else if (vms.weights.some((w) => !isFiniteNumber(w) || w < 0) || vms.weights.every((w) => w === 0)) {
      problems.push({
        path: 'vms.weights',
        message: 'weights must be finite numbers ≥ 0, at least one above 0',
      });
    }
  }
  if (problems.length > 0) return { ok: false, problems };

  const load = workload.load;
  if (!isFiniteNumber(load.value) || load.value <= 0) {
    problems.push({
      path: 'workload.load',
      message: 'offered load must be above 0 (e.g. 100%, 5gbps, 1.2mpps)',
      received: String(load.value),
    });
  } else {
    const fraction = offeredFractionOfLineRate(load, nic.linkGbps, workload.frame);
    if (fraction > 1 + 1e-9) {
      problems.push({
        path: 'workload.load',
        message: `offered load is ${(fraction * 100).toFixed(1)}% of the ${nic.linkGbps} Gbit/s line rate; the link cannot carry more than 100% (e.g. 100%, or lower the Gbit/s / Mpps figure)`,
        expected: '≤ 100% of line rate',
        received: `${load.value} ${load.unit}`,
      });
    }
  }
  if (workload.warmupMs > workload.durationMs) {
    problems.push({
      path: 'workload.warmupMs',
      message: `warm-up (${workload.warmupMs} ms) is longer than the measured duration (${workload.durationMs} ms); shorten the warm-up or lengthen the duration`,
      expected: `≤ ${workload.durationMs} ms (the duration)`,
      received: `${workload.warmupMs} ms`,
    });
  }
  if (mode === 'sriov') {
    if (nic.vfs === 0) {
      problems.push({
        path: 'nic.vfs',
        message: `NIC profile ${nic.profile} has no SR-IOV virtual functions; pick a NIC with VFs (e.g. --nic 82599) or set nic.vfs`,
      });
    } else if (vms.count > nic.vfs && !(input.fallback ?? false)) {
      problems.push({
        path: 'vms.count',
        message: `${vms.count} VMs but NIC ${nic.profile} has ${nic.vfs} usable VFs; use at most ${nic.vfs} VMs, a NIC with more VFs (x710: 128, e810: 256), or allow the extra VMs onto the software switch with --fallback`,
        expected: `≤ ${nic.vfs}`,
        received: String(vms.count),
      });
    }
  }
  if ((mode === 'vmdq' || mode === 'vmq') && nic.vmdqPools < 2) {
    problems.push({
      path: 'nic.vmdqPools',
      message: `NIC profile ${nic.profile} has no VMDq/VMQ pools in the model; pick a NIC with pools (--nic 82598 or 82599) or set nic.vmdqPools`,
    });
  }
  if (problems.length > 0) return { ok: false, problems };

  return {
    ok: true,
    value: {
      name: input.name ?? '',
      description: input.description ?? '',
      mode,
      seed,
      host,
      nic,
      guest,
      vms,
      workload,
      fallback: input.fallback ?? false,
      costs,
    },
  };
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function checkNumber(problems: Problem[], path: string, value: number, min: number, max: number): void {
  if (!isFiniteNumber(value) || value < min || value > max) {
    problems.push({
      path,
      message: `${path} must be a number from ${min} to ${max}`,
      expected: `${min}..${max}`,
      received: String(value),
    });
  }
}

function checkInteger(problems: Problem[], path: string, value: number, min: number, max: number): void {
  if (!isFiniteNumber(value) || !Number.isInteger(value) || value < min || value > max) {
    problems.push({
      path,
      message: `${path} must be a whole number from ${min} to ${max}`,
      expected: `integer ${min}..${max}`,
      received: String(value),
    });
  }
}

function checkFrame(problems: Problem[], frame: FrameSpec): void {
  if (frame.kind === 'mix' && frame.sizes.length === 0) {
    problems.push({ path: 'workload.frame', message: 'a frame-size mix needs at least one size' });
    return;
  }
  for (const { bytes, weight } of frameSizes(frame)) {
    if (
      !isFiniteNumber(bytes) ||
      !Number.isInteger(bytes) ||
      bytes < MIN_FRAME_BYTES ||
      bytes > MAX_FRAME_BYTES
    ) {
      problems.push({
        path: 'workload.frame',
        message: `frame size must be a whole number of bytes from ${MIN_FRAME_BYTES} to ${MAX_FRAME_BYTES}, or imix`,
        expected: `${MIN_FRAME_BYTES}..${MAX_FRAME_BYTES} | imix`,
        received: String(bytes),
      });
    }
    if (!isFiniteNumber(weight) || weight <= 0) {
      problems.push({ path: 'workload.frame', message: 'frame-size weights must be above 0' });
    }
  }
}
