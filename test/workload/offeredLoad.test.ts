import { describe, expect, it } from 'vitest';
import { loadLabel, offeredFractionOfLineRate, offeredPps } from '../../src/workload/offeredLoad.js';

const F1518 = { kind: 'fixed', bytes: 1518 } as const;
const F64 = { kind: 'fixed', bytes: 64 } as const;

describe('offered load', () => {
  it('converts percent of line rate to frames per second', () => {
    expect(offeredPps({ unit: 'percent', value: 100 }, 10, F1518)).toBeCloseTo(1e10 / (1538 * 8), 6);
    expect(offeredPps({ unit: 'percent', value: 20 }, 10, F64)).toBeCloseTo((0.2 * 1e10) / (84 * 8), 6);
    expect(offeredPps({ unit: 'percent', value: 50 }, 25, F64)).toBeCloseTo((0.5 * 25e9) / (84 * 8), 6);
  });

  it('converts L2 Gbit/s (frame bytes only, no preamble) to frames per second', () => {
    expect(offeredPps({ unit: 'gbps', value: 5 }, 10, F1518)).toBeCloseTo(5e9 / (1518 * 8), 6);
    expect(offeredPps({ unit: 'gbps', value: 1 }, 10, { kind: 'imix' })).toBeCloseTo(
      1e9 / ((4246 / 12) * 8),
      6,
    );
  });

  it('takes Mpps as is, whatever the frame size or link', () => {
    expect(offeredPps({ unit: 'mpps', value: 1.2 }, 10, F64)).toBe(1_200_000);
    expect(offeredPps({ unit: 'mpps', value: 1.2 }, 100, F1518)).toBe(1_200_000);
  });

  it('expresses any load as a fraction of line rate', () => {
    expect(offeredFractionOfLineRate({ unit: 'percent', value: 37 }, 10, F1518)).toBeCloseTo(0.37, 12);
    // 9.8694 Gbit/s of L2 at 1518 B is exactly line rate on 10 GbE
    expect(offeredFractionOfLineRate({ unit: 'gbps', value: (10 * 1518) / 1538 }, 10, F1518)).toBeCloseTo(
      1,
      12,
    );
    expect(offeredFractionOfLineRate({ unit: 'mpps', value: 14.880952 }, 10, F64)).toBeCloseTo(1, 6);
  });

  it('labels loads', () => {
    expect(loadLabel({ unit: 'percent', value: 20 })).toBe('20%');
    expect(loadLabel({ unit: 'gbps', value: 5 })).toBe('5gbps');
    expect(loadLabel({ unit: 'mpps', value: 1.2 })).toBe('1.2mpps');
  });
});
