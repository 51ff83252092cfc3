import { definedOnly } from './mergeScenarioInput.js';
import { parseLoad, roundScaled } from './parseLoad.js';
import type { FieldPath } from './locatedProblem.js';
import type { FrameValue, LoadValue, ScenarioFile } from './scenarioFileSchema.js';
import type { FrameSpec, LoadSpec, ModeId } from './scenarioConfig.js';
import type { ScenarioInput } from './scenarioInput.js';
import type { MatrixAxis, ScenarioSpec } from './scenarioSpec.js';

/** A problem found while normalizing, located later by its file path. */
export interface SpecProblem {
  readonly path: FieldPath;
  readonly message: string;
  readonly expected?: string;
  readonly received?: string;
}

/** A schema-valid file → the fixed ScenarioInput plus matrix axes; conflicting fields are problems. */
export function scenarioSpecFromFile(file: ScenarioFile): { spec: ScenarioSpec; problems: SpecProblem[] } {
  const problems: SpecProblem[] = [];
  const base: ScenarioInput = {};
  if (file.name !== undefined) base.name = file.name;
  if (file.description !== undefined) base.description = file.description;
  if (file.seed !== undefined) base.seed = file.seed;
  if (file.fallback !== undefined) base.fallback = file.fallback;
  if (file.host) base.host = definedOnly(file.host);
  if (file.nic) {
    const { profile, ...rest } = file.nic;
    base.nic = { ...definedOnly(rest), ...(profile === undefined ? {} : { profile: String(profile) }) };
  }
  if (file.guest) base.guest = definedOnly(file.guest);
  if (file.costs) base.costs = definedOnly(file.costs);

  const modes = file.mode === undefined ? undefined : axisOf<ModeId>(file.mode, ['mode']);

  let vmCounts: MatrixAxis<number> | undefined;
  let weightsPath: FieldPath = ['vms', 'weights'];
  let loadPerVm = false;
  let pinned = false;
  let loads: MatrixAxis<LoadSpec> | undefined;
  const vms = file.vms;
  if (typeof vms === 'number' || Array.isArray(vms)) {
    vmCounts = axisOf(vms, ['vms']);
  } else if (vms !== undefined) {
    if (vms.count !== undefined) vmCounts = axisOf(vms.count, ['vms', 'count']);
    pinned = vms.pinned ?? false;
    const vmSection: NonNullable<ScenarioInput['vms']> = {};
    if (vms.vcpus !== undefined) vmSection.vcpus = vms.vcpus;
    if (vms.weights !== undefined) vmSection.weights = [...vms.weights];
    if (vms.load !== undefined) {
      if (file.workload?.load !== undefined) {
        problems.push({
          path: ['vms', 'load'],
          message:
            'give either workload.load (the total, split over the VMs) or vms.load (per VM), not both; delete one of them',
        });
      }
      if (Array.isArray(vms.load)) {
        if (vms.weights !== undefined) {
          problems.push({
            path: ['vms', 'load'],
            message:
              "a list of per-VM loads already sets each VM's share; delete vms.weights or give one vms.load value",
          });
        }
        const perVm = perVmLoads(vms.load, problems);
        if (perVm) {
          vmSection.weights = perVm.weights;
          loads = { values: [perVm.total], path: ['vms', 'load'], list: false };
          weightsPath = ['vms', 'load'];
          if (vmCounts === undefined)
            vmCounts = { values: [vms.load.length], path: ['vms', 'load'], list: false };
        }
      } else {
        loads = { values: [parseLoad(vms.load)], path: ['vms', 'load'], list: false };
        loadPerVm = true;
      }
    }
    if (Object.keys(vmSection).length > 0) base.vms = vmSection;
  }

  const workload = file.workload;
  let frames: MatrixAxis<FrameSpec> | undefined;
  if (workload) {
    const { frameBytes, load, ...rest } = workload;
    base.workload = definedOnly(rest);
    if (frameBytes !== undefined) {
      frames = isFrameList(frameBytes)
        ? { values: frameBytes.map(frameSpecOf), path: ['workload', 'frameBytes'], list: true }
        : { values: [frameSpecOf(frameBytes)], path: ['workload', 'frameBytes'], list: false };
    }
    if (load !== undefined) {
      loads = Array.isArray(load)
        ? { values: load.map(parseLoad), path: ['workload', 'load'], list: true }
        : { values: [parseLoad(load)], path: ['workload', 'load'], list: false };
    }
  }

  const spec: ScenarioSpec = {
    base,
    ...(modes ? { modes } : {}),
    ...(vmCounts ? { vmCounts } : {}),
    ...(frames ? { frames } : {}),
    ...(loads ? { loads } : {}),
    loadPerVm,
    weightsPath,
    pinned,
  };
  return { spec, problems };
}

function axisOf<T>(value: T | readonly T[], path: FieldPath): MatrixAxis<T> {
  return Array.isArray(value)
    ? { values: value as readonly T[], path, list: true }
    : { values: [value as T], path, list: false };
}

/** A frameBytes list of sizes (matrix), as opposed to one distribution `[{bytes, weight}, …]`. */
function isFrameList(value: FrameValue | readonly FrameValue[]): value is readonly FrameValue[] {
  return Array.isArray(value) && !value.every((item) => typeof item === 'object' && !Array.isArray(item));
}

function frameSpecOf(value: FrameValue): FrameSpec {
  if (typeof value === 'number') return { kind: 'fixed', bytes: value };
  if (value === 'imix') return { kind: 'imix' };
  return { kind: 'mix', sizes: value.map(({ bytes, weight }) => ({ bytes, weight })) };
}

/** Per-VM loads → shares and a total; all in one unit so they can be added. */
function perVmLoads(
  values: readonly LoadValue[],
  problems: SpecProblem[],
): { weights: number[]; total: LoadSpec } | undefined {
  const specs = values.map(parseLoad);
  const unit = specs[0]?.unit ?? 'percent';
  const other = specs.findIndex((spec) => spec.unit !== unit);
  if (other >= 0) {
    problems.push({
      path: ['vms', 'load', other],
      message: `per-VM loads must all use one unit so they can be added; vms.load[0] is in ${unit} but vms.load[${other}] is in ${specs[other]?.unit ?? '?'}`,
      expected: unit,
      received: specs[other]?.unit ?? '?',
    });
    return undefined;
  }
  const weights = specs.map((spec) => spec.value);
  const total = weights.reduce((sum, w) => sum + w, 0);
  if (total <= 0) {
    problems.push({
      path: ['vms', 'load'],
      message: 'per-VM loads add up to 0; give at least one VM a load above 0',
    });
    return undefined;
  }
  return { weights, total: { unit, value: roundScaled(total) } };
}
