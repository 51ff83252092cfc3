import type { BenchResult } from '../run/runResult.js';
import { configHash } from '../run/withConfigHash.js';
import type { SweepInfo, SweepRun } from './sweepResult.js';

/** Runs read back from a result file: a JSON result (`--format json`) or NDJSON lines. */
export interface ParsedResults {
  readonly format: 'json' | 'ndjson';
  /** undefined for an empty file. */
  readonly schemaVersion: number | undefined;
  readonly tool?: BenchResult['tool'];
  readonly seed?: number;
  readonly sweep?: SweepInfo;
  readonly runs: readonly SweepRun[];
}

export type ParseResultsOutcome =
  { readonly ok: true; readonly value: ParsedResults } | { readonly ok: false; readonly reason: string };

/** Model version of runs written before results carried one. */
export const UNKNOWN_MODEL_VERSION = 'unknown';

/**
 * Parse the text of a result file. A JSON document with a `runs` array is a JSON result; anything
 * else is NDJSON, one run per line (blank lines ignored). A line that is not JSON — typically the
 * last line of a file cut off mid-write — is an error naming the line. Every run gets a configHash
 * (computed from its `scenario` when the file has none) and a modelVersion.
 */
export function parseResults(text: string): ParseResultsOutcome {
  if (text.trim() === '')
    return { ok: true, value: { format: 'ndjson', schemaVersion: undefined, runs: [] } };
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    document = undefined;
  }
  return parseResultsDocument(document, text);
}

/**
 * parseResults for a caller that has already tried `text` as one JSON document: `document` is what
 * JSON.parse gave for it (undefined when it is not JSON).
 */
export function parseResultsDocument(document: unknown, text: string): ParseResultsOutcome {
  if (isRecord(document) && Array.isArray(document['runs'])) return parseJsonResult(document);
  return parseNdjson(text);
}

function parseJsonResult(document: Record<string, unknown>): ParseResultsOutcome {
  const schemaVersion = document['schemaVersion'];
  if (typeof schemaVersion !== 'number' || !Number.isInteger(schemaVersion)) {
    return {
      ok: false,
      reason: 'it has no integer "schemaVersion"; is it a nicvirt result (--format json)?',
    };
  }
  const tool = isRecord(document['tool']) ? (document['tool'] as unknown as BenchResult['tool']) : undefined;
  const toolModel: unknown = isRecord(document['tool']) ? document['tool']['modelVersion'] : undefined;
  const fileModel = typeof toolModel === 'string' ? toolModel : undefined;
  const runs: SweepRun[] = [];
  for (const [index, item] of (document['runs'] as unknown[]).entries()) {
    const run = checkRun(item, fileModel);
    if (typeof run === 'string') return { ok: false, reason: `runs[${index}] ${run}` };
    runs.push(run);
  }
  const seed = document['seed'];
  const sweep = document['sweep'];
  return {
    ok: true,
    value: {
      format: 'json',
      schemaVersion,
      ...(tool ? { tool } : {}),
      ...(typeof seed === 'number' ? { seed } : {}),
      ...(isRecord(sweep) && typeof sweep['points'] === 'number'
        ? { sweep: sweep as unknown as SweepInfo }
        : {}),
      runs,
    },
  };
}

function parseNdjson(text: string): ParseResultsOutcome {
  const lines = text.split('\n');
  const runs: SweepRun[] = [];
  let schemaVersion: number | undefined;
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') continue;
    const lineNumber = index + 1;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      const last = lines.slice(index + 1).every((rest) => rest.trim() === '');
      const cut = last && !text.endsWith('\n');
      return {
        ok: false,
        reason: cut
          ? `line ${lineNumber} is truncated (the file ends mid-line, as when a write was cut off)`
          : `line ${lineNumber} is not valid JSON${last ? ' (truncated?)' : ''}`,
      };
    }
    if (!isRecord(value)) return { ok: false, reason: `line ${lineNumber} is not a JSON object` };
    const version = value['schemaVersion'];
    if (typeof version !== 'number' || !Number.isInteger(version)) {
      return {
        ok: false,
        reason: `line ${lineNumber} has no integer "schemaVersion"; is it nicvirt NDJSON (--format ndjson)?`,
      };
    }
    if (schemaVersion !== undefined && version !== schemaVersion) {
      return {
        ok: false,
        reason: `line ${lineNumber} has schemaVersion ${version} but earlier lines have ${schemaVersion}`,
      };
    }
    schemaVersion = version;
    const run = checkRun(value, undefined);
    if (typeof run === 'string') return { ok: false, reason: `line ${lineNumber} ${run}` };
    runs.push(run);
  }
  return { ok: true, value: { format: 'ndjson', schemaVersion, runs } };
}

/** A run with the fields the sweep tools rely on, or what is wrong with it. */
function checkRun(item: unknown, fileModel: string | undefined): SweepRun | string {
  if (!isRecord(item)) return 'is not an object';
  if (typeof item['mode'] !== 'string') return 'has no "mode"';
  if (!isRecord(item['scenario'])) return 'has no "scenario" (the effective configuration)';
  const delivered = item['delivered'];
  if (!isRecord(delivered) || typeof delivered['gbps'] !== 'number') return 'has no "delivered.gbps"';
  const { schemaVersion: _schemaVersion, ...fields } = item;
  const run = fields as unknown as SweepRun;
  const point = item['point'];
  return {
    ...run,
    configHash: typeof item['configHash'] === 'string' ? item['configHash'] : configHash(run.scenario),
    modelVersion:
      typeof item['modelVersion'] === 'string' ? item['modelVersion'] : (fileModel ?? UNKNOWN_MODEL_VERSION),
    ...(typeof point === 'number' && Number.isInteger(point) && point >= 0 ? { point } : {}),
  };
}

/** A JSON object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
