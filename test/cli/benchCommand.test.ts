import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXIT_OK } from '../../src/cli/exitCodes.js';
import {
  CPU_COMPONENTS,
  DROP_LOCATIONS,
  RESULT_SCHEMA_VERSION,
  type BenchResult,
  type RunResult,
} from '../../src/run/runResult.js';
import { MODE_IDS } from '../../src/scenario/scenarioConfig.js';
import { runCli, runCliJson } from './runCli.js';

/** Short simulated windows keep the suite fast; the engine's own tests cover long runs. */
const SHORT = ['--duration', '5', '--warmup', '1'] as const;
/** The start of an ANSI escape sequence. */
const ANSI = '\u001b[';

/** Every number anywhere in the value, with its path. */
function numbersIn(value: unknown, path = '$'): [string, number][] {
  if (typeof value === 'number') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((item, index) => numbersIn(item, `${path}[${index}]`));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, child]) => numbersIn(child, `${path}.${key}`));
  }
  return [];
}

async function benchJson(args: readonly string[]): Promise<BenchResult> {
  return runCliJson<BenchResult>(['bench', ...SHORT, ...args], {}, { quiet: true });
}

function expectRunContract(run: RunResult, vms: number): void {
  expect(MODE_IDS).toContain(run.mode);
  expect(typeof run.modeName).toBe('string');
  expect(run.vms).toBe(vms);
  for (const key of ['gbps', 'mpps'] as const) expect(run.offered[key]).toBeGreaterThan(0);
  expect(run.delivered.gbps).toBeGreaterThan(0);
  expect(run.delivered.mpps).toBeGreaterThan(0);
  expect(run.delivered.lineRatePct).toBeGreaterThan(0);
  expect(run.dropRatio).toBeGreaterThanOrEqual(0);
  expect(run.dropRatio).toBeLessThanOrEqual(1);
  expect(Object.keys(run.drops)).toEqual([...DROP_LOCATIONS]);
  expect(Object.keys(run.cpu.byComponent)).toEqual([...CPU_COMPONENTS]);
  expect(Object.keys(run.latencyUs)).toEqual(['p50', 'p90', 'p99', 'p999', 'max']);
  expect(run.latencyUs.p50).toBeLessThanOrEqual(run.latencyUs.p99);
  expect(run.latencyUs.p99).toBeLessThanOrEqual(run.latencyUs.max);
  expect(run.frames.offered).toBe(run.frames.delivered + run.frames.dropped + run.frames.inFlight);
  expect(run.bottleneck.length).toBeGreaterThan(0);
  expect(run.placement.dedicated + run.placement.fallback).toBe(vms);
  expect(run.perVm).toHaveLength(vms);
  expect(run.scenario.workload.durationMs).toBe(5);
}

describe('nicvirt bench --format json', () => {
  it('emits the result contract with finite numbers only', async () => {
    const result = await benchJson(['--mode', 'sriov', '--vms', '8']);
    expect(Object.keys(result)).toEqual(['schemaVersion', 'tool', 'seed', 'runs']);
    expect(result.schemaVersion).toBe(RESULT_SCHEMA_VERSION);
    expect(result.tool.name).toBe('nicvirt');
    expect(result.tool.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(result.seed).toBe(1);
    expect(result.runs).toHaveLength(1);
    const [run] = result.runs;
    if (!run) throw new Error('no run');
    expect(run.mode).toBe('sriov');
    expectRunContract(run, 8);
    for (const [path, value] of numbersIn(result)) expect(Number.isFinite(value), path).toBe(true);
  });

  it('passes the scenario flags through to the run', async () => {
    const result = await benchJson([
      '--mode=paravirt',
      '--vms=4',
      '--frame-size=64',
      '--load=50%',
      '--seed=9',
      '--nic=82598',
      '--host=xeon-2008',
    ]);
    const run = result.runs[0];
    expect(result.seed).toBe(9);
    expect(run?.scenario.nic.profile).toBe('82598');
    expect(run?.scenario.host.profile).toBe('xeon-2008');
    expect(run?.frameBytes).toBe(64);
    expect(run?.scenario.workload.load).toEqual({ unit: 'percent', value: 50 });
  });

  it('--mode all runs every mode on the same workload, in a fixed order', async () => {
    const result = await benchJson(['--mode', 'all', '--vms', '4']);
    expect(result.runs.map((run) => run.mode)).toEqual([...MODE_IDS]);
    for (const run of result.runs) expectRunContract(run, 4);
    for (const [path, value] of numbersIn(result)) expect(Number.isFinite(value), path).toBe(true);
  });

  it('is byte-identical for the same command and seed', async () => {
    const args = [
      'bench',
      ...SHORT,
      '--format',
      'json',
      '--arrivals',
      'poisson',
      '--seed',
      '7',
      '--vms',
      '4',
    ];
    const first = await runCli(args);
    const second = await runCli(args);
    expect(first.code).toBe(EXIT_OK);
    expect(second.stdout).toBe(first.stdout);
    const all = [
      'bench',
      ...SHORT,
      '--format',
      'json',
      '--mode',
      'all',
      '--arrivals',
      'poisson',
      '--vms',
      '4',
    ];
    expect((await runCli(all)).stdout).toBe((await runCli(all)).stdout);
  });

  it('a different seed changes a Poisson run', async () => {
    const base = ['bench', ...SHORT, '--format', 'json', '--arrivals', 'poisson', '--vms', '4'];
    const one = await runCli([...base, '--seed', '1']);
    const two = await runCli([...base, '--seed', '2']);
    expect(two.stdout).not.toBe(one.stdout);
  });
});

describe('nicvirt bench --format table', () => {
  it('shows the one-run report', async () => {
    const run = await runCli(['bench', ...SHORT, '--mode', 'sriov', '--vms', '4']);
    expect(run.code).toBe(EXIT_OK);
    expect(run.stdout).toContain('SR-IOV');
    expect(run.stdout).toMatch(/delivered\s+\d/);
    expect(run.stdout).toMatch(/bottleneck\s+\S/);
    expect(run.stdout).toContain('per VM');
    expect(run.stdout).not.toContain(ANSI);
    expect(run.stderr).toBe('');
  });

  it('--mode all shows one row per mode with the ratio column', async () => {
    const run = await runCli(['bench', ...SHORT, '--mode', 'all', '--vms', '4']);
    expect(run.code).toBe(EXIT_OK);
    expect(run.stdout).toContain('× paravirt');
    for (const mode of MODE_IDS) expect(run.stdout).toMatch(new RegExp(`^│ ${mode} `, 'm'));
    expect(run.stdout).toMatch(/^│ paravirt .* 1\.00× │$/m);
  });

  it('--reference changes the ratio column', async () => {
    const run = await runCli(['bench', ...SHORT, '--mode', 'all', '--vms', '4', '--reference', 'native']);
    expect(run.stdout).toContain('× native');
    expect(run.stdout).toMatch(/^│ native .* 1\.00× │$/m);
  });

  it('colours only a terminal, and never with NO_COLOR or --no-color', async () => {
    const args = ['bench', ...SHORT, '--vms', '2'];
    expect((await runCli(args, { stdoutIsTty: true })).stdout).toContain(ANSI);
    expect((await runCli(args, { stdoutIsTty: true, env: { NO_COLOR: '1' } })).stdout).not.toContain(ANSI);
    expect((await runCli([...args, '--no-color'], { stdoutIsTty: true })).stdout).not.toContain(ANSI);
    expect((await runCli([...args, '--format', 'json'], { stdoutIsTty: true })).stdout).not.toContain(ANSI);
  });
});

describe('nicvirt bench --output', () => {
  const directory = mkdtempSync(join(tmpdir(), 'nicvirt-bench-'));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('writes the report to the file, relative to the working directory, and leaves no temp file', async () => {
    const args = ['bench', ...SHORT, '--vms', '2', '--format', 'json'];
    const toFile = await runCli([...args, '--output', 'result.json'], { cwd: directory, stdoutIsTty: true });
    expect(toFile.code).toBe(EXIT_OK);
    expect(toFile.stdout).toBe('');
    const toStdout = await runCli(args);
    expect(readFileSync(join(directory, 'result.json'), 'utf8')).toBe(toStdout.stdout);
    expect(readdirSync(directory)).toEqual(['result.json']);
  });

  it('never writes colour into a file', async () => {
    const path = join(directory, 'table.txt');
    await runCli(['bench', ...SHORT, '--vms', '2', '--output', path], { stdoutIsTty: true });
    expect(readFileSync(path, 'utf8')).not.toContain(ANSI);
  });
});
