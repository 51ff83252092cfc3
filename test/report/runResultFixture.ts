import { CPU_COMPONENTS, DROP_LOCATIONS, type PerVmResult, type RunResult } from '../../src/run/runResult.js';
import { resolveScenario } from '../../src/scenario/resolveScenario.js';
import type { ModeId, ScenarioConfig } from '../../src/scenario/scenarioConfig.js';
import type { ScenarioInput } from '../../src/scenario/scenarioInput.js';

/** A resolved configuration for fixtures; fails the test run at once if the input is invalid. */
export function fixtureConfig(input: ScenarioInput = {}): ScenarioConfig {
  const resolved = resolveScenario({ mode: 'sriov', vms: { count: 4 }, ...input });
  if (!resolved.ok) throw new Error(`fixture scenario invalid: ${JSON.stringify(resolved.problems)}`);
  return resolved.value;
}

export interface FixtureSettings {
  readonly mode?: ModeId;
  readonly modeName?: string;
  readonly vms?: number;
  readonly deliveredGbps?: number;
  /** VMs (from the end) that took the software-switch fallback. */
  readonly fallbackVms?: number;
  readonly config?: ScenarioConfig;
}

/**
 * A hand-built RunResult with round, recognisable numbers, so formatter tests can check exact
 * text: 9.8712 Gbit/s delivered, p99 8.1 µs, drops in two places, one bottleneck line.
 */
export function makeRunResult(settings: FixtureSettings = {}): RunResult {
  const mode = settings.mode ?? 'sriov';
  const vms = settings.vms ?? 4;
  const config = settings.config ?? fixtureConfig({ mode, vms: { count: vms }, fallback: true });
  const deliveredGbps = settings.deliveredGbps ?? 9.8712;
  const fallbackVms = settings.fallbackVms ?? 0;
  const drops = Object.fromEntries(DROP_LOCATIONS.map((location) => [location, 0])) as Record<
    (typeof DROP_LOCATIONS)[number],
    number
  >;
  drops.nicRxRing = 1234;
  drops.guestRing = 56;
  const byComponent = Object.fromEntries(CPU_COMPONENTS.map((component) => [component, 0])) as Record<
    (typeof CPU_COMPONENTS)[number],
    number
  >;
  byComponent.guestStack = 2.8;
  byComponent.interrupts = 0.3;
  byComponent.exits = 0.15;
  const perVm: PerVmResult[] = Array.from({ length: vms }, (_, index) => ({
    vm: index,
    path: index >= vms - fallbackVms ? 'softwareSwitch' : 'dedicated',
    offeredGbps: 10 / vms,
    deliveredGbps: deliveredGbps / vms + index * 0.001,
    deliveredMpps: 0.81274 / vms,
    dropRatio: index === 1 ? 0.0123 : 0,
    latencyUs: { p50: 5 + index * 0.1, p99: 8 + index * 0.5 },
  }));
  return {
    mode,
    modeName: settings.modeName ?? (mode === 'sriov' ? 'SR-IOV' : mode),
    vms,
    frameBytes: 1518,
    frameLabel: '1518',
    direction: 'rx',
    scenario: config,
    offered: { gbps: 10, mpps: 0.82345 },
    delivered: { gbps: deliveredGbps, mpps: 0.81274, lineRatePct: (deliveredGbps / 10) * 100 },
    dropRatio: 0.0016,
    drops,
    frames: { offered: 82564, delivered: 81274, dropped: 1290, inFlight: 0 },
    latencyUs: { p50: 5.123, p90: 6.01, p99: 8.1, p999: 12.34, max: 40.2 },
    cpu: {
      hostCores: 0.45,
      guestCores: 3.2,
      hostCyclesPerPacket: 550.4,
      guestCyclesPerPacket: 2100,
      byComponent,
    },
    rates: { vmExitsPerSec: 1_234_567, interruptsPerSec: 640_000 },
    bottleneck: 'wire (RX) at 99.9% of line rate',
    utilization: [
      { name: 'wire (RX)', utilization: 0.999 },
      { name: 'vCPU of VM 3', utilization: 0.451 },
    ],
    placement: {
      dedicated: vms - fallbackVms,
      fallback: fallbackVms,
      note: fallbackVms > 0 ? `${fallbackVms} VMs beyond the VF limit use the software switch` : '',
    },
    tradeoffs: ['live migration is blocked while a VF is attached'],
    perVm,
    sim: { packets: 82564, events: 1_234_567, simulatedMs: 110 },
  };
}
