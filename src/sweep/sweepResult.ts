import type { BenchResult } from '../run/runResult.js';
import type { HashedRunResult } from '../run/withConfigHash.js';
import type { Knee } from './findKnees.js';

/** One finished point of a sweep: the run, its index in the sweep's point list. */
export interface SweepRun extends HashedRunResult {
  /** Index of the point in the whole sweep (before sharding), from 0. */
  readonly point?: number;
}

/** Which part of a sweep a result holds. */
export interface SweepInfo {
  /** Points of the whole sweep, all shards together. */
  readonly points: number;
  /** `k/n` when the result is one shard; absent for a whole sweep or a merge of every shard. */
  readonly shard?: string;
}

/**
 * The JSON result of `nicvirt sweep` and `nicvirt merge`: the bench contract (schemaVersion, tool,
 * seed, runs) plus the sweep's extent and, for sweeps over VM counts, the knee of each mode.
 */
export interface SweepBenchResult extends BenchResult {
  readonly runs: readonly SweepRun[];
  readonly sweep?: SweepInfo;
  readonly knees?: readonly Knee[];
}

/** The knees of a result, when it carries any. */
export function kneesOf(result: BenchResult): readonly Knee[] {
  const knees = (result as Partial<SweepBenchResult>).knees;
  return Array.isArray(knees) ? knees : [];
}

/** The sweep point of a run, or its position in the list for results without points. */
export function pointOf(run: BenchResult['runs'][number], index: number): number {
  const point = (run as Partial<SweepRun>).point;
  return typeof point === 'number' ? point : index;
}
