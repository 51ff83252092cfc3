import type { ScenarioConfig } from '../scenario/scenarioConfig.js';
import type { RunResult } from './runResult.js';

/** Run one fully resolved scenario and return plain result data. Never prints. */
export function runScenario(config: ScenarioConfig): RunResult {
  throw new Error(`engine not wired yet (mode ${config.mode})`);
}
