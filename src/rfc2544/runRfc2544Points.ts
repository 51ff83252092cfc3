import type { RunResult } from '../run/runResult.js';
import { runScenario } from '../run/runScenario.js';
import type { ScenarioConfig } from '../scenario/scenarioConfig.js';
import { runPoints } from '../sweep/runPoints.js';
import type { Rfc2544Point } from './rfc2544Result.js';
import { rfc2544PointSteps, type Rfc2544PointSpec } from './runRfc2544Point.js';
import type { TrialSteps } from './steps.js';

/** Runs a batch of trial configurations and returns their results in the same order. */
export type TrialExecutor = (configs: readonly ScenarioConfig[]) => Promise<readonly RunResult[]>;

/** Every trial here, one after another. */
export const inProcessExecutor: TrialExecutor = (configs) =>
  Promise.resolve(configs.map((config) => runScenario(config)));

/**
 * Trials on the sweep's worker pool (src/sweep/runPoints.ts), `jobs` at a time; in process when
 * jobs is 1, a batch holds one trial, or no compiled worker exists (e.g. under vitest).
 */
export function workerExecutor(jobs: number, signal?: AbortSignal, workerUrl?: URL): TrialExecutor {
  return async (configs) => {
    if (signal?.aborted) throw new Rfc2544Interrupted();
    const outcome = await runPoints(
      configs.map((config, point) => ({ point, config })),
      { jobs, onResult: () => undefined, ...(signal ? { signal } : {}), ...(workerUrl ? { workerUrl } : {}) },
    );
    if (!outcome.complete) throw new Rfc2544Interrupted();
    return configs.map((_, point) => {
      const result = outcome.results.get(point);
      if (!result) throw new Error(`trial ${point} of a batch has no result`);
      return result;
    });
  };
}

/** The run was stopped (a signal) before every search finished. */
export class Rfc2544Interrupted extends Error {
  constructor() {
    super('RFC 2544 run interrupted');
    this.name = 'Rfc2544Interrupted';
  }
}

export interface RunRfc2544PointsOptions {
  readonly execute: TrialExecutor;
  /**
   * At most this many searches under way at once (default: all). Fewer keeps results coming in
   * steadily (a progress bar moves) at the cost of smaller batches.
   */
  readonly window?: number;
  /** Called as each point finishes (completion order), with its index in `specs`. */
  readonly onPoint?: (index: number, point: Rfc2544Point) => void;
}

/**
 * Run many points' searches together. Each search is sequential, but different searches (modes,
 * frame sizes, and a point's burst search beside its throughput search) are independent: every
 * round gathers the next trials of the searches under way (up to `window` points, started in
 * order as others finish) into one batch for the executor, so on workers they run in parallel.
 * Results are in `specs` order and depend neither on the executor nor on the window.
 */
export async function runRfc2544Points(
  specs: readonly Rfc2544PointSpec[],
  options: RunRfc2544PointsOptions,
): Promise<Rfc2544Point[]> {
  interface Active {
    readonly index: number;
    readonly steps: TrialSteps<Rfc2544Point>;
    batch: readonly ScenarioConfig[];
  }
  const results: (Rfc2544Point | undefined)[] = new Array<Rfc2544Point | undefined>(specs.length);
  let active: Active[] = [];
  const advance = (
    entry: Active,
    answer: IteratorResult<readonly ScenarioConfig[], Rfc2544Point>,
  ): boolean => {
    if (answer.done) {
      results[entry.index] = answer.value;
      options.onPoint?.(entry.index, answer.value);
      return false;
    }
    entry.batch = answer.value;
    return true;
  };
  let started = 0;
  const maxActive = Math.max(1, options.window ?? specs.length);
  const fill = (): void => {
    while (active.length < maxActive && started < specs.length) {
      const index = started++;
      const steps = rfc2544PointSteps(specs[index]!);
      const entry: Active = { index, steps, batch: [] };
      if (advance(entry, steps.next())) active.push(entry);
    }
  };

  fill();
  while (active.length > 0) {
    const configs = active.flatMap((entry) => entry.batch);
    const runs = await options.execute(configs);
    let offset = 0;
    active = active.filter((entry) => {
      const mine = runs.slice(offset, offset + entry.batch.length);
      offset += entry.batch.length;
      return advance(entry, entry.steps.next(mine));
    });
    fill();
  }
  return results.map((point, index) => {
    if (!point) throw new Error(`point ${index} did not finish`);
    return point;
  });
}
