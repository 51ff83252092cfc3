import type { BenchResult, RunResult } from '../run/runResult.js';
import type { Direction, ModeId } from '../scenario/scenarioConfig.js';
import { findKnees, kneeWorkloadLabel } from '../sweep/findKnees.js';

/**
 * A knee to mark on the throughput-vs-VMs chart: where the sweep's knee finder (src/sweep/findKnees)
 * says one mode's curve stops scaling. The report finds no knees itself; it only draws them.
 */
export interface KneeMark {
  readonly mode: ModeId;
  /** The curve's workload as the knee finder names it: `1518 B · 100% · rx`. */
  readonly workload: string;
  readonly vms: number;
  /** Delivered Gbit/s of the run at the knee: where the mark goes. */
  readonly deliveredGbps: number;
  /** The knee finder's sentence: why this is the knee and what binds. */
  readonly summary: string;
}

/**
 * One mode's RFC 2544 no-drop rate at one frame size (from `nicvirt rfc2544 --format json`: its
 * `points[].ndr`). The report draws "NDR vs frame size" from these.
 */
export interface NdrPoint {
  readonly mode: ModeId;
  readonly vms: number;
  readonly direction: Direction;
  /** Mean L2 frame size, bytes: the x position. */
  readonly frameBytes: number;
  /** `64`, `imix`, … */
  readonly frameLabel: string;
  /** NDR as a percentage of line rate at this frame size. */
  readonly lineRatePct: number;
  readonly mpps: number;
  readonly gbps: number;
}

/** Everything a report is drawn from: the runs, what the knee finder found in them, NDR points. */
export interface ReportInput {
  /** May hold no runs when the input was only RFC 2544 results. */
  readonly result: BenchResult;
  readonly knees: readonly KneeMark[];
  readonly ndr: readonly NdrPoint[];
}

/**
 * The knees of every curve in the runs, by the sweep's knee finder, placed on the run at the knee.
 * Curves that scale through every VM count have no knee and get no mark.
 */
export function kneeMarks(runs: readonly RunResult[]): KneeMark[] {
  const marks: KneeMark[] = [];
  for (const knee of findKnees(runs)) {
    if (knee.kneeVms === null) continue;
    const run = runs.find(
      (candidate) =>
        candidate.mode === knee.mode &&
        candidate.vms === knee.kneeVms &&
        kneeWorkloadLabel(candidate) === knee.workload,
    );
    if (!run) continue;
    marks.push({
      mode: knee.mode,
      workload: knee.workload,
      vms: knee.kneeVms,
      deliveredGbps: run.delivered.gbps,
      summary: knee.summary,
    });
  }
  return marks;
}

/** A report of a result (bench, run, sweep): its runs, their knees, NDR points if there are any. */
export function reportInputOf(result: BenchResult, ndr: readonly NdrPoint[] = []): ReportInput {
  return { result, knees: kneeMarks(result.runs), ndr };
}
