import { describe, expect, it } from 'vitest';
import { findBottleneck, type BottleneckInput } from '../../src/metrics/findBottleneck.js';
import type { DropLocation } from '../../src/run/runResult.js';

const NO_DROPS: Record<DropLocation, number> = {
  source: 0,
  nicRxRing: 0,
  switchBacklog: 0,
  guestRing: 0,
  nicTxRing: 0,
};
const PLACEMENT = { dedicated: 4, fallback: 0, vmPath: [], note: '4 VMs on their own VF' } as const;

function input(overrides: Partial<BottleneckInput>): BottleneckInput {
  return {
    utilization: [],
    drops: NO_DROPS,
    dropRatio: 0,
    placement: PLACEMENT,
    mode: 'sriov',
    ...overrides,
  };
}

describe('findBottleneck', () => {
  it('names saturated cores, then the wire as line rate', () => {
    const line = findBottleneck(
      input({
        utilization: [
          { name: 'host core 0 (software switch)', utilization: 1 },
          { name: 'wire RX', utilization: 0.999 },
          { name: 'vCPU of VM 0', utilization: 0.2 },
        ],
      }),
    );
    expect(line).toBe('saturated: host core 0 (software switch) 100.0%; line rate: wire RX 99.9%');
  });

  it('says "line rate" alone when only the wire is saturated', () => {
    expect(findBottleneck(input({ utilization: [{ name: 'wire RX', utilization: 1 }] }))).toBe(
      'line rate: wire RX 100.0%',
    );
  });

  it('names the busiest resource when nothing is saturated (below 95%)', () => {
    expect(
      findBottleneck(
        input({
          utilization: [
            { name: 'vCPU of VM 3', utilization: 0.949 },
            { name: 'wire RX', utilization: 0.5 },
          ],
        }),
      ),
    ).toBe('no resource saturated; busiest is vCPU of VM 3 at 94.9%');
    expect(findBottleneck(input({}))).toBe('nothing was busy');
  });

  it('lists at most three saturated resources and counts the rest', () => {
    const utilization = [1, 2, 3, 4, 5].map((i) => ({ name: `host core ${i}`, utilization: 0.99 }));
    expect(findBottleneck(input({ utilization }))).toBe(
      'saturated: host core 1 99.0%, host core 2 99.0%, host core 3 99.0% and 2 more',
    );
  });

  it('names where most frames were dropped when more than 0.1% were', () => {
    const line = findBottleneck(
      input({ drops: { ...NO_DROPS, nicRxRing: 10, guestRing: 30 }, dropRatio: 0.25 }),
    );
    expect(line).toBe("nothing was busy; 25.0% of frames dropped, most in the guests' virtual NIC rings");
    expect(findBottleneck(input({ drops: { ...NO_DROPS, nicRxRing: 1 }, dropRatio: 0.0005 }))).toBe(
      'nothing was busy',
    );
  });

  it('adds the placement limit for modes with dedicated queues, not for paravirt/emulated', () => {
    const placement = { dedicated: 15, fallback: 5, vmPath: [], note: '5 beyond the 15 usable pools' };
    expect(findBottleneck(input({ placement, mode: 'vmdq' }))).toBe(
      'nothing was busy; limit hit: 5 beyond the 15 usable pools',
    );
    expect(findBottleneck(input({ placement, mode: 'paravirt' }))).toBe('nothing was busy');
  });
});
