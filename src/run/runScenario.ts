import { Recorder } from '../metrics/recorder.js';
import { assignClocks } from '../model/assignClocks.js';
import { CostModel } from '../model/costModel.js';
import { CpuCore } from '../model/cpuCore.js';
import { DROP } from '../model/cpuComponents.js';
import { DeliverySink } from '../model/deliverySink.js';
import { FifoStage } from '../model/fifoStage.js';
import { NicRxPort, NicTxPort } from '../model/nicPorts.js';
import { MAX_RING_TIME_PS, NARROW_SLOT_WORDS, WIDE_SLOT_WORDS } from '../model/frameLayout.js';
import { Poller } from '../model/poller.js';
import { iotlbMisses, PcieTiming } from '../model/pcieLink.js';
import { RingArena } from '../model/ringArena.js';
import type { HostBuild } from '../modes/hostBuild.js';
import { MODE_BUILDERS } from '../modes/modeBuilders.js';
import { nicQueuesInUse, placeVms, type VmPlacement } from '../scenario/placeVms.js';
import type { ScenarioConfig } from '../scenario/scenarioConfig.js';
import { RngStreams } from '../sim/rng.js';
import { Simulator } from '../sim/simulator.js';
import { fixedFrameBytes, makeFramePicker } from '../workload/framePicker.js';
import { offeredPps } from '../workload/offeredLoad.js';
import { TrafficSource } from '../workload/trafficSource.js';
import { makeVmPicker } from '../workload/vmPicker.js';
import { summarizeRun } from './summarizeRun.js';
import type { RunResult } from './runResult.js';

const PS_PER_MS = 1e9;

/** What the engine did for a run, beyond the result (for the speed benchmark). */
export interface EngineStats {
  /** Events taken off the heap. */
  heapEvents: number;
  /** Events applied without the heap (deferred ends, lazy clock groups: see CpuCore, LocalClock). */
  deferredEvents: number;
}

/** How to run the engine; the result does not depend on it. */
export interface EngineOptions {
  /** false: every event through the heap (the reference the engine's shortcuts are tested against). */
  readonly shortcuts?: boolean;
  /** Filled in with what the engine did. */
  readonly stats?: EngineStats;
}

/** A run under way, simulated in slices (startScenario); runScenario is one slice to the end. */
export interface ScenarioRun {
  /**
   * Simulate at least `steps` more steps (arrivals and events) or to the end; true once the run is
   * over. The result does not depend on how the run is sliced.
   */
  advance(steps: number): boolean;
  /** How far the run has got: simulated time so far over its warm-up and duration, 0 to 1. */
  readonly progress: number;
  /** The result of the run, once advance() has returned true. */
  finish(): RunResult;
}

/** Run one fully resolved scenario and return plain result data. Never prints. */
export function runScenario(config: ScenarioConfig, engine: EngineOptions = {}): RunResult {
  const run = startScenario(config, engine);
  run.advance(Infinity);
  return run.finish();
}

/**
 * Build the simulated host of one fully resolved scenario, ready to run in slices: a caller that
 * must stay responsive (the CLI, to Ctrl-C) does its own work between them. Never prints.
 */
export function startScenario(config: ScenarioConfig, engine: EngineOptions = {}): ScenarioRun {
  const sim = new Simulator({ shortcuts: engine.shortcuts ?? true });
  const rng = new RngStreams(config.seed);
  const placement = placeVms(config);
  const hostCoreCount = config.host.cores;
  const vmCount = config.vms.count;
  const resources = resourceLayout(hostCoreCount, vmCount);
  const warmupPs = Math.round(config.workload.warmupMs * PS_PER_MS);
  const windowEndPs = warmupPs + Math.round(config.workload.durationMs * PS_PER_MS);
  const recorder = new Recorder(warmupPs, windowEndPs, vmCount, resources.count);
  const cost = new CostModel(
    config.costs,
    config.host.ghz,
    config.host.ddio,
    config.workload.appCyclesPerFrame,
  );
  const hostCores = Array.from({ length: hostCoreCount }, (_, i) => new CpuCore(sim, i, `host core ${i}`));
  const vcpuCores = Array.from(
    { length: vmCount },
    (_, vm) => new CpuCore(sim, resources.firstVcpu + vm, `vCPU of VM ${vm}`),
  );
  const delivery = new DeliverySink(recorder);
  const direction = config.workload.direction;
  const rx = direction !== 'tx';
  const tx = direction !== 'rx';

  const dmaRings = dmaRingCount(config, placement);
  const translated = config.mode === 'sriov' || config.host.iommu;
  const timing = new PcieTiming(
    config.nic.pcieGbps,
    config.costs,
    translated && iotlbMisses(dmaRings, config.nic.ringSize),
    config.host.crossSocket,
  );
  const wireRx = new FifoStage(recorder, resources.wireRx, true, config.workload.sourceQueueFrames);
  const wireTx = new FifoStage(recorder, resources.wireTx, true);
  const pcieRx = new FifoStage(recorder, resources.pcieRx, false);
  const pcieTx = new FifoStage(recorder, resources.pcieTx, false);
  const nicTx = new NicTxPort(
    recorder,
    pcieTx,
    wireTx,
    timing,
    config.nic.linkGbps,
    config.nic.ringSize * nicQueuesInUse(config, placement),
    DROP.nicTxRing,
    delivery,
  );
  // One frame size for every frame, or null for a mix (the traffic sources and the rings use it).
  const fixedBytes = fixedFrameBytes(config.workload.frame);
  const build: HostBuild = {
    config,
    placement,
    sim,
    recorder,
    // Rings start narrow (no size or VM a frame) when every frame has the one size (see PacketRing).
    rings: new RingArena(fixedBytes === null ? WIDE_SLOT_WORDS : NARROW_SLOT_WORDS),
    cost,
    hostCores,
    vcpuCores,
    delivery,
    nicTx,
    nicModeration: {
      minGapPs: Math.round(config.nic.itrUs * 1e6),
      coalesceFrames: config.nic.coalesceFrames,
      delayPs: 0,
    },
    rx,
    tx,
  };
  const topology = MODE_BUILDERS[config.mode](build);
  // Every ring is built: the arena makes its array (a ring's first push then finds it in place).
  build.rings.seal();

  const ratePps = offeredPps(config.workload.load, config.nic.linkGbps, config.workload.frame);
  const poisson = config.workload.arrivals === 'poisson';
  /** One direction's traffic, with its own random streams (`vms.rx`, `frames.rx`, `arrivals.rx`, …). */
  const trafficSource = (dir: 'rx' | 'tx', entry: (bytes: number, vm: number) => void): TrafficSource =>
    new TrafficSource(sim, recorder, {
      ratePps,
      arrivals: config.workload.arrivals,
      stopPs: windowEndPs,
      pickVm: makeVmPicker(vmCount, config.vms.weights, poisson ? rng.stream(`vms.${dir}`) : null),
      pickBytes: makeFramePicker(config.workload.frame, rng.stream(`frames.${dir}`)),
      ...(fixedBytes === null ? {} : { fixedBytes }),
      random: rng.stream(`arrivals.${dir}`),
      entry,
    });
  if (rx) {
    const nicRx = new NicRxPort(
      sim,
      recorder,
      wireRx,
      pcieRx,
      timing,
      config.nic.linkGbps,
      config.workload.sourceQueueFrames,
      DROP.source,
      topology.rxEntry,
    );
    sim.addSource(trafficSource('rx', (bytes, vm) => nicRx.receive(bytes, vm)));
  }
  if (tx) {
    const txEntry = topology.txEntry;
    for (const sink of new Set(txEntry)) sink.addProducer?.(null);
    sim.addSource(
      trafficSource('tx', (bytes, vm) => {
        const nowPs = sim.nowPs;
        const sink = txEntry[vm]!;
        // As at the NIC: a dropped frame starts nothing.
        if (sink.accept(nowPs, bytes, vm, nowPs, nowPs)) sink.wake(nowPs);
      }),
    );
  }

  const cores = [...hostCores, ...vcpuCores];
  assignClocks(sim, cores);
  let over = false;
  return {
    advance(steps: number): boolean {
      if (!over) over = sim.runFor(steps);
      return over;
    },
    get progress(): number {
      return over ? 1 : Math.min(1, sim.nowPs / windowEndPs);
    },
    finish(): RunResult {
      if (!over) throw new Error('finish() before the run is over');
      // Rings keep times in 48 bits (PacketRing): a run of 60 s after a warm-up of 60 s and its drain
      // end long before. Every time a ring held was at most the clock's last.
      if (sim.nowPs > MAX_RING_TIME_PS)
        throw new Error(`run went on to ${sim.nowPs} ps, past what rings hold`);
      if (engine.stats) {
        engine.stats.deferredEvents = sim.deferredEventCount;
        engine.stats.heapEvents = sim.heapEventCount;
      }
      return summarizeRun({
        config,
        placement,
        recorder,
        resourceNames: resources.names(topology.hostCoreRoles),
        hostCoreCount,
        cohortInFlight: cohortInFlight(cores, recorder),
        generatedFrames: sim.emissionCount,
        events: sim.eventCount,
        simulatedPs: sim.nowPs,
      });
    },
  };
}

/**
 * Frames of the measured cohort still held when the run stopped: in the pollers' rings, or taken by
 * a poll and not handed on yet (the NIC's stages and final delivery hold none: they pass a frame on
 * the moment it is offered). Counted from the frames themselves, so the recorder's
 * offered = delivered + dropped + in flight is a check, not a definition.
 */
function cohortInFlight(cores: readonly CpuCore[], recorder: Recorder): number {
  let count = 0;
  for (const core of cores)
    for (const job of core.jobs)
      if (job instanceof Poller) count += job.framesGeneratedIn(recorder.windowStartPs, recorder.windowEndPs);
  return count;
}

/** Resource ids: host cores, then one vCPU core per VM, then wire and PCIe per direction. */
function resourceLayout(hostCores: number, vms: number) {
  const firstVcpu = hostCores;
  const wireRx = hostCores + vms;
  return {
    firstVcpu,
    wireRx,
    wireTx: wireRx + 1,
    pcieRx: wireRx + 2,
    pcieTx: wireRx + 3,
    count: wireRx + 4,
    names(roles: ReadonlyMap<number, string>): string[] {
      const names: string[] = [];
      for (let i = 0; i < hostCores; i++) {
        const role = roles.get(i);
        names.push(role ? `host core ${i} (${role})` : `host core ${i}`);
      }
      for (let vm = 0; vm < vms; vm++) names.push(`vCPU of VM ${vm}`);
      names.push('wire RX', 'wire TX', 'PCIe RX DMA', 'PCIe TX DMA');
      return names;
    },
  };
}

/** Rings whose buffers the NIC DMAs into, for the IOTLB working set (RX and TX per queue/VF). */
function dmaRingCount(config: ScenarioConfig, placement: VmPlacement): number {
  return 2 * nicQueuesInUse(config, placement);
}
