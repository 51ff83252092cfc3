import { runScenario } from '../run/runScenario.js';
import type { RunResult } from '../run/runResult.js';
import type { ScenarioConfig } from '../scenario/scenarioConfig.js';
import { lineRatePps } from '../workload/frameMix.js';
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
  if (!(loadFraction > 0 && loadFraction <= 1)) throw new Error(`load fraction must be in (0, 1], got ${loadFraction}`);
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
  if (!(Number.isInteger(frames) && frames >= 1)) throw new Error(`burst must be a whole number of frames ≥ 1, got ${frames}`);
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

/** Run a trial configuration; frames offered in the window and not delivered after the drain are lost. */
export function runEngineTrial(config: ScenarioConfig): EngineTrial {
  const run = runScenario(config);
  const directions = config.workload.direction === 'bidir' ? 2 : 1;
  const { offered, delivered } = run.frames;
  return {
    offeredFrames: offered / directions,
    deliveredFrames: delivered / directions,
    droppedFrames: (offered - delivered) / directions,
    run,
  };
}
