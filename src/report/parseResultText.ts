import { z } from 'zod';
import { CPU_COMPONENTS, RESULT_SCHEMA_VERSION, type BenchResult, type RunResult } from '../run/runResult.js';
import type { Problem, Resolved } from '../scenario/problem.js';
import { MODE_IDS } from '../scenario/scenarioConfig.js';
import { isRecord, parseResultsDocument } from '../sweep/parseResults.js';
import { reportInputOf, type NdrPoint, type ReportInput } from './reportInput.js';

/**
 * Result files for reports. A nicvirt result (`bench`/`run`/`sweep --format json`), an NDJSON
 * stream of runs (`sweep --format ndjson`) — both framed by the sweep's own reader — or an RFC 2544
 * result (`rfc2544 --format json`, `"kind": "rfc2544"`). Every field a report reads is checked
 * here; the rest of a run passes through untouched. Problems come back as data naming the file,
 * line or run, so a truncated or foreign file is a message, never a crash.
 */
export interface ReportFile {
  readonly tool?: BenchResult['tool'];
  readonly seed?: number;
  readonly runs: readonly RunResult[];
  readonly ndr: readonly NdrPoint[];
}

const finite = z.number().refine(Number.isFinite, 'expected a finite number');
const nonNegative = finite.refine((value) => value >= 0, 'expected a number ≥ 0');
const mode = z.enum(MODE_IDS);
const direction = z.enum(['rx', 'tx', 'bidir']);

const runSchema = z.looseObject({
  mode,
  modeName: z.string(),
  vms: z.int().min(0),
  frameBytes: nonNegative,
  frameLabel: z.string(),
  direction,
  offered: z.looseObject({ gbps: nonNegative, mpps: nonNegative }),
  delivered: z.looseObject({ gbps: nonNegative, mpps: nonNegative, lineRatePct: nonNegative }),
  dropRatio: nonNegative,
  latencyUs: z.looseObject({
    p50: nonNegative,
    p90: nonNegative,
    p99: nonNegative,
    p999: nonNegative,
    max: nonNegative,
  }),
  cpu: z.looseObject({
    hostCores: nonNegative,
    guestCores: nonNegative,
    hostCyclesPerPacket: finite,
    guestCyclesPerPacket: finite,
    byComponent: z.looseObject(Object.fromEntries(CPU_COMPONENTS.map((name) => [name, nonNegative]))),
  }),
  bottleneck: z.string(),
  utilization: z.array(z.looseObject({ name: z.string(), utilization: nonNegative })),
  placement: z.looseObject({ dedicated: z.int().min(0), fallback: z.int().min(0) }),
  perVm: z.array(
    z.looseObject({
      vm: z.int().min(0),
      offeredGbps: nonNegative,
      deliveredGbps: nonNegative,
      deliveredMpps: nonNegative,
      dropRatio: nonNegative,
      latencyUs: z.looseObject({ p50: nonNegative, p99: nonNegative }),
    }),
  ),
  scenario: z.looseObject({
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
      direction,
      load: z.looseObject({ unit: z.enum(['percent', 'gbps', 'mpps']), value: nonNegative }),
      arrivals: z.string(),
      durationMs: nonNegative,
      warmupMs: nonNegative,
    }),
    costs: z.record(z.string(), finite),
  }),
});

const rfc2544Schema = z.looseObject({
  schemaVersion: z.int(),
  kind: z.literal('rfc2544'),
  tool: z.looseObject({ name: z.string(), version: z.string() }).optional(),
  seed: z.int().min(0).optional(),
  points: z.array(
    z.looseObject({
      mode,
      vms: z.int().min(0),
      direction,
      frameLabel: z.string(),
      frameBytes: nonNegative,
      ndr: z.looseObject({ lineRatePct: nonNegative, mpps: nonNegative, gbps: nonNegative }),
    }),
  ),
});

/** Parse one result file's text; `source` names it in messages. */
export function parseResultText(text: string, source: string): Resolved<ReportFile> {
  const body = text.replace(/^\uFEFF/, '');
  const fail = (message: string): Resolved<ReportFile> => ({
    ok: false,
    problems: [{ path: source, message }],
  });
  if (body.trim() === '') {
    return fail(
      `${source} is empty; expected a result of nicvirt bench, run or sweep with --format json or ndjson`,
    );
  }
  const document = tryJson(body);
  if (isRecord(document) && document['kind'] === 'rfc2544') return parseRfc2544(document, source);

  const framed = parseResultsDocument(document, body);
  if (!framed.ok) {
    return fail(`${source}: ${framed.reason}. Write it again with nicvirt … --format json --output FILE`);
  }
  const version = framed.value.schemaVersion;
  if (version !== undefined && version > RESULT_SCHEMA_VERSION) {
    return fail(
      `${source} has schemaVersion ${version}, but this nicvirt reads results up to version ${RESULT_SCHEMA_VERSION}; use the nicvirt that wrote it`,
    );
  }
  const problems: Problem[] = [];
  const runs: RunResult[] = [];
  const where = (index: number) =>
    framed.value.format === 'json' ? `${source}: runs[${index}]` : `${source}: run ${index + 1}`;
  for (const [index, run] of framed.value.runs.entries()) {
    const checked = runSchema.safeParse(run);
    if (checked.success) {
      runs.push(run);
    } else {
      problems.push(zodProblem(where(index), checked.error));
      if (problems.length >= 5) break;
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  if (runs.length === 0) {
    return fail(
      `${source} holds no runs; expected a result of nicvirt bench, run or sweep with --format json or ndjson`,
    );
  }
  const { tool, seed } = framed.value;
  return {
    ok: true,
    value: {
      ...(tool === undefined ? {} : { tool }),
      ...(seed === undefined ? {} : { seed }),
      runs: inPointOrder(runs),
      ndr: [],
    },
  };
}

function parseRfc2544(document: Record<string, unknown>, source: string): Resolved<ReportFile> {
  const parsed = rfc2544Schema.safeParse(document);
  if (!parsed.success) return { ok: false, problems: [zodProblem(source, parsed.error)] };
  const { tool, seed, points } = parsed.data;
  const ndr: NdrPoint[] = points.map((point) => ({
    mode: point.mode,
    vms: point.vms,
    direction: point.direction,
    frameBytes: point.frameBytes,
    frameLabel: point.frameLabel,
    lineRatePct: point.ndr.lineRatePct,
    mpps: point.ndr.mpps,
    gbps: point.ndr.gbps,
  }));
  return {
    ok: true,
    value: {
      ...(tool === undefined ? {} : { tool: { name: tool.name, version: tool.version } }),
      ...(seed === undefined ? {} : { seed }),
      runs: [],
      ndr,
    },
  };
}

/** A sweep's NDJSON lines come in completion order; put runs back in sweep order when they say it. */
function inPointOrder(runs: readonly RunResult[]): RunResult[] {
  const points = runs.map((run) => (run as { point?: unknown }).point);
  if (!points.every((point) => typeof point === 'number')) return [...runs];
  return runs
    .map((run, index) => ({ run, point: points[index] as number }))
    .sort((a, b) => a.point - b.point)
    .map(({ run }) => run);
}

/**
 * One report from several files (a sweep and an RFC 2544 result, say): runs and NDR points in file
 * order, tool and seed of the first file that names them, knees by the sweep's knee finder.
 */
export function combineReportFiles(files: readonly ReportFile[]): ReportInput {
  const runs = files.flatMap((file) => file.runs);
  const tool = files.find((file) => file.tool !== undefined)?.tool ?? { name: 'nicvirt', version: 'unknown' };
  const seed = files.find((file) => file.seed !== undefined)?.seed ?? runs[0]?.scenario.seed ?? 0;
  return reportInputOf(
    { schemaVersion: RESULT_SCHEMA_VERSION, tool, seed, runs },
    files.flatMap((file) => file.ndr),
  );
}

/** The first issue only: a broken run usually has one cause, and forty lines help nobody. */
function zodProblem(where: string, error: z.ZodError): Problem {
  const issue = error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : '';
  const at = field === '' ? where : `${where}: ${field}`;
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more problems)` : '';
  return {
    path: at,
    message: `${at}: ${issue?.message ?? 'invalid'}${more}; is this a result nicvirt wrote (--format json or ndjson)?`,
  };
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
