/**
 * The shapes of MODEL.md §6 over sweeps (issue 4), not single points. Tolerances are stated per
 * assertion; each sweep point is a short run (10 ms window after 2 ms warm-up).
 */
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../src/run/runResult.js';
import type { ModeId } from '../../src/scenario/scenarioConfig.js';
import type { ScenarioInput } from '../../src/scenario/scenarioInput.js';
import { hostCyclesPerByte, runShort } from '../run/scenarioRuns.js';

/** `mode` with `vms` VMs over the short window (SHORT_WINDOW), `extra` for the rest. */
function run(mode: ModeId, vms: number, extra: ScenarioInput = {}): RunResult {
  return runShort({ ...extra, mode, vms: { count: vms } });
}

describe('published shapes over sweeps (MODEL.md §6)', () => {
  it('paravirt RX aggregate is flat within ±10% from 1 to 32 VMs at 1518 B: one switch core', () => {
    const sweep = [1, 2, 4, 8, 16, 32].map((vms) => run('paravirt', vms));
    const reference = sweep[0]!.delivered.gbps;
    for (const result of sweep) {
      expect(Math.abs(result.delivered.gbps / reference - 1), `${result.vms} VMs`).toBeLessThanOrEqual(0.1);
      expect(result.utilization[0]?.name).toMatch(/wire RX|host core 0 \(software switch\)/);
      expect(result.delivered.lineRatePct).toBeLessThan(50);
    }
  });

  for (const mode of ['vmdq', 'vmq'] as const) {
    it(`${mode} is within 10% of line rate from 8 VMs up to the pool limit, and falls back beyond it`, () => {
      const poolLimit = 63; // 82599: 64 pools, one is the default queue
      for (const vms of [8, 16, 32, poolLimit]) {
        const result = run(mode, vms);
        expect(result.delivered.lineRatePct, `${vms} VMs`).toBeGreaterThanOrEqual(90);
        expect(result.placement.fallback).toBe(0);
      }
      const beyond = run(mode, 128);
      expect(beyond.placement).toMatchObject({ dedicated: poolLimit, fallback: 128 - poolLimit });
      expect(beyond.bottleneck).toContain('limit hit');
      // the 65 VMs on the default queue share one switch core: they get less than their share
      const dedicated = beyond.perVm.filter((vm) => vm.path === 'dedicated');
      const fallback = beyond.perVm.filter((vm) => vm.path === 'softwareSwitch');
      const mean = (rows: typeof dedicated) =>
        rows.reduce((sum, vm) => sum + vm.deliveredGbps, 0) / rows.length;
      expect(mean(fallback)).toBeLessThan(0.95 * mean(dedicated));
      expect(beyond.delivered.lineRatePct).toBeLessThan(97);
    });
  }

  it('per-VM VMQ throughput is capped by one host core (the queue core), whatever the link offers', () => {
    const single = run('vmq', 1);
    const ghz = single.scenario.host.ghz;
    const perFrameCycles = single.scenario.costs.vmqPacketCycles;
    const oneCoreGbps = ((ghz * 1e9) / perFrameCycles) * single.frameBytes * 8 * 1e-9;
    // below the one-core bound (interrupt and poll costs come on top), within 10% of it
    expect(single.delivered.gbps).toBeLessThanOrEqual(oneCoreGbps);
    expect(single.delivered.gbps).toBeGreaterThanOrEqual(0.9 * oneCoreGbps);
    expect(single.utilization.find((row) => row.name.includes('VMQ queue'))?.utilization).toBeGreaterThan(
      0.95,
    );
    // the same holds for every VM when queues share nothing: per-VM ≤ the one-core bound
    for (const vm of run('vmq', 8).perVm) expect(vm.deliveredGbps).toBeLessThanOrEqual(oneCoreGbps);
  });

  it('sriov is within 5% of line rate from 1 VM to the VF limit', () => {
    for (const vms of [1, 2, 4, 8, 16, 32, 63]) {
      expect(run('sriov', vms).delivered.lineRatePct, `${vms} VMs`).toBeGreaterThanOrEqual(95);
    }
  });

  it('at 64 B only sriov and native reach 80% of line rate', () => {
    const small = { workload: { frame: { kind: 'fixed', bytes: 64 } as const, durationMs: 4, warmupMs: 1 } };
    for (const mode of ['native', 'sriov'] as const) {
      expect(run(mode, 32, small).delivered.lineRatePct, mode).toBeGreaterThanOrEqual(80);
    }
    for (const mode of ['emulated', 'paravirt', 'vmq', 'vmdq'] as const) {
      expect(run(mode, 32, small).delivered.lineRatePct, mode).toBeLessThan(80);
    }
  });

  it('host CPU per byte is strictly emulated > paravirt > vmdq > vmq > sriov at every VM count, for the same traffic', () => {
    const sameTraffic = { workload: { load: { unit: 'percent', value: 20 } as const } };
    for (const vms of [1, 2, 4, 8, 16, 32]) {
      const perByte = (['emulated', 'paravirt', 'vmdq', 'vmq', 'sriov'] as const).map((mode) => {
        const result = run(mode, vms, sameTraffic);
        expect(result.dropRatio, `${mode} at ${vms} VMs carries the load`).toBe(0);
        return hostCyclesPerByte(result);
      });
      for (let i = 1; i < perByte.length; i++) {
        expect(perByte[i - 1]!, `${vms} VMs, order position ${i}`).toBeGreaterThan(perByte[i]!);
      }
    }
  });
});
