import { modeInfo } from '../modes/modeInfo.js';
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
  runEngineTrial,
  throughputTrialConfig,
  type EngineTrial,
} from './scenarioTrials.js';
import { searchBurst } from './searchBurst.js';
import { searchThroughput, type RateFound } from './searchThroughput.js';

/** One unit of work: a mode at a frame size. Plain data, so it could be shipped to a worker. */
export interface Rfc2544PointSpec {
  /** Fully resolved; its load, duration and warm-up are replaced trial by trial. */
  readonly config: ScenarioConfig;
  readonly settings: Rfc2544Settings;
}

/**
 * RFC 2544 for one mode and frame size on the simulated host: the NDR/PDR search, latency at
 * fractions of NDR, and the back-to-back burst. Deterministic: same spec, same result.
 */
export function runRfc2544Point(spec: Rfc2544PointSpec): Rfc2544Point {
  const { config, settings } = spec;
  const trialAt = (loadFraction: number): EngineTrial =>
    runEngineTrial(throughputTrialConfig(config, loadFraction, settings.trialFrames));
  const search = searchThroughput(trialAt, settings);

  const directions = config.workload.direction === 'bidir' ? 2 : 1;
  const linePps = lineRatePps(config.nic.linkGbps, config.workload.frame) * directions;
  const lineGbps = lineRateL2Gbps(config.nic.linkGbps, config.workload.frame) * directions;
  const figure = (found: RateFound<EngineTrial>): ThroughputFigure => {
    const run = found.outcome?.run;
    return {
      lineRatePct: found.loadFraction * 100,
      mpps: (found.loadFraction * linePps) / 1e6,
      gbps: found.loadFraction * lineGbps,
      lossRatio: run ? lossOf(found.outcome) : 0,
      hostCores: run ? run.cpu.hostCores : null,
      guestCores: run ? run.cpu.guestCores : null,
      bottleneck: run ? run.bottleneck : null,
      failedAbovePct: found.failedAboveFraction === undefined ? null : found.failedAboveFraction * 100,
      converged: found.converged,
    };
  };

  const latencyAtLoad: LatencyAtLoad[] = [];
  const ndrTrial = search.ndr.outcome;
  if (settings.latency && ndrTrial) {
    for (const fraction of LATENCY_FRACTIONS_OF_NDR) {
      const loadFraction = fraction * search.ndr.loadFraction;
      const trial = fraction === 1 ? ndrTrial : trialAt(loadFraction);
      const { p50, p99, p999, max } = trial.run.latencyUs;
      latencyAtLoad.push({ fractionOfNdr: fraction, lineRatePct: loadFraction * 100, latencyUs: { p50, p99, p999, max } });
    }
  }

  let backToBack: BackToBack | null = null;
  if (settings.burstMaxFrames !== null) {
    const burst = searchBurst((frames) => runEngineTrial(burstTrialConfig(config, frames)), {
      maxFrames: settings.burstMaxFrames,
      startFrames: Math.min(16, settings.burstMaxFrames),
    });
    backToBack = {
      frames: burst.frames,
      burstUs: burstDurationMs(config, burst.frames) * 1000,
      capped: burst.capped,
      trials: burst.trials.length,
    };
  }

  return {
    mode: config.mode,
    modeName: modeInfo(config.mode).displayName,
    vms: config.vms.count,
    frameLabel: frameLabel(config.workload.frame),
    frameBytes: meanFrameBytes(config.workload.frame),
    direction: config.workload.direction,
    lineRate: { mpps: linePps / 1e6, gbps: lineGbps },
    trialFrames: settings.trialFrames,
    ndr: figure(search.ndr),
    pdr: figure(search.pdr),
    latencyAtLoad,
    backToBack,
    search: {
      trials: search.trials.map((trial) => ({ lineRatePct: trial.loadFraction * 100, lossRatio: trial.lossRatio })),
      nonMonotonicTrials: search.nonMonotonicTrials,
    },
    scenario: config,
  };
}

function lossOf(trial: EngineTrial | undefined): number {
  return trial && trial.offeredFrames > 0 ? trial.droppedFrames / trial.offeredFrames : 0;
}
