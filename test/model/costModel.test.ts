import { describe, expect, it } from 'vitest';
import { NO_CHARGE } from '../../src/model/costItem.js';
import { CostModel } from '../../src/model/costModel.js';
import { defaultCosts } from '../../src/model/costTable.js';
import { COMPONENT } from '../../src/model/cpuComponents.js';
import { wirePs } from '../../src/model/nicPorts.js';
import { iotlbMisses, PcieTiming } from '../../src/model/pcieLink.js';

describe('CostModel', () => {
  it('converts cycles to ps at the core clock', () => {
    const cost = new CostModel(defaultCosts(), 2.6, true);
    expect(cost.cyclesToPs(2600)).toBe(1_000_000);
    const item = cost.cycles('switch', 1300, 0.5);
    expect(item.component).toBe(COMPONENT.switch);
    expect(item.fixedPs).toBeCloseTo(500_000, 6);
    expect(item.perBytePs).toBeCloseTo(192.307692, 5);
    // the same cycles take longer on a slower clock
    expect(new CostModel(defaultCosts(), 1.3, true).cyclesToPs(2600)).toBe(2_000_000);
  });

  it('charges copies at memory speed, independent of the clock; cold only for a non-DDIO DMA buffer', () => {
    const costs = defaultCosts();
    const ddio = new CostModel(costs, 2.6, true);
    const slowClockNoDdio = new CostModel(costs, 1.0, false);
    const hot = ddio.copy(true);
    expect(hot.component).toBe(COMPONENT.copy);
    expect(hot.fixedPs).toBe(costs.copyFixedNs * 1000);
    expect(hot.perBytePs).toBe(1000 / costs.copyHotGBps);
    // 1518 B at 10 GB/s + 20 ns = 171.8 ns
    expect(hot.fixedPs + 1518 * hot.perBytePs).toBeCloseTo(171_800, 6);
    expect(slowClockNoDdio.copy(false)).toEqual(hot);
    const cold = slowClockNoDdio.copy(true);
    expect(cold.fixedPs).toBe(costs.copyColdFixedNs * 1000);
    expect(cold.perBytePs).toBe(1000 / costs.copyColdGBps);
  });

  it('drops zero-cost items from a charge and keeps its exits and interrupts', () => {
    const cost = new CostModel(defaultCosts(), 2.6, true);
    const charge = cost.charge([cost.cycles('exits', 0), cost.cycles('exits', 2600)], 2, 1);
    expect(charge.items).toHaveLength(1);
    expect(charge.items[0]!.fixedPs).toBe(1_000_000);
    expect(charge.exits).toBe(2);
    expect(charge.interrupts).toBe(1);
    expect(NO_CHARGE.items).toHaveLength(0);
  });

  it('hands out one shared charge for equal figures (each VM asks for its own)', () => {
    const cost = new CostModel(defaultCosts(), 2.6, true);
    const signal = () => cost.charge([cost.cycles('injection', 2600)], 0, 1);
    expect(signal()).toBe(signal());
    // Zero-cost items do not make a different charge; other figures do.
    expect(cost.charge([cost.cycles('exits', 0), cost.cycles('injection', 2600)], 0, 1)).toBe(signal());
    expect(cost.charge([cost.cycles('injection', 2600)], 1, 1)).not.toBe(signal());
    expect(cost.charge([cost.cycles('injection', 2601)], 0, 1)).not.toBe(signal());
    expect(cost.charge([cost.cycles('exits', 2600)], 0, 1)).not.toBe(signal());
  });

  it('hands out one item per figures, and one charge for equal figures however the items were made', () => {
    const cost = new CostModel(defaultCosts(), 2.6, true);
    expect(cost.cycles('switch', 1300, 0.5)).toBe(cost.cycles('switch', 1300, 0.5));
    expect(cost.cycles('switch', 1300)).not.toBe(cost.cycles('switch', 1300, 0.5));
    expect(cost.cycles('exits', 1300)).not.toBe(cost.cycles('switch', 1300));
    expect(cost.copy(true)).toBe(cost.copy(true));
    expect(cost.stack('guestStack')).toBe(cost.stack('guestStack'));
    const signal = cost.charge([cost.cycles('injection', 2600)], 0, 1);
    // Items of the same figures made elsewhere: found by their figures, the same charge.
    const lookalike = { component: COMPONENT.injection, fixedPs: 1_000_000, perBytePs: 0 };
    expect(cost.charge([lookalike], 0, 1)).toBe(signal);
    expect(cost.charge([{ ...lookalike, fixedPs: 1_000_001 }], 0, 1)).not.toBe(signal);
  });
});

describe('wire and PCIe timing (MODEL.md §1, §2)', () => {
  it('serializes a frame plus 20 B of preamble/IFG at line rate', () => {
    expect(wirePs(64, 10)).toBe(67_200);
    expect(wirePs(1518, 10)).toBe(1_230_400);
    // MODEL.md §1: a 64 B frame occupies 100 GbE for 6.72 ns
    expect(wirePs(64, 100)).toBe(6_720);
    // 10 GbE line rate: 14.88 Mpps at 64 B, 812.7 kpps at 1518 B
    expect(1e12 / wirePs(64, 10) / 1e6).toBeCloseTo(14.88, 2);
    expect(1e12 / wirePs(1518, 10) / 1e3).toBeCloseTo(812.7, 1);
    // 25 GbE: 37.2 Mpps at 64 B
    expect(1e12 / wirePs(64, 25) / 1e6).toBeCloseTo(37.2, 1);
  });

  it('gives pcie-bench DMA latencies: ≈546 ns at 64 B, ≈986 ns at 1520 B, +100 ns cross-socket, +280 ns IOTLB miss', () => {
    const costs = defaultCosts();
    const plain = new PcieTiming(32, costs, false, false);
    expect(plain.latencyPs(64) / 1000).toBeCloseTo(546, 0);
    expect(plain.latencyPs(1520) / 1000).toBeCloseTo(986, 0);
    const remote = new PcieTiming(32, costs, false, true);
    expect(remote.latencyPs(64) - plain.latencyPs(64)).toBe(100_000);
    const missing = new PcieTiming(32, costs, true, false);
    expect(missing.latencyPs(64) - plain.latencyPs(64)).toBe(280_000);
    expect(missing.servicePs(64) - plain.servicePs(64)).toBe(costs.iotlbMissOccupancyNs * 1000);
  });

  it('holds the link for payload plus one TLP header per 256 B at the PCIe data rate', () => {
    const timing = new PcieTiming(32, defaultCosts(), false, false);
    // 64 B: one TLP, (64 + 24) B × 8 / 32 Gb/s = 22 ns
    expect(timing.servicePs(64)).toBe(22_000);
    // 1518 B: 6 TLPs, (1518 + 6 × 24) × 8 / 32 = 415.5 ns
    expect(timing.servicePs(1518)).toBe(415_500);
  });

  it('flags IOTLB misses when the DMA working set exceeds 256 KiB of 2 KiB buffers', () => {
    expect(iotlbMisses(1, 128)).toBe(false);
    expect(iotlbMisses(1, 129)).toBe(true);
    expect(iotlbMisses(64, 512)).toBe(true);
  });
});
