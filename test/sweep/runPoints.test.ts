import { describe, expect, it } from 'vitest';
import { resolveScenario } from '../../src/scenario/resolveScenario.js';
import { longestFirst } from '../../src/sweep/runPoints.js';

function config(bytes: number, vms: number) {
  const resolved = resolveScenario({
    mode: 'vmq',
    vms: { count: vms },
    workload: { frame: { kind: 'fixed', bytes }, durationMs: 50 },
  });
  if (!resolved.ok) throw new Error('bad scenario');
  return resolved.value;
}

describe('longestFirst (points handed to several workers)', () => {
  it('orders points by estimated work, the longest first, keeping every point once', () => {
    const tasks = [
      { point: 0, config: config(1518, 1) },
      { point: 1, config: config(64, 1) },
      { point: 2, config: config(512, 4096) },
      { point: 3, config: config(512, 1) },
    ];
    // 64 B at line rate: ~18× the frames of 1518 B; 4096 VMs add set-up work
    expect(longestFirst(tasks).map((task) => task.point)).toEqual([1, 2, 3, 0]);
    expect(tasks.map((task) => task.point)).toEqual([0, 1, 2, 3]);
  });
});
