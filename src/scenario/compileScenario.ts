import { frameText } from '../workload/frameMix.js';
import { loadLabel } from '../workload/offeredLoad.js';
import { describeZodIssues } from './describeZodIssues.js';
import {
  expandMatrix,
  MAX_MATRIX_RUNS,
  matrixSize,
  type MatrixOrigin,
  type MatrixPoint,
} from './expandMatrix.js';
import { capProblems, formatFieldPath, type FieldPath, type LocatedProblem } from './locatedProblem.js';
import type { LocatedResult } from './locatedResult.js';
import { scenarioInputValueAt } from './mergeScenarioInput.js';
import { parseScenarioText, type ParsedScenarioText, type ScenarioFormat } from './parseScenarioText.js';
import type { Problem } from './problem.js';
import { resolveScenario } from './resolveScenario.js';
import { runLabel } from './runLabel.js';
import type { ScenarioConfig } from './scenarioConfig.js';
import { scenarioFileSchema } from './scenarioFileSchema.js';
import { COMMAND_LINE_SOURCE } from './commandLineSource.js';
import type { ScenarioInput } from './scenarioInput.js';
import type { ScenarioSpec } from './scenarioSpec.js';
import { scenarioSpecFromFile } from './scenarioSpecFromFile.js';

export interface CompiledRun {
  /** `sriov · 64 VMs · 1518 B · 100% · rx` */
  readonly label: string;
  readonly config: ScenarioConfig;
}

export interface CompiledScenario {
  readonly source: string;
  readonly format: ScenarioFormat;
  /** One resolved configuration per matrix point, mode outermost. */
  readonly runs: readonly CompiledRun[];
}

export interface CompileOptions {
  /** File name as the user gave it, or `<stdin>`; used in messages and to pick the format. */
  readonly source: string;
  readonly format?: ScenarioFormat;
  /** Command-line values: they win over the file (defaults < file < flags). */
  readonly overrides?: ScenarioInput;
}

/**
 * Scenario text → one resolved configuration per matrix point, or every problem at once, each
 * located in the file (or on the command line when a flag caused it).
 */
export function compileScenario(text: string, options: CompileOptions): LocatedResult<CompiledScenario> {
  const overrides = options.overrides ?? {};
  const parsed = parseScenarioText(text, options.source, options.format);
  if (!parsed.ok) return parsed;
  const doc = parsed.value;

  const checked = scenarioFileSchema.safeParse(doc.value, { reportInput: true });
  if (!checked.success) {
    return { ok: false, problems: capProblems(describeZodIssues(checked.error.issues, doc), doc.source) };
  }

  const { spec, problems: specProblems } = scenarioSpecFromFile(checked.data);
  if (specProblems.length > 0) {
    return { ok: false, problems: specProblems.map((problem) => inFile(doc, problem.path, problem)) };
  }

  const size = matrixSize(spec, overrides);
  if (size > MAX_MATRIX_RUNS) {
    const listPath =
      [spec.modes, spec.vmCounts, spec.frames, spec.loads].find((axis) => axis?.list)?.path ?? [];
    return {
      ok: false,
      problems: [
        inFile(doc, listPath, {
          message: `the matrix asks for ${size} runs, more than the limit of ${MAX_MATRIX_RUNS}; shorten the lists in mode, vms, workload.frameBytes or workload.load, or split the file`,
          expected: `≤ ${MAX_MATRIX_RUNS} runs`,
          received: `${size} runs`,
        }),
      ],
    };
  }

  const points = expandMatrix(spec, overrides);
  const runs: CompiledRun[] = [];
  const found: { problem: LocatedProblem; run: number }[] = [];
  for (const [index, point] of points.entries()) {
    const resolved = resolveScenario(point.input);
    if (!resolved.ok) {
      for (const problem of resolved.problems) {
        found.push({ problem: locateResolveProblem(problem, point, spec, doc, overrides), run: index });
      }
      continue;
    }
    const config = resolved.value;
    const pinning = checkPinning(config, spec);
    if (pinning) found.push({ problem: inFile(doc, ['vms', 'pinned'], pinning), run: index });
    runs.push({ label: runLabel(config), config });
  }
  if (found.length > 0)
    return { ok: false, problems: capProblems(withRunContext(found, points), doc.source) };
  return { ok: true, value: { source: doc.source, format: doc.format, runs } };
}

function inFile(doc: ParsedScenarioText, path: FieldPath, problem: Omit<Problem, 'path'>): LocatedProblem {
  const { line, column } = doc.locate(path);
  return { ...problem, source: doc.source, line, column, path: formatFieldPath(path) };
}

/** Where in the file (or on the command line) each resolveScenario path is decided, best first. */
function candidatesFor(path: string, point: MatrixPoint, spec: ScenarioSpec): MatrixOrigin[] {
  const mode = point.origins.mode ?? ['mode'];
  switch (path) {
    case 'mode':
      return [mode];
    case 'vms.count':
      return [point.origins.vms ?? ['vms', 'count'], ['vms']];
    case 'vms.weights':
      return [spec.weightsPath, ['vms']];
    case 'workload.frame':
      return [point.origins.frame ?? ['workload', 'frameBytes']];
    case 'workload.load':
      return [point.origins.load ?? ['workload', 'load']];
    case 'nic.vfs':
    case 'nic.vmdqPools':
      return [path.split('.'), ['nic', 'profile'], mode];
    case 'workload.warmupMs':
      return [
        ['workload', 'warmupMs'],
        ['workload', 'durationMs'],
      ];
    case 'costs.copyHotGBps':
      return [['costs', 'copyHotGBps'], ['costs', 'copyColdGBps'], ['costs']];
    default:
      return [path.split('.')];
  }
}

function locateResolveProblem(
  problem: Problem,
  point: MatrixPoint,
  spec: ScenarioSpec,
  doc: ParsedScenarioText,
  overrides: ScenarioInput,
): LocatedProblem {
  const fromFlags = (candidate: MatrixOrigin): boolean =>
    candidate === 'flags' || scenarioInputValueAt(overrides, candidate.join('.')) !== undefined;
  if (scenarioInputValueAt(overrides, problem.path) !== undefined)
    return { ...problem, source: COMMAND_LINE_SOURCE };
  const candidates = candidatesFor(problem.path, point, spec);
  for (const candidate of candidates) {
    if (fromFlags(candidate)) return { ...problem, source: COMMAND_LINE_SOURCE };
    if (candidate !== 'flags' && doc.locate(candidate).exact)
      return inFile(doc, candidate, restated(problem));
  }
  const first = candidates[0];
  return inFile(doc, first === undefined || first === 'flags' ? [] : first, restated(problem));
}

/**
 * resolveScenario speaks in flags (`… with --fallback`) and names its own path (`vms.count must be
 * …`); in a file the located path says the field, and the fix is a key, not a flag.
 */
function restated(problem: Problem): Omit<Problem, 'path'> {
  const { path, ...rest } = problem;
  let message = problem.message.startsWith(`${path} `)
    ? `value ${problem.message.slice(path.length + 1)}`
    : problem.message;
  for (const [pattern, replacement] of FLAG_TO_FILE) message = message.replace(pattern, replacement);
  return { ...rest, message };
}

const FLAG_TO_FILE: readonly (readonly [RegExp, string])[] = [
  [/--fallback\b/g, '`fallback: true`'],
  [/--nic (\S+?)\b/g, '`nic.profile: $1`'],
  [/--host (\S+?)\b/g, '`host.profile: $1`'],
  [/--vms (\d+)/g, '`vms: $1`'],
];

/** `vms.pinned: true`: each vCPU needs a host core of its own. */
function checkPinning(config: ScenarioConfig, spec: ScenarioSpec): Omit<Problem, 'path'> | undefined {
  if (!spec.pinned) return undefined;
  const vcpus = config.vms.count * config.vms.vcpus;
  if (vcpus <= config.host.cores) return undefined;
  const fit = Math.floor(config.host.cores / config.vms.vcpus);
  return {
    message: `pinned VMs need one host core per vCPU: ${config.vms.count} VMs × ${config.vms.vcpus} vCPUs = ${vcpus} vCPUs, but host ${config.host.profile} has ${config.host.cores} cores; use at most ${fit} VMs, raise host.cores, or drop vms.pinned`,
    expected: `≤ ${config.host.cores} vCPUs`,
    received: `${vcpus} vCPUs`,
  };
}

/** Merge a problem repeated across runs; name the runs when only some of them have it. */
function withRunContext(
  found: readonly { problem: LocatedProblem; run: number }[],
  points: readonly MatrixPoint[],
): LocatedProblem[] {
  const groups = new Map<string, { problem: LocatedProblem; runs: number[] }>();
  for (const { problem, run } of found) {
    const key = [problem.source, problem.line, problem.column, problem.path, problem.message].join('\u0000');
    const group = groups.get(key);
    if (group) group.runs.push(run);
    else groups.set(key, { problem, runs: [run] });
  }
  return [...groups.values()].map(({ problem, runs }) => {
    if (points.length <= 1 || runs.length === points.length) return problem;
    const named = runs.slice(0, 3).map((run) => `run ${run + 1} (${pointLabel(points[run])})`);
    const more = runs.length > 3 ? ` and ${runs.length - 3} more` : '';
    return { ...problem, message: `${problem.message} [in ${named.join(', ')}${more}]` };
  });
}

function pointLabel(point: MatrixPoint | undefined): string {
  if (!point) return '?';
  const parts: string[] = [];
  const { input } = point;
  if (input.mode !== undefined) parts.push(input.mode);
  if (input.vms?.count !== undefined) parts.push(`${input.vms.count} VMs`);
  const frame = input.workload?.frame;
  if (frame !== undefined) parts.push(frameText(frame));
  const load = input.workload?.load;
  if (load !== undefined) parts.push(loadLabel(load));
  return parts.join(', ');
}
