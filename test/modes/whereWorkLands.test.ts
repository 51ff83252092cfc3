import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../src/run/runResult.js';
import { defaultCosts } from '../../src/model/costTable.js';
import { percent, runShort, utilizationOf } from '../run/scenarioRuns.js';

const COSTS = defaultCosts();
const SWITCH_CORE = 'host core 0 (software switch)';

/** Cycles per delivered frame a component costs, at the run's clock. */
function cyclesPerFrame(result: RunResult, cores: number): number {
  return (cores * result.scenario.host.ghz * 1e9) / (result.delivered.mpps * 1e6);
}

function hostCoreRows(result: RunResult): string[] {
  return result.utilization.filter((row) => row.name.startsWith('host core')).map((row) => row.name);
}

describe('paravirt RX: all demux on one host core', () => {
  const result = runShort({ mode: 'paravirt', vms: { count: 32 } });

  it('puts the host CPU in the switch component, on host core 0 (software switch), ≥ 95% busy', () => {
    const c = result.cpu.byComponent;
    expect(c.switch).toBeGreaterThan(0.8);
    expect(c.switch).toBeGreaterThan(c.copy + c.exits + c.injection + c.interrupts + c.deviceModel);
    // the wire is saturated too at 100% load; of the resources that do work, core 0 is the busiest
    const busiestWorker = result.utilization.find((row) => !row.name.startsWith('wire'));
    expect(busiestWorker?.name).toBe(SWITCH_CORE);
    expect(utilizationOf(result, SWITCH_CORE)).toBeGreaterThanOrEqual(0.95);
  });

  it('does no switch work on any other host core', () => {
    const c = result.cpu.byComponent;
    // switch + copy fit in core 0's busy time: no other core shares them
    expect(c.switch + c.copy).toBeLessThanOrEqual(utilizationOf(result, SWITCH_CORE) + 1e-9);
    // with two VMs the utilization list is complete: core 0 is the only host core with work
    const small = runShort({ mode: 'paravirt', vms: { count: 2 } });
    expect(hostCoreRows(small)).toEqual([SWITCH_CORE]);
    expect(result.cpu.byComponent.deviceModel).toBe(0);
  });

  it('pays lookup + port path per frame on the switch core (1000 + 6200 cycles)', () => {
    // below saturation, so no backlog straddles the window edges
    const light = runShort({ mode: 'paravirt', vms: { count: 32 }, workload: { load: percent(20) } });
    expect(light.dropRatio).toBe(0);
    const perFrame = cyclesPerFrame(light, light.cpu.byComponent.switch);
    // within 1%: frames delivered in the window and work done in it differ by a batch at the edges
    expect(Math.abs(perFrame / (COSTS.switchLookupCycles + COSTS.switchPortCycles) - 1)).toBeLessThan(0.01);
  });

  it('injects a virtual interrupt for every interrupt a guest takes (host injections ≈ guest interrupts)', () => {
    // Guest virtual interrupts are visible as their exits (exit + EOI exit each, no posted
    // interrupts); each one should have been injected by the switch core (virtualInterruptInjectCycles).
    const ghz = result.scenario.host.ghz;
    const guestInterruptsPerSec = result.rates.vmExitsPerSec / 2;
    const injectionsPerSec =
      (result.cpu.byComponent.injection * ghz * 1e9) / COSTS.virtualInterruptInjectCycles;
    expect(guestInterruptsPerSec).toBeGreaterThan(10_000);
    expect(
      Math.abs(injectionsPerSec / guestInterruptsPerSec - 1),
      `${Math.round(injectionsPerSec)} injections/s for ${Math.round(guestInterruptsPerSec)} guest interrupts/s`,
    ).toBeLessThan(0.05);
  });
});

describe('sriov: the host only relays interrupts', () => {
  const result = runShort({ mode: 'sriov', vms: { count: 32 } });

  it('has no copy, switch, device-model or host-stack work', () => {
    const c = result.cpu.byComponent;
    expect(c.copy).toBe(0);
    expect(c.switch).toBe(0);
    expect(c.deviceModel).toBe(0);
    expect(c.hostStack).toBe(0);
    expect(hostCoreRows(result)).toEqual([]);
  });

  it('spends host CPU only on exits, injection and interrupts', () => {
    const c = result.cpu.byComponent;
    expect(c.exits).toBeGreaterThan(0);
    expect(c.injection).toBeGreaterThan(0);
    expect(c.interrupts).toBeGreaterThan(0);
    expect(c.exits + c.injection + c.interrupts).toBeCloseTo(result.cpu.hostCores, 9);
    expect(result.rates.vmExitsPerSec).toBeGreaterThan(0);
  });

  it('drops host CPU and exits to ~0 with posted interrupts', () => {
    const posted = runShort({ mode: 'sriov', vms: { count: 32 }, host: { postedInterrupts: true } });
    expect(posted.cpu.hostCores).toBeLessThan(0.001);
    expect(posted.rates.vmExitsPerSec).toBe(0);
    expect(posted.cpu.byComponent.injection).toBe(0);
    // same traffic, less work
    expect(posted.delivered.lineRatePct).toBeGreaterThanOrEqual(result.delivered.lineRatePct - 0.01);
    expect(posted.cpu.guestCores).toBeGreaterThan(0);
  });
});

describe('vmdq: NIC sorts into pools; the hypervisor still copies', () => {
  const result = runShort({ mode: 'vmdq', vms: { count: 32 } });

  it('copies every frame (copy > 0) on the pool cores, with no switch lookup', () => {
    expect(result.placement.fallback).toBe(0);
    expect(result.cpu.byComponent.copy).toBeGreaterThan(0);
    // the switch component is the port path only: 6200 cycles per frame, no 1000-cycle lookup
    expect(result.dropRatio).toBe(0);
    const perFrame = cyclesPerFrame(result, result.cpu.byComponent.switch);
    expect(Math.abs(perFrame / COSTS.switchPortCycles - 1)).toBeLessThan(0.01);
  });

  it('leaves host core 0 (default queue + software switch) idle when every VM has a pool', () => {
    expect(result.utilization.some((row) => row.name.startsWith('host core 0'))).toBe(false);
    const small = runShort({ mode: 'vmdq', vms: { count: 2 } });
    expect(hostCoreRows(small).sort()).toEqual([
      'host core 1 (VMDq pool handling)',
      'host core 2 (VMDq pool handling)',
    ]);
  });
});

describe('vmq: NIC DMAs straight into the vNIC', () => {
  it('makes no copy at all, and leaves core 0 idle', () => {
    const result = runShort({ mode: 'vmq', vms: { count: 32 } });
    expect(result.cpu.byComponent.copy).toBe(0);
    expect(result.cpu.byComponent.switch).toBeGreaterThan(0);
    expect(result.utilization.some((row) => row.name.startsWith('host core 0'))).toBe(false);
    expect(result.delivered.lineRatePct).toBeGreaterThan(97);
  });
});

describe('emulated (e1000): device model and register traps', () => {
  const emulated = runShort({ mode: 'emulated', vms: { count: 32 }, workload: { load: percent(20) } });
  const paravirt = runShort({ mode: 'paravirt', vms: { count: 32 }, workload: { load: percent(20) } });

  it('runs a device model per VM (deviceModel > 0) on its own cores, beside the switch', () => {
    expect(emulated.cpu.byComponent.deviceModel).toBeGreaterThan(0);
    expect(emulated.cpu.byComponent.switch).toBeGreaterThan(0);
    expect(paravirt.cpu.byComponent.deviceModel).toBe(0);
    const small = runShort({ mode: 'emulated', vms: { count: 2 }, workload: { load: percent(20) } });
    expect(hostCoreRows(small).sort()).toEqual([
      SWITCH_CORE,
      'host core 1 (device models)',
      'host core 2 (device models)',
    ]);
  });

  it('takes far more exits than paravirt for the same traffic: every register access traps', () => {
    expect(emulated.dropRatio).toBe(0);
    expect(paravirt.dropRatio).toBe(0);
    // measured: 982k vs 327k exits/s (3.0×)
    expect(emulated.rates.vmExitsPerSec).toBeGreaterThan(2.5 * paravirt.rates.vmExitsPerSec);
    // e1000: exit + EOI exit + 3 register traps per interrupt, 1 per poll; virtio: 2 per interrupt
    expect(emulated.rates.vmExitsPerSec / emulated.rates.interruptsPerSec).toBeGreaterThan(5);
    // user-space exits at 6732 cycles: the exit time grows far more than the exit count (10×)
    expect(emulated.cpu.byComponent.exits).toBeGreaterThan(5 * paravirt.cpu.byComponent.exits);
  });
});

describe('native: no virtualization', () => {
  it('has no guest CPU and no virtualization components; work spread by RSS over host cores', () => {
    const result = runShort({ mode: 'native', vms: { count: 8 } });
    expect(result.cpu.guestCores).toBe(0);
    expect(result.cpu.byComponent.guestStack).toBe(0);
    expect(result.cpu.byComponent.guestInterrupts).toBe(0);
    expect(result.cpu.byComponent.exits).toBe(0);
    expect(result.cpu.byComponent.injection).toBe(0);
    expect(result.cpu.byComponent.switch).toBe(0);
    expect(result.cpu.byComponent.copy).toBe(0);
    expect(result.rates.vmExitsPerSec).toBe(0);
    expect(result.cpu.byComponent.hostStack).toBeGreaterThan(0);
    expect(hostCoreRows(result).length).toBeGreaterThanOrEqual(6);
    expect(result.perVm.every((vm) => vm.path === 'native')).toBe(true);
  });
});
