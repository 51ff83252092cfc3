import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCliForTest, runBuiltCli } from './builtCli.js';

/**
 * Worker threads run compiled JavaScript, so these tests use a built copy of the CLI as a real
 * process: the same code vitest runs, transpiled (see builtCli.ts).
 */
let cli = '';
let work = '';

beforeAll(() => {
  cli = buildCliForTest();
  work = mkdtempSync(join(tmpdir(), 'nicvirt-workers-'));
}, 60_000);

afterAll(() => {
  rmSync(cli, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
});

const SWEEP = [
  'sweep',
  '--modes',
  'paravirt,sriov',
  '--vms',
  '1,2,4',
  '--frame-size',
  '64,1518',
  '--duration',
  '1',
  '--warmup',
  '1',
];

describe('nicvirt sweep on worker threads (built CLI)', () => {
  it('gives byte-identical results for --jobs 1 and --jobs 2; NDJSON holds the same lines', async () => {
    const one = await runBuiltCli(cli, [...SWEEP, '--format', 'json', '--jobs', '1'], { cwd: work });
    const two = await runBuiltCli(cli, [...SWEEP, '--format', 'json', '--jobs', '2'], { cwd: work });
    expect(one.code, one.stderr).toBe(0);
    expect(two.code, two.stderr).toBe(0);
    expect(two.stderr).not.toContain('one at a time');
    expect(two.stdout).toBe(one.stdout);
    expect((JSON.parse(two.stdout) as { runs: unknown[] }).runs).toHaveLength(12);

    const lines = async (jobs: string) => {
      const run = await runBuiltCli(cli, [...SWEEP, '--format', 'ndjson', '--jobs', jobs], { cwd: work });
      return run.stdout.split('\n').filter(Boolean).sort();
    };
    expect(await lines('2')).toEqual(await lines('1'));
  }, 60_000);

  it('SIGINT mid-sweep: exit 130, every finished point in the NDJSON file, resumable', async () => {
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
      '--jobs',
      '2',
      '--format',
      'ndjson',
      '--output',
      'int.ndjson',
    ];
    const run = await runBuiltCli(cli, args, {
      cwd: work,
      onStderr: (stderr) => ((stderr.match(/\] point/g) ?? []).length >= 3 ? 'SIGINT' : undefined),
    });
    expect(run.code, run.stderr).toBe(130);
    expect(run.stderr).toMatch(/nicvirt: interrupted by SIGINT: \d+ of 48 points finished/);
    const saved = readFileSync(join(work, 'int.ndjson'), 'utf8');
    expect(saved.endsWith('\n')).toBe(true);
    const points = saved
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { point: number }).point);
    expect(points.length).toBeGreaterThanOrEqual(3);
    expect(points.length).toBeLessThan(48);
    expect(run.stderr.match(/\] point/g)).toHaveLength(points.length);

    const resumed = await runBuiltCli(cli, [...args, '--resume', 'int.ndjson'], { cwd: work });
    expect(resumed.code, resumed.stderr).toBe(0);
    const all = readFileSync(join(work, 'int.ndjson'), 'utf8').trim().split('\n');
    expect(new Set(all.map((line) => (JSON.parse(line) as { point: number }).point)).size).toBe(48);
    expect(all).toHaveLength(48);
  }, 60_000);
});
