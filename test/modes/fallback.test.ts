import { describe, expect, it } from 'vitest';
import { resolveScenario } from '../../src/scenario/resolveScenario.js';
import { runShort, SHORT_WINDOW } from '../run/scenarioRuns.js';

describe('VMs beyond the NIC limit fall back to the software switch', () => {
  it('vmdq on an 82598 (16 pools, 15 usable) with 20 VMs: 5 fall back and the bottleneck names the limit', () => {
    const result = runShort({ mode: 'vmdq', nic: { profile: '82598' }, vms: { count: 20 } });
    expect(result.placement.dedicated).toBe(15);
    expect(result.placement.fallback).toBe(5);
    expect(result.perVm.filter((vm) => vm.path === 'softwareSwitch').map((vm) => vm.vm)).toEqual([
      15, 16, 17, 18, 19,
    ]);
    expect(result.bottleneck).toContain('limit hit');
    expect(result.bottleneck).toContain('15 usable pools');
    // the fallback VMs' traffic runs through the switch on core 0
    expect(
      result.utilization.some((row) => row.name === 'host core 0 (default queue + software switch)'),
    ).toBe(true);
    expect(result.frames.offered).toBe(
      result.frames.delivered + result.frames.dropped + result.frames.inFlight,
    );
  });

  it('vmq hands out queues first come, first served in the same way', () => {
    const result = runShort({ mode: 'vmq', nic: { profile: '82598' }, vms: { count: 20 } });
    expect(result.placement.fallback).toBe(5);
    expect(result.bottleneck).toContain('15 usable queues');
  });

  it('sriov with more VMs than VFs and no fallback is a problem naming vms.count', () => {
    const resolved = resolveScenario({ mode: 'sriov', vms: { count: 70 }, workload: SHORT_WINDOW });
    expect(resolved.ok).toBe(false);
    if (resolved.ok) return;
    const paths = resolved.problems.map((problem) => problem.path);
    expect(paths).toEqual(['vms.count']);
    expect(resolved.problems[0]!.message).toContain('63 usable VFs');
    expect(resolved.problems[0]!.message).toContain('--fallback');
  });

  it('sriov with fallback runs and reports the VMs beyond the 63 VFs on the software switch', () => {
    const result = runShort({ mode: 'sriov', vms: { count: 70 }, fallback: true });
    expect(result.placement.dedicated).toBe(63);
    expect(result.placement.fallback).toBe(7);
    expect(result.perVm.filter((vm) => vm.path === 'softwareSwitch')).toHaveLength(7);
    expect(result.bottleneck).toContain('limit hit');
    expect(result.bottleneck).toContain('63-VF limit');
    // fallback VMs bring the switch (and its copies) back on core 0
    expect(result.cpu.byComponent.copy).toBeGreaterThan(0);
    expect(
      result.utilization.some((row) => row.name === 'host core 0 (software switch (fallback VMs))'),
    ).toBe(true);
  });
});
