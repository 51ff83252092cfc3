/**
 * How long each trial of a throughput search runs. Two things must show as loss within a trial:
 *
 * 1. a loss at the tightest non-zero threshold (PDR 0.1% by default) — as at least
 *    LOSS_FRAMES_TO_SHOW whole frames: frames ≥ 100 / threshold (100,000 at 0.1%);
 * 2. a standing overload, which the rings first absorb — an overload of a fraction ε of the load
 *    fills rings holding B frames after B / ε frames, so a trial of BUFFER_FACTOR × B frames lets
 *    any overload above 1/BUFFER_FACTOR (1%) of the load show as loss.
 *
 * frames per trial = clamp(max(ceil(100 / tightest threshold), 100 × ring frames),
 *                          MIN_TRIAL_FRAMES, MAX_TRIAL_FRAMES), per direction.
 *
 * A warm-up of WARMUP_SHARE of the trial time at the same load runs first and is not counted; the
 * trial's simulated time is capped at MAX_TRIAL_SIMULATED_MS (tiny loads of large frames then
 * offer fewer frames). Loss is counted after the host drains: frames offered in the trial and
 * never delivered. Latency trials below NDR only need rule 1.
 */
export const LOSS_FRAMES_TO_SHOW = 100;
export const BUFFER_FACTOR = 100;
export const MIN_TRIAL_FRAMES = 10_000;
export const MAX_TRIAL_FRAMES = 10_000_000;
export const WARMUP_SHARE = 0.1;
export const MAX_TRIAL_SIMULATED_MS = 60_000;
const DEFAULT_TIGHTEST_THRESHOLD = 0.001;

export interface TrialRuleInput {
  readonly ndrLossRatio: number;
  readonly pdrLossRatio: number;
  /** Frames the descriptor rings in front of the data path hold (see ringFramesOf). */
  readonly ringFrames: number;
}

/** Rule 1 alone: frames for a loss at the tightest non-zero threshold to show (latency trials). */
export function lossTrialFrames(ndrLossRatio: number, pdrLossRatio: number): number {
  const thresholds = [ndrLossRatio, pdrLossRatio].filter((ratio) => ratio > 0);
  // Zero-loss only: no threshold to resolve; judge "no loss" on as many frames as 0.1% would.
  const tightest = thresholds.length === 0 ? DEFAULT_TIGHTEST_THRESHOLD : Math.min(...thresholds);
  return clampFrames(LOSS_FRAMES_TO_SHOW / tightest - 1e-9);
}

/** Both rules: frames per throughput trial. */
export function throughputTrialFrames(input: TrialRuleInput): number {
  return clampFrames(
    Math.max(lossTrialFrames(input.ndrLossRatio, input.pdrLossRatio), BUFFER_FACTOR * input.ringFrames),
  );
}

function clampFrames(frames: number): number {
  return Math.min(MAX_TRIAL_FRAMES, Math.max(MIN_TRIAL_FRAMES, Math.ceil(frames)));
}

/** The rule in one sentence, for reports. */
export function trialRuleText(fixedFrames: number | null): string {
  const frames =
    fixedFrames === null
      ? `max(${LOSS_FRAMES_TO_SHOW} / tightest non-zero loss threshold, ${BUFFER_FACTOR} × frames the rings at the path entry hold) frames per trial, clamped to ${grouped(MIN_TRIAL_FRAMES)}–${grouped(MAX_TRIAL_FRAMES)}`
      : `${grouped(fixedFrames)} frames per trial (--trial-frames)`;
  return `${frames}, after a warm-up of ${WARMUP_SHARE * 100}% of the trial time at the same load; at most ${MAX_TRIAL_SIMULATED_MS / 1000} s simulated per trial; loss counted after the drain`;
}

function grouped(count: number): string {
  return String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
