import { describe, expect, it } from 'vitest';
import { didYouMean, editDistance } from '../../src/scenario/didYouMean.js';

describe('didYouMean', () => {
  it('finds typos, swaps and case slips', () => {
    expect(didYouMean('vmz', ['mode', 'vms', 'nic'])).toBe('vms');
    expect(didYouMean('srvio', ['paravirt', 'sriov', 'vmdq'])).toBe('sriov');
    expect(didYouMean('WarmupMs', ['durationMs', 'warmupMs'])).toBe('warmupMs');
    expect(didYouMean('warmup', ['durationMs', 'warmupMs'])).toBe('warmupMs');
    expect(didYouMean('switchPortCycle', ['switchLookupCycles', 'switchPortCycles'])).toBe(
      'switchPortCycles',
    );
  });

  it('suggests nothing when nothing is close', () => {
    expect(didYouMean('bananas', ['mode', 'vms', 'nic'])).toBeUndefined();
    expect(didYouMean('x', [])).toBeUndefined();
  });

  it('counts an adjacent swap as one edit', () => {
    expect(editDistance('vmdq', 'vmqd')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });
});
