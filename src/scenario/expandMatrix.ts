import type { FieldPath } from './locatedProblem.js';
import { mergeScenarioInput } from './mergeScenarioInput.js';
import { roundScaled } from './parseLoad.js';
import { SCENARIO_DEFAULTS } from './resolveScenario.js';
import type { FrameSpec, LoadSpec, ModeId } from './scenarioConfig.js';
import type { ScenarioInput } from './scenarioInput.js';
import type { MatrixAxis, ScenarioSpec } from './scenarioSpec.js';

export type MatrixField = 'mode' | 'vms' | 'frame' | 'load';

/** Where one run's value of a matrix field came from: a file position, the command line, or a default. */
export type MatrixOrigin = FieldPath | 'flags';

export interface MatrixPoint {
  readonly input: ScenarioInput;
  readonly origins: Readonly<Partial<Record<MatrixField, MatrixOrigin>>>;
}

/** Upper bound on the runs one scenario file may ask for. */
export const MAX_MATRIX_RUNS = 1000;

interface AxisChoice<T> {
  readonly value: T | undefined;
  readonly origin: MatrixOrigin | undefined;
}

/**
 * One ScenarioInput per point of the cartesian product mode × vms × frameBytes × load (in that
 * order, mode outermost). A flag replaces the whole list of its field: `--vms 64` on a file with
 * `vms: [4, 16]` runs 64 VMs once per remaining combination.
 */
export function expandMatrix(spec: ScenarioSpec, overrides: ScenarioInput = {}): MatrixPoint[] {
  const modes = choices<ModeId>(spec.modes, overrides.mode);
  const vmCounts = choices<number>(spec.vmCounts, overrides.vms?.count);
  const frames = choices<FrameSpec>(spec.frames, overrides.workload?.frame);
  const loads = choices<LoadSpec>(spec.loads, overrides.workload?.load);
  const loadPerVm = spec.loadPerVm && overrides.workload?.load === undefined;
  const base = mergeScenarioInput(spec.base, overrides);

  const points: MatrixPoint[] = [];
  for (const mode of modes) {
    for (const vms of vmCounts) {
      for (const frame of frames) {
        for (const load of loads) {
          const vmCount = vms.value ?? base.vms?.count ?? SCENARIO_DEFAULTS.vmCount;
          const loadValue =
            load.value !== undefined && loadPerVm
              ? { unit: load.value.unit, value: roundScaled(load.value.value * vmCount) }
              : load.value;
          const input: ScenarioInput = {
            ...base,
            ...(mode.value === undefined ? {} : { mode: mode.value }),
            vms: { ...base.vms, ...(vms.value === undefined ? {} : { count: vms.value }) },
            workload: {
              ...base.workload,
              ...(frame.value === undefined ? {} : { frame: frame.value }),
              ...(loadValue === undefined ? {} : { load: loadValue }),
            },
          };
          const origins: Partial<Record<MatrixField, MatrixOrigin>> = {};
          if (mode.origin !== undefined) origins.mode = mode.origin;
          if (vms.origin !== undefined) origins.vms = vms.origin;
          if (frame.origin !== undefined) origins.frame = frame.origin;
          if (load.origin !== undefined) origins.load = load.origin;
          points.push({ input, origins });
        }
      }
    }
  }
  return points;
}

/** Runs expandMatrix would produce, without building them. */
export function matrixSize(spec: ScenarioSpec, overrides: ScenarioInput = {}): number {
  return (
    choices(spec.modes, overrides.mode).length *
    choices(spec.vmCounts, overrides.vms?.count).length *
    choices(spec.frames, overrides.workload?.frame).length *
    choices(spec.loads, overrides.workload?.load).length
  );
}

function choices<T>(axis: MatrixAxis<T> | undefined, override: T | undefined): AxisChoice<T>[] {
  if (override !== undefined) return [{ value: override, origin: 'flags' }];
  if (axis === undefined) return [{ value: undefined, origin: undefined }];
  return axis.values.map((value, index) => ({
    value,
    origin: axis.list ? [...axis.path, index] : axis.path,
  }));
}
