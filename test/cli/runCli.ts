import { expect } from 'vitest';
import type { CliIo } from '../../src/cli/cliIo.js';
import { EXIT_OK } from '../../src/cli/exitCodes.js';
import { main } from '../../src/cli/main.js';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface FakeIoSettings {
  readonly stdoutIsTty?: boolean;
  readonly stderrIsTty?: boolean;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly cwd?: string;
}

/** Run the whole CLI in process, as `nicvirt ...args`, capturing both streams. */
export async function runCli(args: readonly string[], settings: FakeIoSettings = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    stdoutIsTty: settings.stdoutIsTty ?? false,
    stderrIsTty: settings.stderrIsTty ?? false,
    env: settings.env ?? {},
    cwd: settings.cwd ?? process.cwd(),
  };
  const code = await main(['node', 'nicvirt', ...args], io);
  return { code, stdout, stderr };
}

export interface CliJsonExpectations {
  /** Also expect nothing at all on stderr. */
  readonly quiet?: boolean;
}

/**
 * Run `nicvirt ...args --format json` in process, expect exit 0 (and, if `quiet`, an empty stderr),
 * and return the parsed stdout.
 */
export async function runCliJson<T>(
  args: readonly string[],
  settings: FakeIoSettings = {},
  expectations: CliJsonExpectations = {},
): Promise<T> {
  const run = await runCli([...args, '--format', 'json'], settings);
  if (expectations.quiet === true) expect(run.stderr).toBe('');
  expect(run.code, run.stderr).toBe(EXIT_OK);
  return JSON.parse(run.stdout) as T;
}

/** 2 modes × 2 VM counts, 1 ms each: the whole sweep takes a few milliseconds. */
export const SWEEP = [
  'sweep',
  '--modes',
  'paravirt,sriov',
  '--vms',
  '1,2',
  '--duration',
  '1',
  '--warmup',
  '1',
] as const;

/** A stack trace line, which a user must never see for bad input. */
export const STACK_LINE = /^\s{4}at /m;
