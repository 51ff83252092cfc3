import { z } from 'zod';
import {
  CPU_COMPONENTS,
  RESULT_SCHEMA_VERSION,
  type BenchResult,
  type RunResult,
} from '../run/runResult.js';
import type { Problem, Resolved } from '../scenario/problem.js';
import { MODE_IDS, type ModeId } from '../scenario/scenarioConfig.js';
import type { KneeMark, NdrPoint, ReportInput } from './reportInput.js';

/**
 * Result files for reports: a BenchResult JSON document (`bench`/`run`/`sweep --format json`) or an
 * NDJSON stream (`sweep --format ndjson`: one JSON object a line, each a run, a whole result, or a
 * header with `tool`/`seed`). Every field a report reads is checked; the rest passes through
 * untouched. Problems come back as data, one per line or field, so a truncated or foreign file is a
 * message, never a crash.
 */

const finite = z.number().refine(Number.isFinite, 'expected a finite number');
const nonNegative = finite.refine((value) => value >= 0, 'expected a number ≥ 0');
const mode = z.enum(MODE_IDS);

const latencySchema = z.looseObject({
  p50: nonNegative,
  p90: nonNegative,
  p99: nonNegative,
  p999: nonNegative,
  max: nonNegative,
});

const perVmSchema = z.looseObject({
  vm: z.int().min(0),
  path: z.enum(['dedicated', 'softwareSwitch', 'native']),
  offeredGbps: nonNegative,
  deliveredGbps: nonNegative,
  deliveredMpps: nonNegative,
  dropRatio: nonNegative,
  latencyUs: z.looseObject({ p50: nonNegative, p99: nonNegative }),
});

const scenarioSchema = z.looseObject({
  name: z.string(),
  description: z.string(),
  seed: z.int().min(0),
  host: z.looseObject({
    profile: z.string(),
    cores: z.int().min(1),
    ghz: nonNegative,
    postedInterrupts: z.boolean(),
  }),
  nic: z.looseObject({ profile: z.string(), linkGbps: nonNegative }),
  vms: z.looseObject({ count: z.int().min(0), vcpus: z.int().min(1) }),
  workload: z.looseObject({
    direction: z.enum(['rx', 'tx', 'bidir']),
    load: z.looseObject({ unit: z.enum(['percent', 'gbps', 'mpps']), value: nonNegative }),
    arrivals: z.string(),
    durationMs: nonNegative,
    warmupMs: nonNegative,
  }),
  costs: z.record(z.string(), finite),
});

const runSchema = z.looseObject({
  mode,
  modeName: z.string(),
  vms: z.int().min(0),
  frameBytes: nonNegative,
  frameLabel: z.string(),
  direction: z.enum(['rx', 'tx', 'bidir']),
  offered: z.looseObject({ gbps: nonNegative, mpps: nonNegative }),
  delivered: z.looseObject({ gbps: nonNegative, mpps: nonNegative, lineRatePct: nonNegative }),
  dropRatio: nonNegative,
  latencyUs: latencySchema,
  cpu: z.looseObject({
    hostCores: nonNegative,
    guestCores: nonNegative,
    hostCyclesPerPacket: finite,
    guestCyclesPerPacket: finite,
    byComponent: z.looseObject(Object.fromEntries(CPU_COMPONENTS.map((name) => [name, nonNegative]))),
  }),
  bottleneck: z.string(),
  perVm: z.array(perVmSchema),
  scenario: scenarioSchema,
});

const toolSchema = z.looseObject({ name: z.string(), version: z.string() });

const kneeSchema = z.looseObject({
  mode,
  variant: z.string().optional(),
  vms: z.int().min(0),
  deliveredGbps: nonNegative,
});

const ndrSchema = z.looseObject({
  mode,
  frameBytes: nonNegative,
  lineRatePct: nonNegative,
  mpps: nonNegative,
  gbps: nonNegative,
});

interface Collected {
  tool?: BenchResult['tool'];
  seed?: number;
  readonly runs: RunResult[];
  readonly knees: KneeMark[];
  readonly ndr: NdrPoint[];
  readonly problems: Problem[];
}

/** Parse a result file's text. `source` names the file in messages. */
export function parseResultText(text: string, source: string): Resolved<ReportInput> {
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') {
    return failure(source, `${source} is empty; expected a result from nicvirt … --format json or ndjson`);
  }
  const collected: Collected = { runs: [], knees: [], ndr: [], problems: [] };
  const whole = tryJson(body);
  if (whole.ok) {
    collectDocument(whole.value, '', collected);
  } else {
    const lines = body.split('\n');
    const nonEmpty = lines.filter((line) => line.trim() !== '');
    if (nonEmpty.length < 2) {
      return failure(
        source,
        `${source} is not valid JSON (${whole.message}); the file may be truncated. Write it again with nicvirt … --format json --output ${source}`,
      );
    }
    for (const [index, line] of lines.entries()) {
      if (line.trim() === '') continue;
      const parsed = tryJson(line);
      if (!parsed.ok) {
        const last = index === lines.length - 1 || lines.slice(index + 1).every((rest) => rest.trim() === '');
        collected.problems.push({
          path: `line ${index + 1}`,
          message: `line ${index + 1} is not valid JSON (${parsed.message})${last ? '; the stream may be truncated' : ''}`,
        });
        continue;
      }
      collectDocument(parsed.value, `line ${index + 1}`, collected);
    }
  }
  if (collected.problems.length > 0) return { ok: false, problems: collected.problems };
  if (collected.runs.length === 0) {
    return failure(source, `${source} holds no runs; expected a result from nicvirt … --format json or ndjson`);
  }
  const result: BenchResult = {
    schemaVersion: RESULT_SCHEMA_VERSION,
    tool: collected.tool ?? { name: 'nicvirt', version: 'unknown' },
    seed: collected.seed ?? collected.runs[0]?.scenario.seed ?? 0,
    runs: collected.runs,
  };
  return { ok: true, value: { result, knees: collected.knees, ndr: collected.ndr } };
}

function collectDocument(value: unknown, where: string, into: Collected): void {
  const at = (path: string) => [where, path].filter((part) => part !== '').join(': ');
  if (Array.isArray(value)) {
    value.forEach((item, index) => collectRun(item, at(`[${index}]`), into));
    return;
  }
  if (!isRecord(value)) {
    into.problems.push({ path: at('(top level)'), message: `${at('the document')} is not a JSON object` });
    return;
  }
  if ('schemaVersion' in value) {
    const version = value['schemaVersion'];
    if (typeof version !== 'number' || version > RESULT_SCHEMA_VERSION) {
      into.problems.push({
        path: at('schemaVersion'),
        message: `${at('schemaVersion')} is ${JSON.stringify(version)}, but this nicvirt reads results up to version ${RESULT_SCHEMA_VERSION}; use the nicvirt that wrote the file`,
      });
      return;
    }
  }
  if ('tool' in value) {
    const tool = toolSchema.safeParse(value['tool']);
    if (tool.success) into.tool ??= { name: tool.data.name, version: tool.data.version };
  }
  if (typeof value['seed'] === 'number' && !('mode' in value)) into.seed ??= value['seed'];
  let recognised = 'tool' in value || 'schemaVersion' in value;
  if (Array.isArray(value['runs'])) {
    recognised = true;
    value['runs'].forEach((run, index) => collectRun(run, at(`runs[${index}]`), into));
  }
  if ('mode' in value && 'delivered' in value) {
    recognised = true;
    collectRun(value, where, into);
  }
  if (isRecord(value['run'])) {
    recognised = true;
    collectRun(value['run'], at('run'), into);
  }
  for (const key of ['knees', 'ndr'] as const) {
    const items = value[key];
    if (!Array.isArray(items)) continue;
    recognised = true;
    for (const [index, item] of items.entries()) {
      if (key === 'knees') {
        const knee = kneeSchema.safeParse(item);
        if (knee.success) into.knees.push(toKnee(knee.data));
        else into.problems.push(zodProblem(at(`knees[${index}]`), knee.error));
      } else {
        const point = ndrSchema.safeParse(item);
        if (point.success) into.ndr.push(toNdr(point.data));
        else into.problems.push(zodProblem(at(`ndr[${index}]`), point.error));
      }
    }
  }
  if (!recognised) {
    into.problems.push({
      path: at('(top level)'),
      message: `${at('the document')} is neither a nicvirt result (with "runs") nor a run (with "mode" and "delivered")`,
    });
  }
}

function collectRun(value: unknown, where: string, into: Collected): void {
  const parsed = runSchema.safeParse(value);
  if (!parsed.success) {
    into.problems.push(zodProblem(where, parsed.error));
    return;
  }
  // The fields a report reads are checked above; the rest of the run passes through as written.
  into.runs.push(parsed.data as unknown as RunResult);
}

function toKnee(data: z.infer<typeof kneeSchema>): KneeMark {
  const base = { mode: data.mode as ModeId, vms: data.vms, deliveredGbps: data.deliveredGbps };
  return data.variant === undefined ? base : { ...base, variant: data.variant };
}

function toNdr(data: z.infer<typeof ndrSchema>): NdrPoint {
  return {
    mode: data.mode as ModeId,
    frameBytes: data.frameBytes,
    lineRatePct: data.lineRatePct,
    mpps: data.mpps,
    gbps: data.gbps,
  };
}

/** The first issue only: a broken run usually has one cause, and a list of forty helps nobody. */
function zodProblem(where: string, error: z.ZodError): Problem {
  const issue = error.issues[0];
  const path = issue ? issue.path.map(String).join('.') : '';
  const field = [where, path].filter((part) => part !== '').join(': ');
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more)` : '';
  return {
    path: field,
    message: `${field === '' ? 'the document' : field}: ${issue?.message ?? 'invalid'}${more}; expected a run as nicvirt … --format json writes it`,
  };
}

function tryJson(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function failure(path: string, message: string): Resolved<ReportInput> {
  return { ok: false, problems: [{ path, message }] };
}
