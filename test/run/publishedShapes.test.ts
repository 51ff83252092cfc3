/**
 * MODEL.md §6: the shapes the model must reproduce, at the default host (modern, 16 cores at
 * 2.6 GHz), NIC (82599, 10 GbE) and workload (1518 B, 100% CBR RX), over short windows.
 */
import { describe, expect, it } from 'vitest';
import type { ModeId } from '../../src/scenario/scenarioConfig.js';
import { frame, hostCyclesPerByte, percent, runShort, utilizationOf } from './scenarioRuns.js';

const SWITCH_CORE = 'host core 0 (software switch)';

describe('SR-IOV flat at line rate (R1)', () => {
  it('delivers ≥ 97% of line rate at 32 VMs with 1518 B frames', () => {
    const result = runShort({ mode: 'sriov', vms: { count: 32 } });
    expect(result.delivered.lineRatePct).toBeGreaterThanOrEqual(97);
    expect(result.dropRatio).toBe(0);
  });

  it.each([1, 8, 63])('stays at line rate with %i VMs, up to the VF limit', (vms) => {
    expect(runShort({ mode: 'sriov', vms: { count: vms } }).delivered.lineRatePct).toBeGreaterThanOrEqual(97);
  });
});

describe('paravirtual: one core sorts and copies everything (R5, R12)', () => {
  const result = runShort({ mode: 'paravirt', vms: { count: 32 } });

  it('delivers ≤ 50% of line rate, 3–5 Gb/s, with host core 0 saturated', () => {
    expect(result.delivered.lineRatePct).toBeLessThanOrEqual(50);
    expect(result.delivered.gbps).toBeGreaterThanOrEqual(3);
    expect(result.delivered.gbps).toBeLessThanOrEqual(5);
    expect(utilizationOf(result, SWITCH_CORE)).toBeGreaterThanOrEqual(0.95);
  });

  it('stays flat at one core’s capacity as VMs grow (1, 8, 32 VMs within 10%)', () => {
    const rates = [1, 8, 32].map((vms) => runShort({ mode: 'paravirt', vms: { count: vms } }).delivered.gbps);
    const max = Math.max(...rates);
    const min = Math.min(...rates);
    expect(max / min).toBeLessThan(1.1);
    for (const gbps of rates) expect(gbps).toBeLessThanOrEqual(5);
  });
});

describe('VMDq / VMQ: near line rate once VMs ≥ 8, each queue one-core bound (R5)', () => {
  it.each(['vmdq', 'vmq'] as const)(
    '%s with 1 VM is bound by its one queue core, well below line rate',
    (mode) => {
      const result = runShort({ mode, vms: { count: 1 } });
      expect(result.delivered.lineRatePct).toBeLessThan(70);
      const queueCore = `host core 1 (${mode === 'vmdq' ? 'VMDq pool' : 'VMQ queue'} handling)`;
      expect(utilizationOf(result, queueCore)).toBeGreaterThanOrEqual(0.95);
      // the one busy host core: nothing else shares the VM's queue work
      expect(
        result.utilization.filter((row) => row.name.startsWith('host core')).map((row) => row.name),
      ).toEqual([queueCore]);
      expect(result.bottleneck).toContain(`saturated: ${queueCore}`);
    },
  );

  it.each([
    ['vmdq', 8],
    ['vmdq', 32],
    ['vmq', 8],
    ['vmq', 32],
  ] as const)('%s with %i VMs is within 10% of line rate', (mode, vms) => {
    expect(runShort({ mode, vms: { count: vms } }).delivered.lineRatePct).toBeGreaterThanOrEqual(90);
  });

  it('VMDq lifts the paravirtual 1500 B RX figure from ~4 to > 9 Gb/s with 4+ VMs (R5 shape)', () => {
    const paravirt = runShort({ mode: 'paravirt', vms: { count: 4 } });
    const vmdq = runShort({ mode: 'vmdq', vms: { count: 8 } });
    expect(vmdq.delivered.gbps).toBeGreaterThan(9);
    expect(vmdq.delivered.gbps / paravirt.delivered.gbps).toBeGreaterThan(2);
  });
});

describe('host CPU per byte: emulated > paravirt > vmdq > vmq > sriov, for the same traffic', () => {
  const ORDER: readonly ModeId[] = ['emulated', 'paravirt', 'vmdq', 'vmq', 'sriov'];

  it.each([1, 8, 32])('holds strictly at 20%% of line rate with %i VMs (no mode drops)', (vms) => {
    const perByte = ORDER.map((mode) => {
      const result = runShort({ mode, vms: { count: vms }, workload: { load: percent(20) } });
      expect(result.dropRatio, mode).toBe(0);
      return { mode, cyclesPerByte: hostCyclesPerByte(result) };
    });
    for (let i = 1; i < perByte.length; i++) {
      const [higher, lower] = [perByte[i - 1]!, perByte[i]!];
      expect(
        higher.cyclesPerByte,
        `${higher.mode} vs ${lower.mode}: ${JSON.stringify(perByte)}`,
      ).toBeGreaterThan(lower.cyclesPerByte);
    }
    expect(perByte[perByte.length - 1]!.cyclesPerByte).toBeGreaterThan(0);
  });
});

describe('emulated NIC: 5–6× the native CPU per byte for the same traffic (R18)', () => {
  it('at 1 VM and 20% load the ratio lies in 5–6×, ±0.5 tolerance', () => {
    const input = { vms: { count: 1 }, workload: { load: percent(20) } } as const;
    const emulated = runShort({ mode: 'emulated', ...input });
    const native = runShort({ mode: 'native', ...input });
    expect(emulated.dropRatio).toBe(0);
    expect(native.dropRatio).toBe(0);
    const ratio = hostCyclesPerByte(emulated) / hostCyclesPerByte(native);
    expect(ratio).toBeGreaterThanOrEqual(4.5);
    expect(ratio).toBeLessThanOrEqual(6.5);
  });
});

describe('64 B frames: only SR-IOV and native approach line rate', () => {
  const short = { frame: frame(64), durationMs: 5, warmupMs: 1 } as const;

  it.each(['sriov', 'native'] as const)('%s reaches ≥ 80% of line rate', (mode) => {
    expect(runShort({ mode, workload: short }).delivered.lineRatePct).toBeGreaterThanOrEqual(80);
  });

  it.each(['emulated', 'paravirt', 'vmdq', 'vmq'] as const)('%s stays below 80% of line rate', (mode) => {
    expect(runShort({ mode, workload: short }).delivered.lineRatePct).toBeLessThan(80);
  });
});

describe('the bottleneck line', () => {
  it('names the software switch core for paravirt at 100% load', () => {
    const result = runShort({ mode: 'paravirt', vms: { count: 32 } });
    expect(result.bottleneck).toContain(`saturated: ${SWITCH_CORE}`);
    expect(result.bottleneck).toContain('dropped, most in the NIC RX rings');
  });

  it('says "line rate" for sriov at 100% with 1518 B frames, and nothing saturated but the wire', () => {
    const result = runShort({ mode: 'sriov', vms: { count: 32 } });
    expect(result.bottleneck).toMatch(/^line rate: wire RX 100\.0%$/);
  });

  it('names the busiest resource when nothing saturates', () => {
    const result = runShort({ mode: 'sriov', vms: { count: 4 }, workload: { load: percent(20) } });
    expect(result.bottleneck).toMatch(/^no resource saturated; busiest is wire RX at 20\.0%$/);
  });
});
