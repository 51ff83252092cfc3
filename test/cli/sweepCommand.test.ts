import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/cliIo.js';
import { CommandFailure } from '../../src/cli/commandFailure.js';
import { EXIT_OK, EXIT_SIGINT, EXIT_SIGTERM, EXIT_USAGE } from '../../src/cli/exitCodes.js';
import type { SignalSource, StopSignal } from '../../src/cli/processSignals.js';
import { registerSweepCommand } from '../../src/cli/sweepCommand.js';
import type { SweepBenchResult } from '../../src/sweep/sweepResult.js';
import { runCli, runCliJson, STACK_LINE, SWEEP } from './runCli.js';

const tempDirs: string[] = [];

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'nicvirt-sweep-'));
  tempDirs.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

async function sweepJson(args: readonly string[], cwd?: string): Promise<SweepBenchResult> {
  return runCliJson<SweepBenchResult>([...SWEEP, ...args], cwd === undefined ? {} : { cwd });
}

describe('nicvirt sweep', () => {
  it('runs the cartesian product in point order, with hashes, extent and knees; chatter only on stderr', async () => {
    const run = await runCli([...SWEEP, '--format', 'json']);
    expect(run.code).toBe(EXIT_OK);
    const result = JSON.parse(run.stdout) as SweepBenchResult;
    expect(result.runs.map((r) => [r.point, r.mode, r.vms])).toEqual([
      [0, 'paravirt', 1],
      [1, 'paravirt', 2],
      [2, 'sriov', 1],
      [3, 'sriov', 2],
    ]);
    expect(result.sweep).toEqual({ points: 4 });
    expect(new Set(result.runs.map((r) => r.configHash)).size).toBe(4);
    expect(result.runs.every((r) => r.modelVersion === '1')).toBe(true);
    expect(result.knees?.map((knee) => knee.mode)).toEqual(['paravirt', 'sriov']);
    // Not a terminal: one plain line per finished point, nothing animated.
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(
      /^nicvirt: \[1\/4\] point 0: paravirt · 1 VM · 1518 B · 100% · rx: [\d.]+ Gbit\/s, p99 [\d.,]+ µs$/,
    );
    expect(run.stderr).not.toContain('\u001b[');
  });

  it('gives the same result whatever --jobs is (in process the worker falls back, with a note)', async () => {
    const one = await runCli([...SWEEP, '--format', 'json', '--jobs', '1']);
    const two = await runCli([...SWEEP, '--format', 'json', '--jobs', '2']);
    expect(one.code, one.stderr).toBe(EXIT_OK);
    expect(two.code, two.stderr).toBe(EXIT_OK);
    // 2 modes × 2 VM counts
    expect((JSON.parse(one.stdout) as SweepBenchResult).runs).toHaveLength(4);
    expect(two.stdout).toBe(one.stdout);
    expect(two.stderr).toContain('points run one at a time');
  });

  it('draws a progress bar on a terminal, and plain lines when CI is set', async () => {
    const tty = await runCli([...SWEEP, '--format', 'csv'], { stderrIsTty: true });
    expect(tty.code).toBe(EXIT_OK);
    expect(tty.stderr).toContain('ETA');
    expect(tty.stderr).not.toContain('[1/4]');
    expect(tty.stdout).not.toContain('\u001b[');
    const ci = await runCli([...SWEEP, '--format', 'csv'], { stderrIsTty: true, env: { CI: 'true' } });
    expect(ci.stderr).toContain('[1/4]');
    expect(ci.stderr).not.toContain('ETA');
  });

  it('expands ranges and lists of every axis; a file matrix is extended by list flags', async () => {
    const ranges = await sweepJson([
      '--vms',
      '1..4:x2',
      '--frame-size',
      '64,1518',
      '--load',
      '50%..100%:+50%',
      '--modes',
      'sriov',
    ]);
    expect(ranges.runs.map((r) => `${r.vms}/${r.frameLabel}/${r.scenario.workload.load.value}`)).toEqual([
      '1/64/50',
      '1/64/100',
      '1/1518/50',
      '1/1518/100',
      '2/64/50',
      '2/64/100',
      '2/1518/50',
      '2/1518/100',
      '4/64/50',
      '4/64/100',
      '4/1518/50',
      '4/1518/100',
    ]);
    const dir = tempDir();
    writeFileSync(
      join(dir, 'm.yaml'),
      'mode: [paravirt, sriov]\nvms: 2\nworkload: { durationMs: 1, warmupMs: 1 }\n',
    );
    const run = await runCli(['sweep', 'm.yaml', '--vms', '1,2', '--format', 'json'], { cwd: dir });
    expect(run.code, run.stderr).toBe(EXIT_OK);
    const file = JSON.parse(run.stdout) as SweepBenchResult;
    expect(file.runs.map((r) => `${r.mode}/${r.vms}`)).toEqual([
      'paravirt/1',
      'paravirt/2',
      'sriov/1',
      'sriov/2',
    ]);
  });

  it('shards split the sweep; merging the shards gives the whole sweep', async () => {
    const dir = tempDir();
    const whole = await sweepJson([]);
    for (const shard of ['1/3', '2/3', '3/3']) {
      const run = await runCli(
        [...SWEEP, '--shard', shard, '--format', 'ndjson', '--output', `s${shard[0]}.ndjson`],
        { cwd: dir },
      );
      expect(run.code, run.stderr).toBe(EXIT_OK);
      expect(run.stdout).toBe('');
    }
    const shard1 = readFileSync(join(dir, 's1.ndjson'), 'utf8').trim().split('\n');
    expect(shard1.map((line) => (JSON.parse(line) as { point: number }).point)).toEqual([0, 3]);
    const merged = await runCli(['merge', 's3.ndjson', 's1.ndjson', 's2.ndjson'], { cwd: dir });
    expect(merged.code, merged.stderr).toBe(EXIT_OK);
    const result = JSON.parse(merged.stdout) as SweepBenchResult;
    expect(result.runs).toEqual(whole.runs);
    expect(result.knees).toEqual(whole.knees);
  });

  it('--resume skips points already in the file and appends the rest to it', async () => {
    const dir = tempDir();
    const whole = await sweepJson([]);
    const full = await runCli([...SWEEP, '--format', 'ndjson']);
    const lines = full.stdout.split('\n').filter(Boolean);
    writeFileSync(join(dir, 'r.ndjson'), `${lines.slice(0, 2).join('\n')}\n`);
    const resumed = await runCli(
      [...SWEEP, '--format', 'ndjson', '--output', 'r.ndjson', '--resume', 'r.ndjson'],
      { cwd: dir },
    );
    expect(resumed.code, resumed.stderr).toBe(EXIT_OK);
    expect(resumed.stderr).toContain('resuming: 2 of 4 points already in r.ndjson, 2 to run');
    expect(resumed.stderr.match(/\] point/g)).toHaveLength(2);
    const after = readFileSync(join(dir, 'r.ndjson'), 'utf8').split('\n').filter(Boolean);
    expect([...after].sort()).toEqual([...lines].sort());
    const json = await sweepJson(['--resume', 'r.ndjson'], dir);
    expect(json.runs).toEqual(whole.runs);
  });

  it.each([
    [['--vms', '64..1'], '--vms: "64..1" ends below its start'],
    [['--vms', '1..64:x1'], 'a multiplying step must be above 1'],
    [['--vms', '1..'], 'is not a range START..END[:STEP]'],
    [['--vms', ''], '--vms: the list is empty'],
    [['--modes', 'sriov,,vmq'], 'has an empty item'],
    [['--modes', 'srvio'], '"srvio" is not a mode'],
    [['--load', '50%..1gbps'], 'mixes units'],
    [['--shard', '0/3'], '--shard expects k/n with whole numbers 1 ≤ k ≤ n'],
    [['--shard', '4/3'], 'k must be from 1 to 3'],
    [['--shard', '5/5'], '--shard 5/5 selects no points: the sweep has only 4'],
    [['--jobs', '0'], '--jobs expects a whole number'],
    [['--mode', 'sriov', '--modes', 'vmq'], '--mode and --modes name the same list'],
    [['--vms', '0,2'], '--vms'],
  ])('refuses %j with exit 2 and a fix-it message', async (args, message) => {
    const run = await runCli([...SWEEP, ...args]);
    expect(run.code).toBe(EXIT_USAGE);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(message);
    expect(run.stderr).toContain('Example: nicvirt sweep');
    expect(run.stderr).not.toMatch(STACK_LINE);
  });

  it('refuses to resume from a truncated NDJSON line or another model version', async () => {
    const dir = tempDir();
    const full = await runCli([...SWEEP, '--format', 'ndjson']);
    const [first = '', second = ''] = full.stdout.split('\n');
    writeFileSync(join(dir, 'cut.ndjson'), `${first}\n${second.slice(0, 50)}`);
    const cut = await runCli([...SWEEP, '--resume', 'cut.ndjson'], { cwd: dir });
    expect(cut.code).toBe(EXIT_USAGE);
    expect(cut.stderr).toContain('--resume: cut.ndjson: line 2 is truncated');
    writeFileSync(join(dir, 'old.ndjson'), `${first.replace('"modelVersion":"1"', '"modelVersion":"0"')}\n`);
    const old = await runCli([...SWEEP, '--resume', 'old.ndjson'], { cwd: dir });
    expect(old.code).toBe(EXIT_USAGE);
    expect(old.stderr).toContain('holds results of model version 0');
  });
});

describe('CI formats on every command that prints results', () => {
  it.each(['ndjson', 'csv', 'markdown', 'gobench', 'github-bigger', 'github-smaller'])(
    'bench, run and merge take --format %s',
    async (format) => {
      const dir = tempDir();
      writeFileSync(
        join(dir, 's.yaml'),
        'mode: [paravirt, sriov]\nvms: 2\nworkload: { durationMs: 1, warmupMs: 1 }\n',
      );
      const bench = await runCli([
        'bench',
        '--vms',
        '2',
        '--duration',
        '1',
        '--warmup',
        '1',
        '--format',
        format,
      ]);
      const file = await runCli(['run', 's.yaml', '--format', format, '--output', 'out.txt'], { cwd: dir });
      const shard = await runCli([...SWEEP, '--format', 'json', '--output', 'a.json'], { cwd: dir });
      const merged = await runCli(['merge', 'a.json', '--format', format], { cwd: dir });
      for (const run of [bench, file, shard, merged]) expect(run.code, run.stderr).toBe(EXIT_OK);
      expect(bench.stdout.length).toBeGreaterThan(0);
      expect(readFileSync(join(dir, 'out.txt'), 'utf8')).toContain(
        format === 'csv' ? 'paravirt,' : 'paravirt',
      );
      expect(merged.stdout).toContain('sriov');
    },
  );
});

/** A CLI with only `sweep`, whose stop signals the test sends. */
async function interruptedSweep(
  args: readonly string[],
  cwd: string,
  signal: StopSignal,
  afterPoints: number,
) {
  let stderr = '';
  let stdout = '';
  let stop: ((signal: StopSignal) => void) | undefined;
  const signals: SignalSource = {
    onStop: (handler) => {
      stop = handler;
      return () => {
        stop = undefined;
      };
    },
  };
  const io: CliIo = {
    stdout: (text) => (stdout += text),
    stderr: (text) => {
      stderr += text;
      if ((stderr.match(/\] point/g) ?? []).length === afterPoints) stop?.(signal);
    },
    stdoutIsTty: false,
    stderrIsTty: false,
    env: {},
    cwd,
  };
  const program = new Command('nicvirt').exitOverride();
  registerSweepCommand(program, io, { signals });
  const error: unknown = await program.parseAsync(['node', 'nicvirt', ...args]).then(
    () => undefined,
    (failure: unknown) => failure,
  );
  return { error, stdout, stderr };
}

describe('nicvirt sweep, interrupted', () => {
  it('SIGINT: every finished point is in the --output file (JSON, atomically), listed on stderr, exit 130', async () => {
    const dir = tempDir();
    const { error, stdout } = await interruptedSweep(
      [...SWEEP, '--jobs', '1', '--format', 'json', '--output', 'out.json'],
      dir,
      'SIGINT',
      2,
    );
    expect(error).toBeInstanceOf(CommandFailure);
    expect((error as CommandFailure).exitCode).toBe(EXIT_SIGINT);
    expect((error as CommandFailure).message).toBe(
      `interrupted by SIGINT: 2 of 4 points finished (this run: points 0-1) and are in ${join(dir, 'out.json')}; run the same command with --resume ${join(dir, 'out.json')} to finish the rest`,
    );
    expect(stdout).toBe('');
    const saved = JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8')) as SweepBenchResult;
    expect(saved.runs.map((r) => r.point)).toEqual([0, 1]);

    // …and resuming from that file finishes the sweep.
    const resumed = await runCli([...SWEEP, '--format', 'json', '--resume', 'out.json'], { cwd: dir });
    expect(resumed.stderr).toContain('resuming: 2 of 4 points');
    expect((JSON.parse(resumed.stdout) as SweepBenchResult).runs).toHaveLength(4);
  });

  it('SIGTERM with NDJSON: the finished lines are on disk, exit 143', async () => {
    const dir = tempDir();
    const { error } = await interruptedSweep(
      [...SWEEP, '--format', 'ndjson', '--output', 'out.ndjson'],
      dir,
      'SIGTERM',
      3,
    );
    expect((error as CommandFailure).exitCode).toBe(EXIT_SIGTERM);
    expect(readFileSync(join(dir, 'out.ndjson'), 'utf8').trim().split('\n')).toHaveLength(3);
  });
});
