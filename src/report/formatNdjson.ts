import type { BenchResult, RunResult } from '../run/runResult.js';
import { pointOf } from '../sweep/sweepResult.js';
import { jsonResultValue } from './formatJson.js';

/**
 * One run as one line of NDJSON: `schemaVersion` and the sweep `point` first, then the run exactly
 * as in the JSON result (same keys, same order, full precision), then a newline.
 */
export function ndjsonLine(
  run: RunResult,
  point: number,
  schemaVersion: number,
  tool: BenchResult['tool'],
): string {
  const document = jsonResultValue({ schemaVersion, tool, seed: run.scenario.seed, runs: [run] }) as {
    runs: Record<string, unknown>[];
  };
  const { point: _point, ...fields } = document.runs[0] ?? {};
  return `${JSON.stringify({ schemaVersion, point, ...fields })}\n`;
}

/**
 * NDJSON: one run per line, in result order. `nicvirt sweep --format ndjson` writes the same lines
 * as points finish (in completion order; `point` says where each belongs).
 */
export function formatNdjson(result: BenchResult): string {
  return result.runs
    .map((run, index) => ndjsonLine(run, pointOf(run, index), result.schemaVersion, result.tool))
    .join('');
}
