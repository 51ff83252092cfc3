import { createHash } from 'node:crypto';
import type { ScenarioConfig } from '../scenario/scenarioConfig.js';
import { MODEL_VERSION } from './modelVersion.js';
import type { RunResult } from './runResult.js';

/** A run that says which configuration and which model version produced it. */
export interface HashedRunResult extends RunResult {
  /** First 16 hex digits of the SHA-256 of the canonical effective configuration (see configHash). */
  readonly configHash: string;
  /** MODEL_VERSION of the nicvirt that produced the run. */
  readonly modelVersion: string;
}

/** Fields of a ScenarioConfig that only label a run and do not change its result. */
const LABEL_FIELDS: ReadonlySet<string> = new Set(['name', 'description']);

/**
 * A stable identity of a run's effective configuration: SHA-256 of its canonical JSON (keys sorted
 * at every level, `name` and `description` left out because they do not change the result), hex,
 * first 16 characters. The same configuration from flags or from a scenario file hashes the same.
 */
export function configHash(config: ScenarioConfig): string {
  const labelFree = Object.fromEntries(Object.entries(config).filter(([key]) => !LABEL_FIELDS.has(key)));
  return createHash('sha256').update(canonicalJson(labelFree)).digest('hex').slice(0, 16);
}

/** JSON with object keys sorted at every level and no whitespace; undefined members dropped. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    const text = JSON.stringify(value);
    if (text === undefined) throw new Error(`cannot hash a ${typeof value}`);
    return text;
  }
  if (Array.isArray(value)) return `[${value.map((item: unknown) => canonicalJson(item)).join(',')}]`;
  const record = value as Record<string, unknown>;
  const members = Object.keys(record)
    .filter((key) => record[key] !== undefined)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`);
  return `{${members.join(',')}}`;
}

/** The run with its configHash and modelVersion (kept when already present, e.g. read from a file). */
export function withConfigHash(run: RunResult): HashedRunResult {
  const known = run as Partial<HashedRunResult>;
  return {
    ...run,
    configHash: known.configHash ?? configHash(run.scenario),
    modelVersion: known.modelVersion ?? MODEL_VERSION,
  };
}
