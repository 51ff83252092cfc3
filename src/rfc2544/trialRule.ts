/**
 * How long each trial of a throughput search runs: long enough for a loss at the tightest
 * non-zero threshold to show as whole frames.
 *
 * frames per trial = clamp(ceil(LOSS_FRAMES_TO_SHOW / tightest non-zero loss threshold),
 *                          MIN_TRIAL_FRAMES, MAX_TRIAL_FRAMES)
 *
 * With the default PDR of 0.1%: 100 / 0.001 = 100,000 frames, so a PDR-level loss is ≥ 100 lost
 * frames and NDR's "no loss" is judged on 100,000 frames. A warm-up of WARMUP_SHARE of the trial
 * time at the same load runs first and is not counted; the trial's simulated time is capped at
 * MAX_TRIAL_SIMULATED_MS (very low loads of large frames then offer fewer frames). Loss is counted
 * after the system drains: frames offered in the trial and never delivered.
 *
 * As on real hardware with short trials, a standing overload can hide in the rings: an overload
 * below (frames the rings hold) / (frames per trial) may not show as loss. Longer trials
 * (`--trial-frames`) tighten NDR on multi-queue paths.
 */
export const LOSS_FRAMES_TO_SHOW = 100;
export const MIN_TRIAL_FRAMES = 10_000;
export const MAX_TRIAL_FRAMES = 1_000_000;
export const WARMUP_SHARE = 0.1;
export const MAX_TRIAL_SIMULATED_MS = 60_000;

/** Frames per trial under the rule above, for the given NDR and PDR loss ratios (0..1). */
export function autoTrialFrames(ndrLossRatio: number, pdrLossRatio: number): number {
  const thresholds = [ndrLossRatio, pdrLossRatio].filter((ratio) => ratio > 0);
  if (thresholds.length === 0) return 10 * MIN_TRIAL_FRAMES;
  const frames = Math.ceil(LOSS_FRAMES_TO_SHOW / Math.min(...thresholds) - 1e-9);
  return Math.min(MAX_TRIAL_FRAMES, Math.max(MIN_TRIAL_FRAMES, frames));
}

/** The rule in one sentence, for reports. */
export function trialRuleText(trialFrames: number, automatic: boolean): string {
  const how = automatic
    ? `${LOSS_FRAMES_TO_SHOW} / tightest non-zero loss threshold, clamped to ${MIN_TRIAL_FRAMES}–${MAX_TRIAL_FRAMES}`
    : 'set by --trial-frames';
  return `${trialFrames} frames per trial (${how}), after a warm-up of ${WARMUP_SHARE * 100}% of the trial time at the same load; at most ${MAX_TRIAL_SIMULATED_MS / 1000} s simulated; loss counted after the drain`;
}
