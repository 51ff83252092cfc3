import { runScenario } from '../run/runScenario.js';
import type { RunResult } from '../run/runResult.js';
import { nicQueuesInUse } from '../scenario/placeVms.js';
import type { ScenarioConfig } from '../scenario/scenarioConfig.js';
import { lineRatePps } from '../workload/frameMix.js';
import type { Steps, TrialSteps } from './steps.js';
import type { TrialOutcome } from './trialOutcome.js';
import { MAX_TRIAL_SIMULATED_MS, WARMUP_SHARE } from './trialRule.js';

/** A trial through the simulated host: the outcome plus the full run, for latency and CPU. */
export interface EngineTrial extends TrialOutcome {
  readonly run: RunResult;
}

/**
 * The configuration of one throughput trial: `base` at `loadFraction` of line rate for
 * `trialFrames` frames (per direction), after a warm-up of WARMUP_SHARE of that time.
 */
export function throughputTrialConfig(
  base: ScenarioConfig,
  loadFraction: number,
  trialFrames: number,
): ScenarioConfig {
  if (!(loadFraction > 0 && loadFraction <= 1))
    throw new Error(`load fraction must be in (0, 1], got ${loadFraction}`);
  const ratePps = loadFraction * lineRatePps(base.nic.linkGbps, base.workload.frame);
  const durationMs = Math.min((trialFrames / ratePps) * 1000, MAX_TRIAL_SIMULATED_MS);
  return {
    ...base,
    workload: {
      ...base.workload,
      load: { unit: 'percent', value: loadFraction * 100 },
      durationMs,
      warmupMs: durationMs * WARMUP_SHARE,
    },
  };
}

/**
 * The configuration of one back-to-back trial: a burst of exactly `frames` frames at line rate
 * (CBR, so frames follow each other at the minimum gap), from an idle host, no warm-up. The window
 * ends half a frame time after the last frame starts, so the source emits exactly `frames`; the
 * engine then drains, and anything not delivered is lost.
 */
export function burstTrialConfig(base: ScenarioConfig, frames: number): ScenarioConfig {
  if (!(Number.isInteger(frames) && frames >= 1))
    throw new Error(`burst must be a whole number of frames ≥ 1, got ${frames}`);
  return {
    ...base,
    workload: {
      ...base.workload,
      load: { unit: 'percent', value: 100 },
      arrivals: 'cbr',
      durationMs: burstDurationMs(base, frames - 0.5),
      warmupMs: 0,
    },
  };
}

/** Wire time of `frames` frames back to back at line rate, ms. */
export function burstDurationMs(base: ScenarioConfig, frames: number): number {
  return (frames / lineRatePps(base.nic.linkGbps, base.workload.frame)) * 1000;
}

/** A finished run as a trial outcome: frames offered in the window and not delivered after the drain are lost. */
function engineTrialOf(run: RunResult): EngineTrial {
  const directions = run.direction === 'bidir' ? 2 : 1;
  const { offered, delivered } = run.frames;
  return {
    offeredFrames: offered / directions,
    deliveredFrames: delivered / directions,
    droppedFrames: (offered - delivered) / directions,
    run,
  };
}

/**
 * A search that asks one question at a time as trial steps: each question becomes one trial
 * configuration (`configOf`), and the search is resumed with that run as an EngineTrial. `what`
 * names the trial in the error when a run is missing.
 */
export function* oneTrialPerStep<Question, Result>(
  steps: Steps<Question, EngineTrial, Result>,
  configOf: (question: Question) => ScenarioConfig,
  what: string,
): TrialSteps<Result> {
  let next = steps.next();
  while (!next.done) {
    const [run] = yield [configOf(next.value)];
    if (!run) throw new Error(`no run for a ${what} trial`);
    next = steps.next(engineTrialOf(run));
  }
  return next.value;
}

/** Run one trial configuration in process. */
export function runEngineTrial(config: ScenarioConfig): EngineTrial {
  return engineTrialOf(runScenario(config));
}

/**
 * Frames the descriptor rings at the entry of the data path hold: RX, the NIC rings in use (one
 * per RSS queue, VF, pool or VMQ queue, plus the default queue of the software switch); TX, each
 * VM's ring toward its backend or VF. Input of the trial rule (src/rfc2544/trialRule.ts).
 */
export function ringFramesOf(config: ScenarioConfig): number {
  const direction = config.workload.direction;
  let frames = 0;
  if (direction !== 'tx') frames += config.nic.ringSize * nicQueuesInUse(config);
  if (direction !== 'rx') frames += config.guest.ringSize * config.vms.count;
  return frames;
}
