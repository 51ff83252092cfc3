import { framesToSimulate } from '../scenario/feasibility.js';
import type { ModeId, ScenarioConfig } from '../scenario/scenarioConfig.js';

/**
 * Frames one command may simulate, all its runs together, unless `--max-packets` raises it: about
 * three minutes on one core at the planning speed below. Every bundled scenario and README example
 * is below it (the largest, the README's 210-point sweep, is about 104 M frames); a 60 s run at
 * 10 GbE with 64 B frames (890 M) or anything at 100 GbE for seconds is refused.
 */
export const DEFAULT_MAX_PACKETS = 200_000_000;

/**
 * Planning speed of the engine, frames per wall-clock second on one core. `npm run bench:sim`
 * (scripts/bench-sim.js; Node 20 on the 2-core development machine, 32 VMs) measured 3.3–3.7 M
 * frames/s for VMQ and VMDq at 1518 B (every frame delivered: the slowest modes), 9–20 M for the
 * other modes at 1518 B, and up to 40 M at 64 B (most frames dropped at the first ring). 1 M keeps
 * a margin for slower machines and for the 2× drift of a shared one: an estimate errs long.
 */
export const PLANNING_FRAMES_PER_SECOND = 1_000_000;

/**
 * Building a run's host costs about 20–45 µs per VM (queues, rings, cores; measured with 1024 and
 * 4096 VMs), whatever the load: 4096 VMs take 0.1–0.2 s before the first frame.
 */
export const PLANNING_SETUP_SECONDS_PER_VM = 50e-6;

/**
 * The guard counts a VM's set-up as this many frames (the frames simulated in the same time), so a
 * sweep over thousands of VM counts at a tiny load is capped like one that simulates many frames.
 */
export const FRAMES_PER_VM_SETUP = PLANNING_SETUP_SECONDS_PER_VM * PLANNING_FRAMES_PER_SECOND;

/**
 * Events per generated frame, an upper bound per mode: the worst ratio measured over modes × load
 * (0.1–100%) × frame size (64–9018 B) × direction × 1–64 VMs × CBR/Poisson, plus 25%. Light load
 * is the worst case (every frame its own interrupt chain); at line rate batching brings the ratio
 * to 0.01–3.4.
 */
export const EVENTS_PER_FRAME_BOUND: Readonly<Record<ModeId, number>> = {
  native: 2.5,
  emulated: 7.5,
  paravirt: 5,
  vmq: 5,
  vmdq: 5,
  sriov: 2.6,
};

/** What a list of runs will cost, known before any runs. */
export interface WorkEstimate {
  readonly runs: number;
  /** Frames generated, both directions, warm-up included, all runs (as `run --dry-run` counts). */
  readonly frames: number;
  /** Upper bound on the events the engine processes, all runs. */
  readonly events: number;
  /** VMs built, all runs (set-up cost). */
  readonly vms: number;
  /** What `--max-packets` caps: frames, plus FRAMES_PER_VM_SETUP for every VM built. */
  readonly workFrames: number;
  /** Wall-clock seconds on one core at the planning speed, all runs one after another. */
  readonly seconds: number;
  /** Wall-clock seconds of the longest single run. */
  readonly longestRunSeconds: number;
}

/** Frames, events and wall time of running every configuration once. */
export function estimateWork(configs: readonly ScenarioConfig[]): WorkEstimate {
  let frames = 0;
  let events = 0;
  let vms = 0;
  let seconds = 0;
  let longestRunSeconds = 0;
  for (const config of configs) {
    const runFrames = framesToSimulate(config);
    const runSeconds =
      runFrames / PLANNING_FRAMES_PER_SECOND + config.vms.count * PLANNING_SETUP_SECONDS_PER_VM;
    frames += runFrames;
    events += runFrames * EVENTS_PER_FRAME_BOUND[config.mode];
    vms += config.vms.count;
    seconds += runSeconds;
    longestRunSeconds = Math.max(longestRunSeconds, runSeconds);
  }
  const workFrames = frames + vms * FRAMES_PER_VM_SETUP;
  return { runs: configs.length, frames, events, vms, workFrames, seconds, longestRunSeconds };
}

/**
 * Wall-clock seconds with `parallel` runs at once (sweep workers): the total shared out, but never
 * less than the longest run.
 */
export function wallSeconds(estimate: WorkEstimate, parallel = 1): number {
  const lanes = Math.max(1, Math.min(parallel, estimate.runs));
  return Math.max(estimate.seconds / lanes, estimate.longestRunSeconds);
}
