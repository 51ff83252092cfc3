import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BenchResult } from '../../src/run/runResult.js';
import { buildCliForTest, runBuiltCli, type ProcessRun } from '../sweep/builtCli.js';
import { STACK_LINE } from './runCli.js';

/**
 * Signals, closed pipes and full disks need a real process: these tests run a built copy of the
 * CLI (test/sweep/builtCli.ts: the sources transpiled, with the compiled worker sweep and rfc2544 use).
 */
let cli = '';
let work = '';

beforeAll(() => {
  cli = buildCliForTest();
  work = mkdtempSync(join(tmpdir(), 'nicvirt-faults-'));
}, 60_000);

afterAll(() => {
  rmSync(cli, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
});

function temporaryFiles(): string[] {
  return readdirSync(work).filter((name) => name.endsWith('.tmp'));
}

/** Run `script` in bash with `$NICVIRT` set to the built CLI; stdout and stderr captured. */
function runShell(script: string, timeoutMs = 30_000): Promise<ProcessRun> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', script], {
      cwd: work,
      env: {
        PATH: process.env['PATH'] ?? '',
        NICVIRT: `${process.execPath} ${join(cli, 'bin', 'nicvirt.js')}`,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

describe('Ctrl-C and SIGTERM (a real signal to a real process)', () => {
  it('bench --mode all, SIGINT after the first mode: exit 130, finished modes in --output, no temp file', async () => {
    const output = join(work, 'bench-int.json');
    const args = ['bench', '--mode', 'all', '--vms', '32', '--duration', '1000', '--format', 'json'];
    const run = await runBuiltCli(cli, [...args, '--output', output], {
      cwd: work,
      env: { CI: 'true' },
      onStderr: (stderr) => (stderr.includes('[1/6]') ? 'SIGINT' : undefined),
    });
    expect(run.code, run.stderr).toBe(130);
    expect(run.stderr).not.toMatch(STACK_LINE);
    const match =
      /interrupted by SIGINT: (\d) of 6 runs finished \(([^)]*)\) and are in (\S+); not finished: (.+)\n$/.exec(
        run.stderr,
      );
    expect(match, run.stderr).not.toBeNull();
    const finished = Number(match?.[1]);
    expect(finished).toBeGreaterThanOrEqual(1);
    expect(finished).toBeLessThan(6);
    expect(match?.[3]).toBe(output);
    const saved = JSON.parse(readFileSync(output, 'utf8')) as BenchResult;
    expect(saved.runs.map((result) => result.mode).join(', ')).toBe(match?.[2]);
    expect(temporaryFiles()).toEqual([]);
  }, 60_000);

  it('one long bench run (in slices, in process) stops at once on SIGTERM: exit 143, an earlier file untouched', async () => {
    const output = join(work, 'bench-term.json');
    writeFileSync(output, 'earlier\n');
    const started = Date.now();
    // ~16 M frames: over 10 s of simulation. 1.5 s is well into it, after the handler is set.
    const run = await runShell(
      `$NICVIRT bench --duration 20000 --format json --output ${output} & sleep 1.5; kill -TERM $!; wait $!`,
    );
    expect(run.code, run.stderr).toBe(143);
    expect(run.stderr).toBe('nicvirt: interrupted by SIGTERM before any run finished; nothing was written\n');
    expect(Date.now() - started).toBeLessThan(8_000); // stopped at the end of a slice, not run to its end
    expect(readFileSync(output, 'utf8')).toBe('earlier\n');
    expect(temporaryFiles()).toEqual([]);
  }, 60_000);

  it('sweep --format json, SIGTERM after three points: exit 143, the finished points written atomically', async () => {
    const output = join(work, 'sweep-term.json');
    const args = [
      'sweep',
      '--modes',
      'paravirt,sriov',
      '--vms',
      '1..24:+1',
      '--duration',
      '2',
      '--warmup',
      '1',
    ];
    const run = await runBuiltCli(cli, [...args, '--jobs', '2', '--format', 'json', '--output', output], {
      cwd: work,
      onStderr: (stderr) => ((stderr.match(/\] point/g) ?? []).length >= 3 ? 'SIGTERM' : undefined),
    });
    expect(run.code, run.stderr).toBe(143);
    const count = Number(/interrupted by SIGTERM: (\d+) of 48 points finished/.exec(run.stderr)?.[1]);
    expect(count).toBeGreaterThanOrEqual(3);
    expect((JSON.parse(readFileSync(output, 'utf8')) as BenchResult).runs).toHaveLength(count);
    expect(temporaryFiles()).toEqual([]);
  }, 60_000);
});

describe('closed stdout and a full disk', () => {
  it('bench --format json | head -1: exit 0, nothing on stderr', async () => {
    const run = await runShell(
      '$NICVIRT bench --mode all --vms 2 --duration 1 --format json | head -1; exit ${PIPESTATUS[0]}',
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe('{\n');
    expect(run.stderr).toBe('');
  }, 30_000);

  it('sweep --format ndjson | head -1: stops at the next point, exit 0, no trace', async () => {
    const run = await runShell(
      '$NICVIRT sweep --modes all --vms 1..16 --duration 1 --warmup 0.5 --jobs 1 --format ndjson | head -1; exit ${PIPESTATUS[0]}',
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.split('\n').filter(Boolean)).toHaveLength(1);
    expect(run.stderr).not.toMatch(STACK_LINE);
    expect(run.stderr).not.toContain('EPIPE');
    // One progress line per finished point: the sweep stopped long before its 96 points.
    expect((run.stderr.match(/\] point/g) ?? []).length).toBeLessThan(20);
  }, 30_000);

  it.skipIf(!existsSync('/dev/full'))(
    'stdout on a full disk (> /dev/full): one line, exit 1',
    async () => {
      for (const command of [
        'costs',
        'bench --duration 1 --format json',
        'sweep --vms 1,2 --duration 1 --format ndjson',
      ]) {
        const run = await runShell(`$NICVIRT ${command} > /dev/full`);
        expect(run.code, `${command}: ${run.stderr}`).toBe(1);
        expect(run.stderr).toBe(
          'nicvirt: error: cannot write to standard output: no space left on the device (ENOSPC)\n',
        );
      }
    },
    30_000,
  );
});
