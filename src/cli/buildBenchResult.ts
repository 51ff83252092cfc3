import { RESULT_SCHEMA_VERSION, type BenchResult, type RunResult } from '../run/runResult.js';
import { MODEL_VERSION } from '../run/modelVersion.js';
import { withConfigHash } from '../run/withConfigHash.js';
import { findKnees } from '../sweep/findKnees.js';
import type { SweepBenchResult, SweepInfo, SweepRun } from '../sweep/sweepResult.js';
import { TOOL_NAME, toolVersion } from './toolVersion.js';

/** Wrap runs in the JSON contract's envelope. No timestamps: same command and seed, same bytes. */
export function buildBenchResult(seed: number, runs: readonly RunResult[]): BenchResult {
  return {
    schemaVersion: RESULT_SCHEMA_VERSION,
    tool: resultTool(),
    seed,
    // Each run names its configuration (configHash) and model version, so results can be matched
    // across files (nicvirt compare, merge, --resume).
    runs: runs.map((run) => withConfigHash(run)),
  };
}

/**
 * The result of a sweep or a merge: its runs (already carrying configHash and point), what the
 * sweep was, and the knees of every curve with two or more VM counts.
 */
export function buildSweepResult(
  seed: number,
  runs: readonly SweepRun[],
  sweep: SweepInfo | undefined,
): SweepBenchResult {
  const knees = findKnees(runs);
  return {
    schemaVersion: RESULT_SCHEMA_VERSION,
    tool: resultTool(),
    seed,
    runs,
    ...(sweep ? { sweep } : {}),
    ...(knees.length > 0 ? { knees } : {}),
  };
}

/** `tool` of every result: name, package version and the model version. */
export function resultTool(): BenchResult['tool'] & { readonly modelVersion: string } {
  return { name: TOOL_NAME, version: toolVersion(), modelVersion: MODEL_VERSION };
}
