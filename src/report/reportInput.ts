import type { BenchResult } from '../run/runResult.js';
import type { ModeId } from '../scenario/scenarioConfig.js';

/**
 * The knee of one mode's throughput-vs-VMs curve: the VM count after which adding VMs stops adding
 * delivered throughput. Found by the sweep's knee finder (src/sweep), never here; the report only
 * marks it.
 */
export interface KneeMark {
  readonly mode: ModeId;
  /** Which curve of that mode, when the runs also vary in frame size, load, …: the series variant text. */
  readonly variant?: string;
  readonly vms: number;
  readonly deliveredGbps: number;
}

/**
 * One point of an RFC 2544 no-drop-rate search: the highest offered rate with no loss, for one
 * mode and frame size. The report draws "NDR vs frame size" from these.
 */
export interface NdrPoint {
  readonly mode: ModeId;
  readonly frameBytes: number;
  /** NDR as a percentage of line rate at this frame size. */
  readonly lineRatePct: number;
  readonly mpps: number;
  readonly gbps: number;
}

/** Everything a report is drawn from: the runs, and what other commands found in them. */
export interface ReportInput {
  readonly result: BenchResult;
  readonly knees: readonly KneeMark[];
  readonly ndr: readonly NdrPoint[];
}
