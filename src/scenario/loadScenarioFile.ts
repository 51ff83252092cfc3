import { readdir, readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { LocatedResult } from './locatedResult.js';

/** Scenario files are small; anything larger is a mistake (or an attack on the parser). */
export const MAX_SCENARIO_BYTES = 1024 * 1024;

/** The source name used for standard input. */
export const STDIN_SOURCE = '<stdin>';

/**
 * Read a scenario file as text: size-capped, UTF-8 only. Every failure is a problem naming the file
 * and what to do (never a thrown error).
 */
export async function readScenarioFile(path: string, cwd: string): Promise<LocatedResult<string>> {
  const absolute = resolve(cwd, path);
  const fail = (message: string): LocatedResult<string> => ({
    ok: false,
    problems: [{ source: path, path: '', message }],
  });
  let info;
  try {
    info = await stat(absolute);
  } catch (error: unknown) {
    return fail(fileErrorMessage(error));
  }
  if (info.isDirectory()) {
    const examples = await scenarioFilesIn(absolute);
    const hint =
      examples.length > 0
        ? `, e.g. ${examples.map((name) => `${path.replace(/\/$/, '')}/${name}`).join(' or ')}`
        : '';
    return fail(`is a directory, not a scenario file; name a .yaml or .json file inside it${hint}`);
  }
  if (info.isFile() && info.size > MAX_SCENARIO_BYTES) {
    return fail(
      `is ${info.size} bytes, over the ${MAX_SCENARIO_BYTES}-byte limit for scenario files; is this the right file?`,
    );
  }
  let bytes: Uint8Array;
  try {
    bytes = await readFile(absolute);
  } catch (error: unknown) {
    return fail(fileErrorMessage(error));
  }
  return decodeScenarioBytes(bytes, path);
}

/** Check size and encoding of scenario bytes (a file, or standard input) and decode them. */
export function decodeScenarioBytes(bytes: Uint8Array, source: string): LocatedResult<string> {
  const fail = (message: string): LocatedResult<string> => ({
    ok: false,
    problems: [{ source, path: '', message }],
  });
  if (bytes.length > MAX_SCENARIO_BYTES) {
    return fail(`is over the ${MAX_SCENARIO_BYTES}-byte limit for scenario files; is this the right input?`);
  }
  if (bytes.includes(0))
    return fail('looks like a binary file (it contains NUL bytes); a scenario is YAML or JSON text');
  try {
    return { ok: true, value: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return fail('is not valid UTF-8 text; save the scenario as UTF-8');
  }
}

function fileErrorMessage(error: unknown): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  switch (code) {
    case 'ENOENT':
      return 'no such file; check the path (bundled scenarios are in scenarios/, e.g. scenarios/sriov.yaml)';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied; make the file readable or copy it somewhere you can read';
    case 'ENOTDIR':
      return 'a part of the path is not a directory; check the path';
    case 'EISDIR':
      return 'is a directory, not a scenario file; name a .yaml or .json file inside it';
    default:
      return `cannot read the file (${code === '' ? (error instanceof Error ? error.message : String(error)) : code})`;
  }
}

async function scenarioFilesIn(directory: string): Promise<string[]> {
  try {
    const names = await readdir(directory);
    return names
      .filter((name) => /\.(ya?ml|json)$/i.test(name) && !name.endsWith('.schema.json'))
      .sort()
      .slice(0, 2);
  } catch {
    return [];
  }
}
