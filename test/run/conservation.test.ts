import { describe, expect, it } from 'vitest';
import { DROP_LOCATIONS, type RunResult } from '../../src/run/runResult.js';
import type { Direction } from '../../src/scenario/scenarioConfig.js';
import type { ScenarioInput } from '../../src/scenario/scenarioInput.js';
import { ALL_MODES, frame, percent, runShort } from './scenarioRuns.js';

const DIRECTIONS: readonly Direction[] = ['rx', 'tx', 'bidir'];

/** Workloads that exercise the accounting: overload with drops, random arrivals, tiny frames. */
const WORKLOADS: readonly { name: string; input: ScenarioInput }[] = [
  { name: '1518 B CBR at 100%', input: {} },
  { name: '1518 B Poisson at 100%', input: { workload: { arrivals: 'poisson' } } },
  { name: '64 B CBR at 100%', input: { workload: { frame: frame(64), durationMs: 2, warmupMs: 1 } } },
  {
    name: 'IMIX Poisson at 70%',
    input: { workload: { frame: { kind: 'imix' }, load: percent(70), arrivals: 'poisson', durationMs: 4 } },
  },
];

function merge(base: ScenarioInput, extra: ScenarioInput): ScenarioInput {
  return { ...base, ...extra, workload: { ...base.workload, ...extra.workload } };
}

/**
 * The drop figures are reported consistently: the per-location counts add up to the total and the
 * drop ratio is dropped / offered. These hold by construction (the recorder bumps the total and the
 * location together; the summary computes the ratio this way); they guard the report, not the model.
 */
function expectDropsReportedConsistently(result: RunResult): void {
  const { frames } = result;
  const byLocation = DROP_LOCATIONS.reduce((sum, location) => sum + result.drops[location], 0);
  expect(byLocation).toBe(frames.dropped);
  expect(result.dropRatio).toBeCloseTo(frames.dropped / frames.offered, 12);
}

/** offered = delivered + dropped + in flight, and the run drains; drops are reported consistently. */
function expectConserved(result: RunResult): void {
  const { frames } = result;
  expect(frames.offered).toBeGreaterThan(0);
  expect(frames.offered).toBe(frames.delivered + frames.dropped + frames.inFlight);
  // the simulation runs until every frame has been delivered or dropped
  expect(frames.inFlight).toBe(0);
  expectDropsReportedConsistently(result);
  // per-VM figures add up to the totals
  const vmOffered = result.perVm.reduce((sum, vm) => sum + vm.offeredGbps, 0);
  const vmDelivered = result.perVm.reduce((sum, vm) => sum + vm.deliveredMpps, 0);
  expect(vmOffered).toBeCloseTo(result.offered.gbps, 9);
  expect(vmDelivered).toBeCloseTo(result.delivered.mpps, 9);
  expect(result.delivered.gbps).toBeLessThanOrEqual(result.offered.gbps + 1e-9);
}

describe('frame conservation in every mode and direction', () => {
  for (const { name, input } of WORKLOADS) {
    describe(name, () => {
      for (const mode of ALL_MODES) {
        it.each(DIRECTIONS)(`${mode} %s`, (direction) => {
          const result = runShort(
            merge({ mode, vms: { count: 8 } }, merge(input, { workload: { direction } })),
          );
          expectConserved(result);
        });
      }
    });
  }
});

describe('conservation where the drops happen', () => {
  it('paravirt overload drops in the NIC RX ring, ahead of the saturated switch core', () => {
    const result = runShort({ mode: 'paravirt', vms: { count: 8 } });
    expectConserved(result);
    expect(result.dropRatio).toBeGreaterThan(0.5);
    expect(result.drops.nicRxRing).toBe(result.frames.dropped);
  });

  it('guest rings too small for a switch batch drop in the guest ring', () => {
    const result = runShort({
      mode: 'paravirt',
      vms: { count: 1 },
      guest: { ringSize: 8 },
      // loaded enough that the switch polls in big batches (at light load it signals per frame)
      workload: { load: percent(60) },
    });
    expectConserved(result);
    expect(result.drops.guestRing).toBeGreaterThan(0);
  });

  it('an emulated device model with a tiny backlog drops in the switch backlog', () => {
    const result = runShort({
      mode: 'emulated',
      vms: { count: 1 },
      guest: { backlogFrames: 4 },
      workload: { load: percent(60) },
    });
    expectConserved(result);
    expect(result.drops.switchBacklog).toBeGreaterThan(0);
  });

  it('Poisson bursts beyond a tiny sender queue drop at the source', () => {
    const result = runShort({
      mode: 'sriov',
      vms: { count: 4 },
      workload: { arrivals: 'poisson', sourceQueueFrames: 2 },
    });
    expectConserved(result);
    expect(result.drops.source).toBeGreaterThan(0);
  });

  it('TX bursts beyond tiny NIC TX rings drop in the NIC TX ring', () => {
    const result = runShort({
      mode: 'sriov',
      vms: { count: 1 },
      nic: { ringSize: 8 },
      workload: { direction: 'tx', arrivals: 'poisson', load: percent(90) },
    });
    expectConserved(result);
    expect(result.drops.nicTxRing).toBeGreaterThan(0);
    expect(result.drops.nicTxRing).toBe(result.frames.dropped);
  });

  it('an overloaded guest TX path drops at the source (the guest ring the application sends into)', () => {
    const result = runShort({
      mode: 'sriov',
      vms: { count: 8 },
      workload: { direction: 'tx', frame: frame(64), durationMs: 2, warmupMs: 1 },
    });
    expectConserved(result);
    expect(result.drops.source).toBeGreaterThan(0);
    expect(result.drops.source).toBe(result.frames.dropped);
  });

  it('VMs on the fallback path are accounted for like the rest', () => {
    expectConserved(
      runShort({
        mode: 'vmdq',
        nic: { profile: '82598' },
        vms: { count: 20 },
        workload: { direction: 'bidir' },
      }),
    );
    expectConserved(
      runShort({
        mode: 'sriov',
        vms: { count: 70 },
        fallback: true,
        workload: { direction: 'bidir', arrivals: 'poisson' },
      }),
    );
  });
});
