import { metricValue } from '../report/metricPaths.js';
import { runTitle } from '../report/runNames.js';
import type { SweepRun } from '../sweep/sweepResult.js';
import { tripped, type Threshold } from './failOn.js';

/** Metrics every comparison shows; `--fail-on` paths are added after them. */
export const DEFAULT_COMPARE_PATHS: readonly string[] = ['delivered.gbps', 'latencyUs.p99', 'cpu.hostCores'];

export interface MetricChange {
  readonly path: string;
  readonly base: number | undefined;
  readonly new: number | undefined;
  /** new − base. */
  readonly delta: number;
  /** (new − base) ÷ base × 100; ±Infinity when base is 0 and new is not, NaN when a value is missing. */
  readonly percent: number;
}

export interface Violation {
  readonly threshold: Threshold;
  readonly change: MetricChange;
}

export interface RunComparison {
  /** `sriov · 32 VMs · 1518 B · 100% · rx` */
  readonly title: string;
  readonly configHash: string;
  /** How the runs were paired: same configHash, or (with --allow-mismatch) same title. */
  readonly matchedBy: 'configHash' | 'title';
  readonly changes: readonly MetricChange[];
  readonly violations: readonly Violation[];
}

export interface Comparison {
  readonly paths: readonly string[];
  readonly runs: readonly RunComparison[];
  readonly onlyInBase: readonly string[];
  readonly onlyInNew: readonly string[];
  readonly thresholds: readonly Threshold[];
  readonly regressions: number;
}

export interface RunPair {
  readonly base: SweepRun;
  readonly new: SweepRun;
  readonly matchedBy: 'configHash' | 'title';
}

export interface MatchedRuns {
  readonly pairs: readonly RunPair[];
  readonly onlyInBase: readonly SweepRun[];
  readonly onlyInNew: readonly SweepRun[];
}

/**
 * Pair runs by configHash (the effective configuration). With `loose` (--allow-mismatch), runs left
 * over are paired by title (mode, VMs, frame, load, direction) when that is unique on both sides.
 */
export function matchRuns(
  baseRuns: readonly SweepRun[],
  newRuns: readonly SweepRun[],
  loose: boolean,
): MatchedRuns {
  const pairs: RunPair[] = [];
  const newByHash = new Map<string, SweepRun>();
  for (const run of newRuns) if (!newByHash.has(run.configHash)) newByHash.set(run.configHash, run);
  const used = new Set<SweepRun>();
  const leftBase: SweepRun[] = [];
  for (const base of baseRuns) {
    const match = newByHash.get(base.configHash);
    if (match && !used.has(match)) {
      used.add(match);
      pairs.push({ base, new: match, matchedBy: 'configHash' });
    } else leftBase.push(base);
  }
  let leftNew = newRuns.filter((run) => !used.has(run));
  if (!loose) return { pairs, onlyInBase: leftBase, onlyInNew: leftNew };

  const unique = (runs: readonly SweepRun[]) => {
    const counts = new Map<string, number>();
    for (const run of runs) counts.set(runTitle(run), (counts.get(runTitle(run)) ?? 0) + 1);
    return (run: SweepRun) => counts.get(runTitle(run)) === 1;
  };
  const uniqueBase = unique(leftBase);
  const uniqueNew = unique(leftNew);
  const stillBase: SweepRun[] = [];
  for (const base of leftBase) {
    const match = uniqueBase(base)
      ? leftNew.find((run) => uniqueNew(run) && runTitle(run) === runTitle(base))
      : undefined;
    if (match) {
      pairs.push({ base, new: match, matchedBy: 'title' });
      leftNew = leftNew.filter((run) => run !== match);
    } else stillBase.push(base);
  }
  return { pairs, onlyInBase: stillBase, onlyInNew: leftNew };
}

export function metricChange(path: string, base: SweepRun, next: SweepRun): MetricChange {
  const before = metricValue(base, path);
  const after = metricValue(next, path);
  if (before === undefined || after === undefined) {
    return { path, base: before, new: after, delta: Number.NaN, percent: Number.NaN };
  }
  const delta = after - before;
  const percent =
    before === 0
      ? after === 0
        ? 0
        : Math.sign(after) * Number.POSITIVE_INFINITY
      : (delta / Math.abs(before)) * 100;
  return { path, base: before, new: after, delta, percent };
}

/** Compare matched runs on the default metrics and every threshold's metric; count regressions. */
export function compareRuns(matched: MatchedRuns, thresholds: readonly Threshold[]): Comparison {
  const paths = [...new Set([...DEFAULT_COMPARE_PATHS, ...thresholds.map((threshold) => threshold.path)])];
  const runs = matched.pairs.map((pair): RunComparison => {
    const changes = paths.map((path) => metricChange(path, pair.base, pair.new));
    const violations: Violation[] = [];
    for (const threshold of thresholds) {
      const change = changes.find((candidate) => candidate.path === threshold.path);
      if (!change) continue;
      if (tripped(threshold, threshold.relative ? change.percent : change.delta))
        violations.push({ threshold, change });
    }
    return {
      title: runTitle(pair.new),
      configHash: pair.new.configHash,
      matchedBy: pair.matchedBy,
      changes,
      violations,
    };
  });
  return {
    paths,
    runs,
    onlyInBase: matched.onlyInBase.map((run) => runTitle(run)),
    onlyInNew: matched.onlyInNew.map((run) => runTitle(run)),
    thresholds,
    regressions: runs.reduce((sum, run) => sum + run.violations.length, 0),
  };
}
