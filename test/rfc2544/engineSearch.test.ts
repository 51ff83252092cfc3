import { describe, expect, it } from 'vitest';
import type { Rfc2544Settings } from '../../src/rfc2544/rfc2544Result.js';
import { runRfc2544Point } from '../../src/rfc2544/runRfc2544Point.js';
import { inProcessExecutor, runRfc2544Points } from '../../src/rfc2544/runRfc2544Points.js';
import { burstTrialConfig, runEngineTrial, throughputTrialConfig } from '../../src/rfc2544/scenarioTrials.js';
import { searchBurst } from '../../src/rfc2544/searchBurst.js';
import { resolveScenario } from '../../src/scenario/resolveScenario.js';
import type { ScenarioConfig } from '../../src/scenario/scenarioConfig.js';
import type { ScenarioInput } from '../../src/scenario/scenarioInput.js';
import { lineRatePps } from '../../src/workload/frameMix.js';

function config(input: ScenarioInput): ScenarioConfig {
  const resolved = resolveScenario(input);
  if (!resolved.ok) throw new Error(resolved.problems.map((problem) => problem.message).join('; '));
  return resolved.value;
}

const SEARCH_ONLY: Rfc2544Settings = {
  ndrLossRatio: 0,
  pdrLossRatio: 0.001,
  precision: 0.001,
  maxTrials: 40,
  trialFrames: null,
  latency: false,
  burstMaxFrames: null,
};

/**
 * Native with one host core: one RSS queue, and that core's NAPI poll runs driver + stack for every
 * frame. At saturation each poll takes a full budget, so a frame costs
 * stackPacketCycles + bytes × stackByteCycles + napiPollCycles / napiBudget cycles, and capacity is
 * GHz / that. A 64-descriptor ring and no interrupt moderation leave nothing to hide an overload
 * in (64 frames of 100,000) or to lose below capacity (no ITR gap to overflow the ring).
 */
const NATIVE_ONE_CORE = config({
  mode: 'native',
  vms: { count: 1 },
  host: { cores: 1 },
  nic: { ringSize: 64, itrUs: 0 },
  workload: { frame: { kind: 'fixed', bytes: 64 } },
});

describe('the search through the simulated host', () => {
  it('finds the capacity of one native core computed from the cost table, to the grid step', () => {
    const { costs, host, guest, nic, workload } = NATIVE_ONE_CORE;
    const cyclesPerFrame =
      costs.stackPacketCycles + 64 * costs.stackByteCycles + costs.napiPollCycles / guest.napiBudget;
    const capacityFraction = (host.ghz * 1e9) / cyclesPerFrame / lineRatePps(nic.linkGbps, workload.frame);
    expect(capacityFraction).toBeCloseTo(0.1138, 4); // 1,535 cycles at 2.6 GHz: 1.694 Mpps of 14.88

    const point = runRfc2544Point({ config: NATIVE_ONE_CORE, settings: SEARCH_ONLY });
    expect(point.trialFrames).toBe(100_000);
    expect(point.ndr.lineRatePct).toBe(Math.floor(capacityFraction * 1000) / 10); // 11.3
    expect(point.ndr.failedAbovePct).toBe(point.ndr.lineRatePct + 0.1);
    expect(point.ndr.lossRatio).toBe(0);
    expect(point.ndr.hostCores).toBeGreaterThan(0.98);
    expect(point.ndr.bottleneck).toMatch(/host core 0/);
    expect(point.pdr.lineRatePct).toBeGreaterThanOrEqual(point.ndr.lineRatePct);
    expect(point.ndr.mpps).toBeCloseTo((point.ndr.lineRatePct / 100) * 14.880952, 6);
  }, 20_000);

  it('sends exactly the burst asked for, and counts frames still undelivered after the drain as lost', () => {
    const base = config({
      mode: 'paravirt',
      vms: { count: 2 },
      workload: { frame: { kind: 'fixed', bytes: 1518 } },
    });
    const small = runEngineTrial(burstTrialConfig(base, 37));
    expect(small.offeredFrames).toBe(37);
    expect(small.droppedFrames).toBe(0);
    const large = runEngineTrial(burstTrialConfig(base, 5000));
    expect(large.offeredFrames).toBe(5000);
    expect(large.droppedFrames).toBe(large.offeredFrames - large.deliveredFrames);
    expect(large.droppedFrames).toBeGreaterThan(0);
  });

  it('runs a throughput trial for the frames asked, after a 10% warm-up', () => {
    const base = config({
      mode: 'sriov',
      vms: { count: 2 },
      workload: { frame: { kind: 'fixed', bytes: 512 } },
    });
    const trial = throughputTrialConfig(base, 0.5, 10_000);
    expect(trial.workload.load).toEqual({ unit: 'percent', value: 50 });
    expect(trial.workload.warmupMs).toBeCloseTo(trial.workload.durationMs / 10, 12);
    expect(runEngineTrial(trial).offeredFrames).toBeCloseTo(10_000, -1);
  });
});

describe('back-to-back through the simulated host', () => {
  /** Native, one core, 1518 B: the core (870 ns a frame) outruns the wire (1,230 ns a frame). */
  const nativeBurst = (ringSize: number, itrUs: number) =>
    searchBurst(
      (frames) =>
        runEngineTrial(
          burstTrialConfig(
            config({
              mode: 'native',
              vms: { count: 1 },
              host: { cores: 1 },
              nic: { ringSize, itrUs },
              workload: { frame: { kind: 'fixed', bytes: 1518 } },
            }),
            frames,
          ),
        ),
      { maxFrames: 5000, startFrames: 16 },
    );

  it('with interrupt moderation, absorbs the ring plus the frame the first poll took (hand-computed)', () => {
    // The first frame interrupts at once and its poll finds only that frame; the next interrupt
    // may come 200 µs later, when 162 more frames have arrived: the ring holds ringSize of them.
    expect(nativeBurst(64, 200)).toMatchObject({ frames: 65, capped: false });
    expect(nativeBurst(128, 200)).toMatchObject({ frames: 129, capped: false });
  });

  it('without interrupt moderation, a core faster than the wire absorbs any burst', () => {
    expect(nativeBurst(64, 0)).toMatchObject({ frames: 5000, capped: true });
  });

  it('grows with the ring in front of a core slower than the wire (paravirt switch at 1518 B)', () => {
    const burstFor = (ringSize: number) =>
      runRfc2544Point({
        config: config({
          mode: 'paravirt',
          vms: { count: 4 },
          nic: { ringSize },
          workload: { frame: { kind: 'fixed', bytes: 1518 } },
        }),
        settings: { ...SEARCH_ONLY, precision: 0.1, trialFrames: 2000, burstMaxFrames: 20_000 },
      }).backToBack?.frames ?? 0;
    const bursts = [128, 512, 1024].map(burstFor);
    expect(bursts[0]).toBeGreaterThan(128);
    expect(bursts[1]).toBeGreaterThan(bursts[0]!);
    expect(bursts[2]).toBeGreaterThan(bursts[1]!);
  });
});

describe('determinism', () => {
  const specs = [64, 1518].map((bytes) => ({
    config: config({ mode: 'vmdq', vms: { count: 4 }, workload: { frame: { kind: 'fixed', bytes } } }),
    settings: { ...SEARCH_ONLY, precision: 0.02, trialFrames: 5000, latency: true, burstMaxFrames: 2000 },
  }));

  it('gives the same result every time, trial by trial or batched with other searches', async () => {
    const sequential = specs.map((spec) => runRfc2544Point(spec));
    expect(specs.map((spec) => runRfc2544Point(spec))).toEqual(sequential);
    const finished: number[] = [];
    const batched = await runRfc2544Points(specs, {
      execute: inProcessExecutor,
      onPoint: (index) => finished.push(index),
    });
    expect(batched).toEqual(sequential);
    expect([...finished].sort()).toEqual([0, 1]);
    const oneAtATime = await runRfc2544Points(specs, { execute: inProcessExecutor, window: 1 });
    expect(oneAtATime).toEqual(sequential);
    expect(sequential[0]?.latencyAtLoad.map((row) => row.fractionOfNdr)).toEqual([0.1, 0.5, 0.9, 1]);
  }, 20_000);
});
