import { buildBenchResult } from '../../src/cli/buildBenchResult.js';
import type { BenchResult, RunResult } from '../../src/run/runResult.js';
import { runScenario } from '../../src/run/runScenario.js';
import { resolveScenario } from '../../src/scenario/resolveScenario.js';
import type { ModeId } from '../../src/scenario/scenarioConfig.js';
import type { ScenarioInput } from '../../src/scenario/scenarioInput.js';

/** Modes and VM counts of the sweep the report tests draw: four modes over five VM counts. */
export const SWEEP_MODES: readonly ModeId[] = ['emulated', 'paravirt', 'vmdq', 'sriov'];
export const SWEEP_VMS: readonly number[] = [1, 2, 4, 8, 16];

/**
 * A small sweep from the real engine: every mode × VM count on the 82599 at line rate, 3 ms
 * measured after 1 ms warm-up (a few thousand frames a run), so reports are drawn from real
 * shapes (paravirt flat at one core, SR-IOV at line rate) in well under a second.
 */
export function runSmallSweep(
  modes: readonly ModeId[] = SWEEP_MODES,
  vms: readonly number[] = SWEEP_VMS,
  extra: ScenarioInput = {},
): BenchResult {
  const runs: RunResult[] = [];
  for (const mode of modes) {
    for (const count of vms) {
      const resolved = resolveScenario({
        name: 'report test sweep',
        description: 'Four modes over 1–16 VMs, 1518 B frames at line rate.',
        ...extra,
        mode,
        vms: { count },
        workload: { durationMs: 3, warmupMs: 1, ...extra.workload },
      });
      if (!resolved.ok) throw new Error(`sweep point invalid: ${JSON.stringify(resolved.problems)}`);
      runs.push(runScenario(resolved.value));
    }
  }
  return buildBenchResult(1, runs);
}
