import type { Mock } from 'vitest';
import type { RunResult } from '../../src/run/runResult.js';
import type { ScenarioRun } from '../../src/run/runScenario.js';
import type { ScenarioConfig } from '../../src/scenario/scenarioConfig.js';

/**
 * What a test puts in place of src/run/runScenario.js to replace the engine by `runScenarioMock`:
 * runScenario is the mock, and a run started in slices (startScenario: how the CLI runs) is over
 * after its first slice and gets its result from the mock, one call per run.
 */
export function fakeEngineModule(runScenarioMock: Mock): {
  runScenario: Mock;
  startScenario: (config: ScenarioConfig) => ScenarioRun;
} {
  return {
    runScenario: runScenarioMock,
    startScenario: (config: ScenarioConfig): ScenarioRun => ({
      advance: () => true,
      finish: () => runScenarioMock(config) as RunResult,
    }),
  };
}
