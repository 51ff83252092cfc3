import type { CliIo } from '../../src/cli/cliIo.js';
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

/** A stack trace line, which a user must never see for bad input. */
export const STACK_LINE = /^\s{4}at /m;
