import fc from 'fast-check';
import { expect } from 'vitest';
import { STACK_LINE, runCli, type CliRun, type FakeIoSettings } from './runCli.js';

/**
 * Fuzzing runs in the ordinary test suite: a fixed seed and a bounded number of runs, so a failure
 * reproduces exactly (fast-check prints the seed, path and shrunk counterexample). Set
 * NICVIRT_FUZZ_SEED to explore other inputs locally; CI always uses the fixed seed.
 */
export const FUZZ_SEED = Number(process.env['NICVIRT_FUZZ_SEED'] ?? 20_250_609);

export function fuzzParameters(numRuns: number): fc.Parameters<unknown> {
  return { seed: FUZZ_SEED, numRuns, endOnFailure: true };
}

/** The longest one fuzzed command may take: anything longer counts as a hang. */
export const HANG_MS = 8_000;

/** Values that break parsers: empty, signs, huge, non-numbers, whitespace, unicode, injections. */
export const NASTY_VALUES: readonly string[] = [
  '',
  ' ',
  '-1',
  '0',
  '-0',
  '1e309',
  '-1e309',
  'NaN',
  'Infinity',
  '-Infinity',
  '0x10',
  '1_000',
  '99999999999999999999',
  '4294967296',
  '1.5',
  '.5',
  '5.',
  '1e-9',
  'null',
  'undefined',
  'true',
  '[object Object]',
  '%',
  '..',
  ':',
  ',',
  '--',
  '-',
  '\t',
  '\u0000',
  '１２',
  'ß',
  '🙂',
  '$(rm -rf /)',
  "'; DROP TABLE",
  'x'.repeat(5000),
];

/** `NaN` or `Infinity` where a figure would be. */
const NOT_FINITE = /\bNaN\b|\bInfinity\b/;
/** A negative number where a figure would be (a table cell, `key: -1`, `= -1`). */
const NEGATIVE = /(^|[\s(|:=,])-\d/m;

export interface FuzzExpectations {
  /** Negative numbers are legitimate here (compare's changes, help text ranges). */
  readonly negativesAllowed?: boolean;
}

/**
 * What every command must do with any input: exit 0, 1 or 2 (130/143 only on a signal), never a
 * stack trace or an internal error, within HANG_MS, and no NaN, Infinity or negative figure in its
 * output (JSON is parsed and every number checked).
 */
export function expectWellBehaved(
  args: readonly string[],
  run: CliRun,
  elapsedMs: number,
  expectations: FuzzExpectations = {},
): void {
  const context = `nicvirt ${args.map((arg) => JSON.stringify(arg)).join(' ')}\nexit ${run.code}\nstderr: ${run.stderr.slice(0, 2000)}`;
  expect([0, 1, 2], context).toContain(run.code);
  expect(run.stderr, context).not.toMatch(STACK_LINE);
  expect(run.stdout, context).not.toMatch(STACK_LINE);
  expect(run.stderr, context).not.toContain('internal error');
  expect(elapsedMs, context).toBeLessThan(HANG_MS);
  if (run.code !== 0) return;
  const negatives = expectations.negativesAllowed === true;
  const text = run.stdout.trimStart();
  if (text.startsWith('{')) {
    for (const line of text.startsWith('{"') ? text.split('\n').filter(Boolean) : [text]) {
      checkNumbers(JSON.parse(line) as unknown, '$', context, negatives);
    }
    return;
  }
  const body = stripHelp(run.stdout);
  expect(body, context).not.toMatch(NOT_FINITE);
  if (!negatives) expect(body, context).not.toMatch(NEGATIVE);
}

/** Help and usage text quote flag syntax (`--vms <n>`), which is not a figure. */
function stripHelp(text: string): string {
  return text.includes('Usage: nicvirt') ? '' : text;
}

function checkNumbers(value: unknown, path: string, context: string, negatives: boolean): void {
  if (typeof value === 'number') {
    expect(Number.isFinite(value), `${path} = ${value}\n${context}`).toBe(true);
    if (!negatives) expect(value, `${path} is negative\n${context}`).toBeGreaterThanOrEqual(0);
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => checkNumbers(item, `${path}[${index}]`, context, negatives));
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value))
      checkNumbers(child, `${path}.${key}`, context, negatives);
  }
}

/**
 * Run the CLI in process and check it is well behaved; returns the run for further checks. `cwd`
 * is required: fuzzed file names (`--output 't<0'`) land there, never in the repository.
 */
export async function fuzzCli(
  args: readonly string[],
  settings: FakeIoSettings & { readonly cwd: string },
  expectations: FuzzExpectations = {},
): Promise<CliRun> {
  const started = performance.now();
  const run = await runCli(args, settings);
  expectWellBehaved(args, run, performance.now() - started, expectations);
  return run;
}

/** A flag with a value drawn from `values` (mostly) or from NASTY_VALUES, in one of three spellings. */
export function flagWithValue(flag: string, values: readonly string[]): fc.Arbitrary<readonly string[]> {
  // Mostly values from the flag's own pool (valid and near-valid), so runs get past the first
  // check and into the command; sometimes anything at all.
  const value = fc.oneof(
    { weight: 10, arbitrary: fc.constantFrom(...values) },
    { weight: 1, arbitrary: fc.constantFrom(...NASTY_VALUES) },
    { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  );
  return fc.oneof(
    { weight: 24, arbitrary: value.map((v) => [flag, v]) },
    { weight: 2, arbitrary: value.map((v) => [`${flag}=${v}`]) },
    { weight: 1, arbitrary: fc.constant([flag]) },
  );
}

/** Noise: unknown flags, stray words, help and version switches. */
export const NOISE: fc.Arbitrary<readonly string[]> = fc.oneof(
  fc.constantFrom(
    ['--bogus'],
    ['-x'],
    ['--help'],
    ['-h'],
    ['--version'],
    ['--'],
    ['extra'],
    ['--no-such-flag', '1'],
  ),
  fc.string({ maxLength: 10 }).map((text) => [text]),
  fc.string({ minLength: 1, maxLength: 10 }).map((text) => [`--${text}`]),
);

/**
 * argv for one command: a few of its flags (each a FlagSpec), sometimes noise, then `tail` (flags
 * that keep the run small, appended so they win over a fuzzed value of the same flag).
 */
export type FlagSpec = readonly [flag: string, values: readonly string[] | null];

export function commandArgs(
  command: readonly string[],
  flags: readonly FlagSpec[],
  settings: { readonly positional?: fc.Arbitrary<readonly string[]>; readonly tail?: readonly string[] } = {},
): fc.Arbitrary<readonly string[]> {
  const flag = fc.oneof(
    ...flags.map(([name, values]) => (values === null ? fc.constant([name]) : flagWithValue(name, values))),
  );
  const piece = fc.oneof({ weight: 30, arbitrary: flag }, { weight: 1, arbitrary: NOISE });
  return fc
    .tuple(settings.positional ?? fc.constant<readonly string[]>([]), fc.array(piece, { maxLength: 7 }))
    .map(([positional, pieces]) => [...command, ...positional, ...pieces.flat(), ...(settings.tail ?? [])]);
}
