import { modeInfo } from '../modes/modeInfo.js';
import { runScenario } from '../run/runScenario.js';
import { roundScaled } from '../scenario/parseLoad.js';
import type { ScenarioConfig } from '../scenario/scenarioConfig.js';
import { frameLabel, lineRateL2Gbps, lineRatePps, meanFrameBytes } from '../workload/frameMix.js';
import {
  LATENCY_FRACTIONS_OF_NDR,
  type BackToBack,
  type LatencyAtLoad,
  type Rfc2544Point,
  type Rfc2544Settings,
  type ThroughputFigure,
} from './rfc2544Result.js';
import {
  burstDurationMs,
  burstTrialConfig,
  oneTrialPerStep,
  ringFramesOf,
  throughputTrialConfig,
  type EngineTrial,
} from './scenarioTrials.js';
import { burstSearchSteps, type BurstSearch } from './searchBurst.js';
import { throughputSearchSteps, type RateFound, type ThroughputSearch } from './searchThroughput.js';
import { alongside, driveSteps, type TrialSteps } from './steps.js';
import { lossRatio } from './trialOutcome.js';
import { lossTrialFrames, throughputTrialFrames } from './trialRule.js';

/** One unit of work: a mode at a frame size. Plain data, so it could be shipped to a worker. */
export interface Rfc2544PointSpec {
  /** Fully resolved; its load, duration and warm-up are replaced trial by trial. */
  readonly config: ScenarioConfig;
  readonly settings: Rfc2544Settings;
}

/**
 * RFC 2544 for one mode and frame size on the simulated host, as steps: the NDR/PDR search and
 * then latency at fractions of NDR, alongside the back-to-back burst search (independent of it, so
 * its trials ride in the same batches). Deterministic: same spec, same result, however it is run.
 */
export function* rfc2544PointSteps(spec: Rfc2544PointSpec): TrialSteps<Rfc2544Point> {
  const { config, settings } = spec;
  const trialFrames =
    settings.trialFrames ??
    throughputTrialFrames({
      ndrLossRatio: settings.ndrLossRatio,
      pdrLossRatio: settings.pdrLossRatio,
      ringFrames: ringFramesOf(config),
    });
  const latencyTrialFrames =
    settings.trialFrames ?? lossTrialFrames(settings.ndrLossRatio, settings.pdrLossRatio);

  const [{ search, latencyAtLoad }, burst] = yield* alongside(
    throughputAndLatency(config, settings, trialFrames, latencyTrialFrames),
    backToBackSteps(config, settings.burstMaxFrames),
  );

  const directions = config.workload.direction === 'bidir' ? 2 : 1;
  const linePps = lineRatePps(config.nic.linkGbps, config.workload.frame) * directions;
  const lineGbps = lineRateL2Gbps(config.nic.linkGbps, config.workload.frame) * directions;
  const figure = (found: RateFound<EngineTrial>): ThroughputFigure => {
    const trial = found.outcome;
    return {
      lineRatePct: percentOf(found.loadFraction),
      mpps: (found.loadFraction * linePps) / 1e6,
      gbps: found.loadFraction * lineGbps,
      lossRatio: trial ? lossRatio(trial) : 0,
      hostCores: trial ? trial.run.cpu.hostCores : null,
      guestCores: trial ? trial.run.cpu.guestCores : null,
      bottleneck: trial ? trial.run.bottleneck : null,
      failedAbovePct: found.failedAboveFraction === undefined ? null : percentOf(found.failedAboveFraction),
      converged: found.converged,
    };
  };
  const backToBack: BackToBack | null =
    burst === null
      ? null
      : {
          frames: burst.frames,
          burstUs: burstDurationMs(config, burst.frames) * 1000,
          capped: burst.capped,
          trials: burst.trials.length,
        };

  return {
    mode: config.mode,
    modeName: modeInfo(config.mode).displayName,
    vms: config.vms.count,
    frameLabel: frameLabel(config.workload.frame),
    frameBytes: meanFrameBytes(config.workload.frame),
    direction: config.workload.direction,
    lineRate: { mpps: linePps / 1e6, gbps: lineGbps },
    trialFrames,
    latencyTrialFrames,
    ndr: figure(search.ndr),
    pdr: figure(search.pdr),
    latencyAtLoad,
    backToBack,
    search: {
      trials: search.trials.map((trial) => ({
        lineRatePct: percentOf(trial.loadFraction),
        lossRatio: trial.lossRatio,
      })),
      nonMonotonicTrials: search.nonMonotonicTrials,
    },
    scenario: config,
  };
}

/** Run one point in process, trial after trial. */
export function runRfc2544Point(spec: Rfc2544PointSpec): Rfc2544Point {
  return driveSteps(rfc2544PointSteps(spec), (configs) => configs.map((config) => runScenario(config)));
}

interface ThroughputAndLatency {
  readonly search: ThroughputSearch<EngineTrial>;
  readonly latencyAtLoad: readonly LatencyAtLoad[];
}

/** The NDR/PDR search, then the latency trials below NDR in one batch (100% is the NDR trial). */
function* throughputAndLatency(
  config: ScenarioConfig,
  settings: Rfc2544Settings,
  trialFrames: number,
  latencyTrialFrames: number,
): TrialSteps<ThroughputAndLatency> {
  const search = yield* oneTrialPerStep(
    throughputSearchSteps<EngineTrial>(settings),
    (loadFraction) => throughputTrialConfig(config, loadFraction, trialFrames),
    'throughput',
  );
  const ndrTrial = search.ndr.outcome;
  if (!settings.latency || !ndrTrial) return { search, latencyAtLoad: [] };

  const ndrLoad = search.ndr.loadFraction;
  const below = LATENCY_FRACTIONS_OF_NDR.filter((fraction) => fraction < 1);
  const runs = yield below.map((fraction) =>
    throughputTrialConfig(config, fraction * ndrLoad, latencyTrialFrames),
  );
  const latencyAtLoad = LATENCY_FRACTIONS_OF_NDR.map((fraction): LatencyAtLoad => {
    const run = fraction === 1 ? ndrTrial.run : runs[below.indexOf(fraction)];
    if (!run) throw new Error(`no latency run at ${fraction} of NDR`);
    const { p50, p99, p999, max } = run.latencyUs;
    return {
      fractionOfNdr: fraction,
      lineRatePct: percentOf(fraction * ndrLoad),
      latencyUs: { p50, p99, p999, max },
    };
  });
  return { search, latencyAtLoad };
}

/** The back-to-back search (null when switched off). */
function* backToBackSteps(config: ScenarioConfig, maxFrames: number | null): TrialSteps<BurstSearch | null> {
  if (maxFrames === null) return null;
  return yield* oneTrialPerStep(
    burstSearchSteps({ maxFrames, startFrames: Math.min(16, maxFrames) }),
    (frames) => burstTrialConfig(config, frames),
    'burst',
  );
}

/** A load fraction as a percentage without binary noise: 0.116 → 11.6, not 11.600000000000001. */
function percentOf(fraction: number): number {
  return roundScaled(fraction * 100);
}
