import type { Direction, ModeId, ScenarioConfig } from '../scenario/scenarioConfig.js';

export const RFC2544_SCHEMA_VERSION = 1;

/** Loads at which latency is measured, as fractions of NDR (RFC 2544 §26.2 style). */
export const LATENCY_FRACTIONS_OF_NDR = [0.1, 0.5, 0.9, 1] as const;

/** What an RFC 2544 run was asked to do; echoed in every report. */
export interface Rfc2544Settings {
  /** NDR loss threshold, 0..1 (0 = no loss at all). */
  readonly ndrLossRatio: number;
  /** PDR loss threshold, 0..1 (default 0.001 = 0.1%). */
  readonly pdrLossRatio: number;
  /** Search precision as a fraction of line rate (default 0.001 = 0.1%). */
  readonly precision: number;
  /** Cap on trials per throughput search (NDR and PDR together). */
  readonly maxTrials: number;
  /** Frames per trial (after the warm-up, per direction); null = the rule in src/rfc2544/trialRule.ts. */
  readonly trialFrames: number | null;
  /** Latency trials at LATENCY_FRACTIONS_OF_NDR; false skips them. */
  readonly latency: boolean;
  /** Longest back-to-back burst tried; null skips the back-to-back search. */
  readonly burstMaxFrames: number | null;
}

export interface LatencyUs {
  readonly p50: number;
  readonly p99: number;
  readonly p999: number;
  readonly max: number;
}

/** A throughput figure (NDR or PDR) for one mode and frame size. */
export interface ThroughputFigure {
  /** Offered load, % of line rate; 0 when no load met the criterion. */
  readonly lineRatePct: number;
  /** Offered frames per second at that load, all directions together, millions. */
  readonly mpps: number;
  /** Offered L2 Gbit/s (frame bytes × 8) at that load, all directions together. */
  readonly gbps: number;
  /** Loss ratio measured at that load (0..1). */
  readonly lossRatio: number;
  /** Host cores busy at that load (hypervisor, switch, interrupts); null when the load is 0. */
  readonly hostCores: number | null;
  /** Guest vCPU cores busy at that load; null when the load is 0. */
  readonly guestCores: number | null;
  /** The saturated resource at that load, as bench reports it; null when the load is 0. */
  readonly bottleneck: string | null;
  /** Lowest load tried that failed the criterion, % of line rate; null when line rate passed. */
  readonly failedAbovePct: number | null;
  /** Passing and failing loads are one precision step apart (false: the trial cap stopped it). */
  readonly converged: boolean;
}

export interface LatencyAtLoad {
  readonly fractionOfNdr: number;
  readonly lineRatePct: number;
  readonly latencyUs: LatencyUs;
}

export interface BackToBack {
  /** Longest burst at line rate delivered without loss, frames. */
  readonly frames: number;
  /** That burst's length on the wire, µs. */
  readonly burstUs: number;
  /** `frames` is the --burst-max cap: the mode absorbs at least this much. */
  readonly capped: boolean;
  readonly trials: number;
}

/** One trial of the throughput search, in the order it ran. */
export interface SearchTrialRecord {
  readonly lineRatePct: number;
  readonly lossRatio: number;
}

/** RFC 2544 results for one mode at one frame size. */
export interface Rfc2544Point {
  readonly mode: ModeId;
  readonly modeName: string;
  readonly vms: number;
  /** `64`, `imix`, … */
  readonly frameLabel: string;
  /** Mean L2 frame size, bytes. */
  readonly frameBytes: number;
  readonly direction: Direction;
  /** Line rate at this frame size, all directions together. */
  readonly lineRate: { readonly mpps: number; readonly gbps: number };
  /** Frames per throughput trial (per direction), from the rule or --trial-frames. */
  readonly trialFrames: number;
  /** Frames per latency trial below NDR (the NDR trial itself serves for 100%). */
  readonly latencyTrialFrames: number;
  readonly ndr: ThroughputFigure;
  readonly pdr: ThroughputFigure;
  /** Latency at 10%, 50%, 90% and 100% of NDR; empty when NDR is 0 or latency was skipped. */
  readonly latencyAtLoad: readonly LatencyAtLoad[];
  readonly backToBack: BackToBack | null;
  readonly search: {
    readonly trials: readonly SearchTrialRecord[];
    readonly nonMonotonicTrials: number;
  };
  /** The configuration every trial started from (load, duration and warm-up set per trial). */
  readonly scenario: ScenarioConfig;
}

export interface Rfc2544Result {
  readonly schemaVersion: number;
  readonly kind: 'rfc2544';
  readonly tool: { readonly name: string; readonly version: string };
  readonly seed: number;
  readonly settings: Rfc2544Settings & { readonly trialRule: string };
  /** Mode by mode, frame size by frame size in the order given. */
  readonly points: readonly Rfc2544Point[];
}
