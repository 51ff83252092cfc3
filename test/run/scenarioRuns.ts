import { runScenario } from '../../src/run/runScenario.js';
import type { RunResult } from '../../src/run/runResult.js';
import { resolveScenario } from '../../src/scenario/resolveScenario.js';
import type { ModeId, ScenarioConfig } from '../../src/scenario/scenarioConfig.js';
import type { ScenarioInput } from '../../src/scenario/scenarioInput.js';

export const ALL_MODES: readonly ModeId[] = ['native', 'emulated', 'paravirt', 'vmq', 'vmdq', 'sriov'];

/** Short windows keep the engine suite fast: 10 ms measured after 2 ms of warm-up unless overridden. */
export const SHORT_WINDOW = { durationMs: 10, warmupMs: 2 } as const;

/** Resolve a scenario with the short window; throws with the problems if the input is invalid. */
export function shortConfig(input: ScenarioInput): ScenarioConfig {
  const resolved = resolveScenario({ ...input, workload: { ...SHORT_WINDOW, ...input.workload } });
  if (!resolved.ok) throw new Error(`scenario invalid: ${JSON.stringify(resolved.problems)}`);
  return resolved.value;
}

/** Resolve and run a scenario with the short window. */
export function runShort(input: ScenarioInput): RunResult {
  return runScenario(shortConfig(input));
}

/** Percent of line rate as a load spec. */
export function percent(value: number) {
  return { unit: 'percent', value } as const;
}

/** Fixed frame size as a frame spec. */
export function frame(bytes: number) {
  return { kind: 'fixed', bytes } as const;
}

/** Utilization of the named resource (0 when absent from the list). */
export function utilizationOf(result: RunResult, name: string): number {
  return result.utilization.find((row) => row.name === name)?.utilization ?? 0;
}

/** Frames a VM was offered in the window, recovered from its offered Gbit/s. */
export function vmOfferedFrames(result: RunResult, vm: number, frameBytes: number): number {
  const windowSec = result.scenario.workload.durationMs / 1000;
  return Math.round((result.perVm[vm]!.offeredGbps * 1e9 * windowSec) / 8 / frameBytes);
}

/** Host CPU cycles spent per delivered byte. */
export function hostCyclesPerByte(result: RunResult): number {
  return (result.cpu.hostCores * result.scenario.host.ghz * 1e9) / ((result.delivered.gbps * 1e9) / 8);
}
