import { describe, expect, it } from 'vitest';
import { feasibility } from '../../src/scenario/feasibility.js';
import { resolveScenario } from '../../src/scenario/resolveScenario.js';
import type { ScenarioConfig } from '../../src/scenario/scenarioConfig.js';
import type { ScenarioInput } from '../../src/scenario/scenarioInput.js';

function config(input: ScenarioInput): ScenarioConfig {
  const resolved = resolveScenario(input);
  if (!resolved.ok) throw new Error(resolved.problems.map((p) => p.message).join('; '));
  return resolved.value;
}

describe('feasibility', () => {
  it('SR-IOV: VFs first, the rest on the software switch', () => {
    const report = feasibility(
      config({ mode: 'sriov', fallback: true, vms: { count: 70 }, nic: { profile: '82599' } }),
    );
    expect(report.placement).toMatchObject({ dedicated: 63, fallback: 7 });
    expect(report.vmRanges).toEqual([
      { path: 'dedicated', first: 0, last: 62 },
      { path: 'softwareSwitch', first: 63, last: 69 },
    ]);
    expect(report.resourceName).toBe('VF');
  });

  it('VMDq: one pool is the default queue', () => {
    const report = feasibility(config({ mode: 'vmdq', vms: { count: 20 }, nic: { profile: '82598' } }));
    expect(report.placement).toMatchObject({ dedicated: 15, fallback: 5 });
  });

  it('paravirtual: every VM behind the software switch', () => {
    const report = feasibility(config({ mode: 'paravirt', vms: { count: 4 } }));
    expect(report.placement.dedicated).toBe(0);
    expect(report.vmRanges).toEqual([{ path: 'softwareSwitch', first: 0, last: 3 }]);
  });

  it('counts the frames a run simulates: offered pps × (warm-up + window) × directions', () => {
    const rx = feasibility(
      config({ workload: { frame: { kind: 'fixed', bytes: 64 }, durationMs: 10, warmupMs: 0 } }),
    );
    // 10 GbE at 64 B: 14.88 Mpps, so 10 ms is 148,810 frames.
    expect(rx.packets).toBe(148_810);
    expect(rx.lineRatePct).toBeCloseTo(100, 9);
    const bidir = feasibility(
      config({
        workload: { direction: 'bidir', load: { unit: 'percent', value: 50 }, durationMs: 10, warmupMs: 10 },
      }),
    );
    expect(bidir.directions).toBe(2);
    expect(bidir.packets).toBe(Math.round(812_744 * 0.5 * 2 * 0.02));
  });

  it('stays cheap for 4096 VMs', () => {
    const report = feasibility(
      config({ mode: 'sriov', fallback: true, vms: { count: 4096 }, nic: { profile: 'e810' } }),
    );
    expect(report.vmRanges).toHaveLength(2);
    expect(report.placement.fallback).toBe(4096 - 256);
  });
});
