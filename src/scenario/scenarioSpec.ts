import type { FieldPath } from './locatedProblem.js';
import type { FrameSpec, LoadSpec, ModeId } from './scenarioConfig.js';
import type { ScenarioInput } from './scenarioInput.js';

/** One matrix dimension as the file gives it: its values and where they are written. */
export interface MatrixAxis<T> {
  readonly values: readonly T[];
  /** The field holding the value or list (`mode`, `vms.count`, `workload.frameBytes`, …). */
  readonly path: FieldPath;
  /** The file gives a list, so each value's position is `path[index]`. */
  readonly list: boolean;
}

/** A scenario file, checked and normalized: the fixed part plus the matrix axes. */
export interface ScenarioSpec {
  /** Every field that is the same in all runs. */
  readonly base: ScenarioInput;
  readonly modes?: MatrixAxis<ModeId>;
  readonly vmCounts?: MatrixAxis<number>;
  readonly frames?: MatrixAxis<FrameSpec>;
  readonly loads?: MatrixAxis<LoadSpec>;
  /** `vms.load` was one value: every VM offers it, so the total load scales with the VM count. */
  readonly loadPerVm: boolean;
  /** Where the per-VM shares come from: `vms.weights`, or `vms.load` given as a list. */
  readonly weightsPath: FieldPath;
  /** `vms.pinned`: every vCPU needs its own host core. */
  readonly pinned: boolean;
}
