import type { Mock } from 'vitest';
import type { RunResult } from '../../src/run/runResult.js';
import type { ScenarioRun } from '../../src/run/runScenario.js';
import type { ScenarioConfig } from '../../src/scenario/scenarioConfig.js';

/**
 * What a test puts in place of src/run/runScenario.js to replace the engine by `runScenarioMock`:
 * runScenario is the mock, and a run started in slices (startScenario: how the CLI runs) is over
 * after `slices()` slices (one unless the test says otherwise), each an equal part of it, and gets
 * its result from the mock, one call per run.
 */
export function fakeEngineModule(
  runScenarioMock: Mock,
  slices: () => number = () => 1,
): {
  runScenario: Mock;
  startScenario: (config: ScenarioConfig) => ScenarioRun;
} {
  return {
    runScenario: runScenarioMock,
    startScenario: (config: ScenarioConfig): ScenarioRun => {
      const count = slices();
      let done = 0;
      return {
        advance: () => ++done >= count,
        get progress() {
          return Math.min(1, done / count);
        },
        finish: () => runScenarioMock(config) as RunResult,
      };
    },
  };
}
