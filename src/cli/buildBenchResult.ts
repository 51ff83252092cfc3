import { RESULT_SCHEMA_VERSION, type BenchResult, type RunResult } from '../run/runResult.js';
import { TOOL_NAME, toolVersion } from './toolVersion.js';

/** Wrap runs in the JSON contract's envelope. No timestamps: same command and seed, same bytes. */
export function buildBenchResult(seed: number, runs: readonly RunResult[]): BenchResult {
  return {
    schemaVersion: RESULT_SCHEMA_VERSION,
    tool: { name: TOOL_NAME, version: toolVersion() },
    seed,
    runs,
  };
}
