import { describe, expect, it } from 'vitest';
import { lineRatePps } from '../../src/workload/frameMix.js';
import { frame, percent, runShort, vmOfferedFrames } from '../run/scenarioRuns.js';

describe('workload through runScenario', () => {
  it('splits CBR load evenly: every VM is offered the same number of frames ±1', () => {
    const result = runShort({ mode: 'sriov', vms: { count: 32 } });
    const perVm = result.perVm.map((_, vm) => vmOfferedFrames(result, vm, 1518));
    expect(Math.max(...perVm) - Math.min(...perVm)).toBeLessThanOrEqual(1);
    expect(perVm.reduce((a, b) => a + b, 0)).toBe(result.frames.offered);
    // 10 ms of 1518 B line rate = 8127.4 frames
    expect(result.frames.offered).toBe(8127);
  });

  it('gives weighted VMs proportional shares', () => {
    const weights = [1, 2, 3, 4];
    const result = runShort({ mode: 'sriov', vms: { count: 4, weights }, workload: { load: percent(50) } });
    const total = result.frames.offered;
    weights.forEach((w, vm) => {
      const share = vmOfferedFrames(result, vm, 1518) / total;
      expect(Math.abs(share - w / 10), `VM ${vm}`).toBeLessThan(0.002);
      expect(result.perVm[vm]!.offeredGbps).toBeCloseTo((result.offered.gbps * w) / 10, 1);
    });
    expect(result.dropRatio).toBe(0);
  });

  it('gives weighted VMs proportional shares with Poisson arrivals too', () => {
    const result = runShort({
      mode: 'sriov',
      vms: { count: 2, weights: [1, 3] },
      workload: { load: percent(50), arrivals: 'poisson', durationMs: 20 },
    });
    const share = vmOfferedFrames(result, 1, 1518) / result.frames.offered;
    // ≈8100 frames: σ of the share ≈ 0.5%
    expect(Math.abs(share - 0.75)).toBeLessThan(0.02);
  });

  it('runs IMIX with its mean frame size of (7·64+4·570+1518)/12 B', () => {
    const result = runShort({
      mode: 'native',
      vms: { count: 4 },
      workload: { frame: { kind: 'imix' }, load: percent(50) },
    });
    const mean = (7 * 64 + 4 * 570 + 1518) / 12;
    expect(result.frameBytes).toBeCloseTo(mean, 10);
    expect(result.frameLabel).toBe('imix');
    // the frames actually drawn: bytes per frame within 1.5% of the IMIX mean (≈70k frames)
    const bytesPerFrame = (result.offered.gbps * 1e9) / 8 / (result.offered.mpps * 1e6);
    expect(Math.abs(bytesPerFrame / mean - 1)).toBeLessThan(0.015);
    expect(result.offered.mpps).toBeCloseTo((0.5 * lineRatePps(10, { kind: 'imix' })) / 1e6, 3);
  });

  it.each([
    ['percent', { unit: 'percent', value: 40 } as const, 0.4 * (10e9 / (1538 * 8))],
    ['gbps', { unit: 'gbps', value: 3 } as const, 3e9 / (1518 * 8)],
    ['mpps', { unit: 'mpps', value: 0.5 } as const, 500_000],
  ])('offers the requested load given in %s', (_unit, load, pps) => {
    const result = runShort({ mode: 'sriov', vms: { count: 4 }, workload: { load } });
    // CBR over 10 ms: the frame count is pps × 0.01 s, ±1
    expect(Math.abs(result.frames.offered - pps * 0.01)).toBeLessThanOrEqual(1);
    expect(result.offered.mpps).toBeCloseTo(pps / 1e6, 3);
    expect(result.offered.gbps).toBeCloseTo((pps * 1518 * 8) / 1e9, 2);
  });

  it.each(['sriov', 'paravirt', 'vmq', 'native'] as const)('%s delivers TX traffic', (mode) => {
    const result = runShort({ mode, vms: { count: 4 }, workload: { direction: 'tx', load: percent(20) } });
    expect(result.direction).toBe('tx');
    expect(result.frames.offered).toBe(1625);
    expect(result.frames.delivered).toBe(result.frames.offered);
    // TX leaves on the wire: the TX wire is busy 20% of the window, RX idle
    expect(result.utilization.find((row) => row.name === 'wire TX')?.utilization).toBeCloseTo(0.2, 2);
    expect(result.utilization.find((row) => row.name === 'wire RX')).toBeUndefined();
  });

  it('offers twice one direction in bidir and delivers both', () => {
    const input = {
      mode: 'sriov',
      vms: { count: 8 },
      workload: { load: percent(60), frame: frame(512) },
    } as const;
    const rx = runShort(input);
    const bidir = runShort({ ...input, workload: { ...input.workload, direction: 'bidir' } });
    expect(bidir.frames.offered).toBe(2 * rx.frames.offered);
    expect(bidir.offered.gbps).toBeCloseTo(2 * rx.offered.gbps, 9);
    expect(bidir.frames.delivered).toBe(bidir.frames.offered);
    // line rate counts both directions, so 60% each way is 60% of bidirectional line rate
    expect(bidir.delivered.lineRatePct).toBeCloseTo(60, 0);
    expect(bidir.utilization.find((row) => row.name === 'wire TX')?.utilization).toBeCloseTo(0.6, 2);
    expect(bidir.utilization.find((row) => row.name === 'wire RX')?.utilization).toBeCloseTo(0.6, 2);
  });
});
