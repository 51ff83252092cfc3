import {
  chmodSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CliIo } from '../../src/cli/cliIo.js';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from '../../src/cli/exitCodes.js';
import { main } from '../../src/cli/main.js';
import { OutputFault } from '../../src/cli/outputFault.js';
import { checkOutputPath, outputWriteError } from '../../src/cli/outputPath.js';
import { UsageError } from '../../src/cli/usageError.js';
import type { ScenarioConfig } from '../../src/scenario/scenarioConfig.js';
import { makeRunResult } from '../report/runResultFixture.js';
import { STACK_LINE, runCli, type CliRun } from './runCli.js';

/** Output that cannot be written: the engine is a fixture, so what is pinned is the CLI's handling. */
const { runScenarioMock } = vi.hoisted(() => ({ runScenarioMock: vi.fn() }));
vi.mock('../../src/run/runScenario.js', async () =>
  (await import('../run/fakeEngine.js')).fakeEngineModule(runScenarioMock),
);

beforeEach(() => {
  runScenarioMock.mockReset();
  runScenarioMock.mockImplementation((config: ScenarioConfig) =>
    makeRunResult({ mode: config.mode, vms: config.vms.count, config }),
  );
});

const work = mkdtempSync(join(tmpdir(), 'nicvirt-output-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function systemError(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: simulated, write`), { code });
}

/** The CLI with a stdout that fails after `okWrites` writes, as a full disk or a closed pipe does. */
async function runWithFailingStdout(
  args: readonly string[],
  code: string,
  okWrites = 0,
  extra: Partial<CliIo> = {},
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  let writes = 0;
  const io: CliIo = {
    stdout: (text) => {
      writes += 1;
      if (writes > okWrites) throw systemError(code);
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    stdoutIsTty: false,
    stderrIsTty: false,
    env: {},
    cwd: work,
    ...extra,
  };
  const exit = await main(['node', 'nicvirt', ...args], io);
  return { code: exit, stdout, stderr };
}

describe('standard output that fails', () => {
  it.each([
    ['bench', '--format', 'json'],
    ['bench', '--mode', 'all'],
    ['costs'],
    ['schema'],
    ['sweep', '--vms', '1,2', '--format', 'ndjson'],
    ['bench', '--help'],
  ])('full disk (ENOSPC) on %s: one line naming standard output, exit 1', async (...args) => {
    const run = await runWithFailingStdout(args, 'ENOSPC');
    expect(run.code).toBe(EXIT_FAILURE);
    expect(run.stderr).toBe(
      'nicvirt: error: cannot write to standard output: no space left on the device (ENOSPC)\n',
    );
  });

  it('an I/O error with an unknown code still gives one line', async () => {
    const run = await runWithFailingStdout(['costs'], 'EWEIRD');
    expect(run.code).toBe(EXIT_FAILURE);
    expect(run.stderr).toBe('nicvirt: error: cannot write to standard output: EWEIRD: simulated, write\n');
  });

  it('a reader that closed the pipe (EPIPE): quiet, exit 0', async () => {
    const run = await runWithFailingStdout(['sweep', '--vms', '1,2,3', '--format', 'ndjson'], 'EPIPE', 1);
    expect(run.code).toBe(EXIT_OK);
    expect(run.stderr).not.toMatch(/error|EPIPE/);
    expect(run.stdout.split('\n').filter(Boolean)).toHaveLength(1);
  });

  it('a sweep streaming NDJSON stops when the reader has gone (stdoutClosed)', async () => {
    let lines = 0;
    const run = await runWithFailingStdout(['sweep', '--vms', '1..12', '--format', 'ndjson'], 'EPIPE', 100, {
      stdoutClosed: () => lines >= 2,
      stdout: () => {
        lines += 1;
      },
    });
    expect(run.code).toBe(EXIT_OK);
    expect(lines).toBe(2);
    expect(runScenarioMock.mock.calls.length).toBeLessThan(12);
  });

  it('a write error reported only at the flush (a late ENOSPC) still fails the command', async () => {
    const run = await runWithFailingStdout(['costs'], 'ENOSPC', 100, {
      flush: () => Promise.reject(systemError('ENOSPC')),
    });
    expect(run.code).toBe(EXIT_FAILURE);
    expect(run.stderr).toContain('cannot write to standard output: no space left on the device (ENOSPC)');
  });

  it('a checked failure still decides the exit code when stdout is closed', async () => {
    const run = await runWithFailingStdout(
      ['bench', '--mode', 'all', '--assert', 'sriov.delivered.gbps > 1000'],
      'EPIPE',
      100,
      { stdoutClosed: () => true },
    );
    expect(run.code).toBe(EXIT_FAILURE);
  });

  it('a failing stderr never changes the outcome', async () => {
    let stdout = '';
    const io: CliIo = {
      stdout: (text) => {
        stdout += text;
      },
      stderr: () => {
        throw systemError('EPIPE');
      },
      stdoutIsTty: false,
      stderrIsTty: true,
      env: {},
      cwd: work,
    };
    expect(await main(['node', 'nicvirt', 'bench', '--mode', 'all', '--format', 'json'], io)).toBe(EXIT_OK);
    expect(stdout).toContain('"runs"');
    expect(await main(['node', 'nicvirt', 'bench', '--vms', '0'], io)).toBe(EXIT_USAGE);
  });
});

describe('--output that cannot be written: exit 2 naming the path, before anything runs', () => {
  const expectRefused = (run: CliRun, path: string, reason: RegExp): void => {
    expect(run.code).toBe(EXIT_USAGE);
    expect(run.stderr).toContain(`--output: cannot write ${path}: `);
    expect(run.stderr).toMatch(reason);
    expect(run.stderr).not.toMatch(STACK_LINE);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(runScenarioMock).not.toHaveBeenCalled();
  };

  it('a directory that does not exist', async () => {
    const path = join(work, 'nonexistent', 'dir', 'x.json');
    for (const command of [['bench'], ['sweep', '--vms', '1,2'], ['bench', '--mode', 'all']]) {
      const run = await runCli([...command, '--output', path]);
      expectRefused(run, path, /the directory .*nonexistent\/dir does not exist; create it \(mkdir -p /);
    }
    expect(await runCli(['bench', '--output', '/nonexistent/dir/x.json'])).toMatchObject({
      code: EXIT_USAGE,
    });
  });

  it('a read-only file (even for root), left as it was', async () => {
    const path = join(work, 'read-only.json');
    writeFileSync(path, 'keep me\n');
    chmodSync(path, 0o444);
    expectRefused(await runCli(['bench', '--output', path]), path, /the file is read-only; make it writable/);
    expect(readFileSync(path, 'utf8')).toBe('keep me\n');
  });

  it('a read-only directory', async () => {
    const directory = join(work, 'locked');
    mkdirSync(directory);
    chmodSync(directory, 0o555);
    const path = join(directory, 'x.json');
    expectRefused(await runCli(['bench', '--output', path]), path, /is not writable/);
    chmodSync(directory, 0o755);
  });

  it('a directory, a device, and a path through a file', async () => {
    expectRefused(await runCli(['bench', '--output', work]), work, /it is a directory/);
    // A device through a symlink: were the guard to fail, the link would go, not /dev/null.
    const device = join(work, 'devnull');
    symlinkSync('/dev/null', device);
    expectRefused(await runCli(['bench', '--output', device]), device, /not a regular file/);
    expect(() => checkOutputPath('/dev/null', '--output', 'nicvirt bench')).toThrow(/not a regular file/);
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
    // writeFileAtomic itself never replaces a device (compare and rfc2544 write through it).
    const compare = await runCli([
      'compare',
      join(work, 'none.json'),
      join(work, 'none.json'),
      '--output',
      device,
    ]);
    expect(compare.code).toBe(EXIT_USAGE);
    expect(lstatSync(device).isSymbolicLink()).toBe(true);
    const file = join(work, 'plain.txt');
    writeFileSync(file, '');
    expectRefused(
      await runCli(['bench', '--output', join(file, 'x.json')]),
      join(file, 'x.json'),
      /is not a directory/,
    );
  });

  it('sweep --report and run --output are checked up front too', async () => {
    const report = join(work, 'missing', 'r.html');
    const sweep = await runCli(['sweep', '--vms', '1,2', '--report', report]);
    expect(sweep.code).toBe(EXIT_USAGE);
    expect(sweep.stderr).toContain(`--report: cannot write ${report}: `);
    const scenario = join(work, 's.yaml');
    writeFileSync(scenario, 'mode: sriov\nvms: 2\nworkload: { durationMs: 1 }\n');
    const run = await runCli(['run', scenario, '--output', join(work, 'missing', 'x.json')]);
    expect(run.code).toBe(EXIT_USAGE);
    expect(runScenarioMock).not.toHaveBeenCalled();
  });
});

describe('outputWriteError: which failures are bad input and which are the system', () => {
  it('path problems are usage errors (exit 2), a full disk is an output fault (exit 1)', () => {
    for (const code of ['ENOENT', 'EACCES', 'EROFS', 'ENOTDIR', 'EISDIR']) {
      const error = outputWriteError('--output', '/x/y.json', systemError(code));
      expect(error).toBeInstanceOf(UsageError);
      expect(error.message).toContain('--output: cannot write /x/y.json: ');
      expect(error.message).toContain(`(${code})`);
    }
    for (const code of ['ENOSPC', 'EIO', 'EDQUOT']) {
      const error = outputWriteError('--output', '/x/y.json', systemError(code));
      expect(error).toBeInstanceOf(OutputFault);
      expect(error.message).toMatch(
        new RegExp(`^cannot write to /x/y.json \\(--output\\): .*\\(${code}\\)$`),
      );
    }
  });

  it('checkOutputPath accepts a new file in a writable directory and an existing writable file', () => {
    expect(() =>
      checkOutputPath(join(work, 'new.json'), '--output', 'nicvirt bench --output r.json'),
    ).not.toThrow();
    const existing = join(work, 'existing.json');
    writeFileSync(existing, '{}');
    expect(() => checkOutputPath(existing, '--output', 'nicvirt bench --output r.json')).not.toThrow();
  });
});
