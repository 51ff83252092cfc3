import { describe, expect, it } from 'vitest';
import { CPU_COMPONENTS, type RunResult } from '../../src/run/runResult.js';
import { ALL_MODES, frame, percent, runShort } from './scenarioRuns.js';

/** Every number anywhere in the result, with its path. */
function numbers(value: unknown, path = ''): [string, number][] {
  if (typeof value === 'number') return [[path, value]];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) => numbers(child, `${path}.${key}`));
}

function expectWellFormed(result: RunResult): void {
  for (const [path, value] of numbers(result)) expect(Number.isFinite(value), path).toBe(true);
  const { p50, p90, p99, p999, max } = result.latencyUs;
  expect(p50).toBeGreaterThan(0);
  expect(p50 <= p90 && p90 <= p99 && p99 <= p999 && p999 <= max).toBe(true);
  expect(result.utilization.length).toBeLessThanOrEqual(8);
  for (let i = 1; i < result.utilization.length; i++) {
    const [before, row] = [result.utilization[i - 1]!, result.utilization[i]!];
    expect(row.utilization).toBeLessThanOrEqual(before.utilization);
    // Ties in the order of the names' code units, whatever the machine's locale.
    if (row.utilization === before.utilization) expect(before.name < row.name, row.name).toBe(true);
  }
  for (const row of result.utilization) expect(row.utilization).toBeLessThanOrEqual(1.001);
  const componentSum = CPU_COMPONENTS.reduce((sum, c) => sum + result.cpu.byComponent[c], 0);
  expect(componentSum).toBeCloseTo(result.cpu.hostCores + result.cpu.guestCores, 9);
  expect(result.perVm).toHaveLength(result.vms);
  expect(result.sim.packets).toBeGreaterThanOrEqual(result.frames.offered);
  expect(result.sim.simulatedMs).toBeGreaterThanOrEqual(
    result.scenario.workload.warmupMs + result.scenario.workload.durationMs - 0.01,
  );
}

describe('runScenario results', () => {
  it('lists resources that tie on utilization by name, in code-unit order (the same in every locale)', () => {
    // Twelve VMs at CBR, a VF each: every vCPU does the same work.
    const result = runShort({ mode: 'sriov', vms: { count: 12 }, workload: { frame: frame(1518) } });
    const vcpus = result.utilization.filter((row) => row.name.startsWith('vCPU'));
    expect(vcpus.length).toBeGreaterThan(4);
    expect(new Set(vcpus.map((row) => row.utilization)).size).toBe(1);
    expect(vcpus.map((row) => row.name)).toEqual(
      [
        'vCPU of VM 0',
        'vCPU of VM 1',
        'vCPU of VM 10',
        'vCPU of VM 11',
        'vCPU of VM 2',
        'vCPU of VM 3',
      ].slice(0, vcpus.length),
    );
  });

  it.each(ALL_MODES)('%s: every figure is finite and consistent', (mode) => {
    const result = runShort({
      mode,
      vms: { count: 6 },
      workload: { direction: 'bidir', load: percent(50), frame: { kind: 'imix' } },
    });
    expect(result.mode).toBe(mode);
    expect(result.direction).toBe('bidir');
    expect(result.scenario.mode).toBe(mode);
    expectWellFormed(result);
  });

  it('counts only the window: a longer warm-up does not change CBR offered frames', () => {
    const a = runShort({ mode: 'sriov', vms: { count: 2 }, workload: { warmupMs: 1 } });
    const b = runShort({ mode: 'sriov', vms: { count: 2 }, workload: { warmupMs: 7 } });
    expect(Math.abs(a.frames.offered - b.frames.offered)).toBeLessThanOrEqual(1);
    expect(b.sim.packets - a.sim.packets).toBeGreaterThan(4_800);
  });

  it('lists what SR-IOV gives up, including the posted-interrupt setting in force', () => {
    const off = runShort({ mode: 'sriov', vms: { count: 2 } });
    const on = runShort({ mode: 'sriov', vms: { count: 2 }, host: { postedInterrupts: true } });
    expect(off.tradeoffs.some((t) => t.includes('live migration'))).toBe(true);
    expect(off.tradeoffs.some((t) => t.startsWith('posted interrupts off'))).toBe(true);
    expect(on.tradeoffs.some((t) => t.startsWith('posted interrupts on'))).toBe(true);
  });

  it('orders one-way latency of a lone packet native < sriov < paravirt < emulated (R10 shape)', () => {
    // 0.01% of 64 B line rate: one frame every 672 µs, far apart enough that none waits for another
    const latency = (mode: (typeof ALL_MODES)[number]) =>
      runShort({
        mode,
        vms: { count: 1 },
        workload: { frame: frame(64), load: percent(0.01), durationMs: 20 },
      }).latencyUs.p50;
    const native = latency('native');
    const sriov = latency('sriov');
    const paravirt = latency('paravirt');
    const emulated = latency('emulated');
    expect(native).toBeLessThan(sriov);
    expect(sriov).toBeLessThan(paravirt);
    expect(paravirt).toBeLessThan(emulated);
  });
});
