import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StopSignal } from '../../src/cli/processSignals.js';
import type { BenchResult } from '../../src/run/runResult.js';
import type { ScenarioConfig } from '../../src/scenario/scenarioConfig.js';
import { makeRunResult } from '../report/runResultFixture.js';
import { STACK_LINE, runCli } from './runCli.js';

/**
 * Ctrl-C / SIGTERM during bench and run, in process: the engine is replaced by a fixture and the
 * process signals by a switch the fixture flips after a given number of runs. The runs go in
 * process, as in the CLI; a fixture run is over after one slice, so the signal is seen between runs
 * (a real run is also stopped between its slices: test/sweep/runPoints.test.ts, and
 * failureBehaviour.process.test.ts for the real signal to a real process).
 */
const hoisted = vi.hoisted(() => ({
  runScenarioMock: vi.fn(),
  handlers: [] as ((signal: 'SIGINT' | 'SIGTERM') => void)[],
  /** A signal delivered as soon as a handler is installed (before the first run). */
  atOnce: undefined as 'SIGINT' | 'SIGTERM' | undefined,
}));
vi.mock('../../src/run/runScenario.js', async () =>
  (await import('../run/fakeEngine.js')).fakeEngineModule(hoisted.runScenarioMock),
);
vi.mock('../../src/cli/processSignals.js', () => ({
  processSignals: {
    onStop(handler: (signal: 'SIGINT' | 'SIGTERM') => void) {
      hoisted.handlers.push(handler);
      if (hoisted.atOnce) handler(hoisted.atOnce);
      return () => {
        hoisted.handlers.splice(hoisted.handlers.indexOf(handler), 1);
      };
    },
  },
}));

/** Let `runs` runs finish, then deliver `signal` (as if Ctrl-C came during the next one). */
function signalAfter(runs: number, signal: StopSignal): void {
  let done = 0;
  hoisted.runScenarioMock.mockImplementation((config: ScenarioConfig) => {
    done += 1;
    if (done === runs) for (const handler of [...hoisted.handlers]) handler(signal);
    return makeRunResult({ mode: config.mode, vms: config.vms.count, config });
  });
}

const work = mkdtempSync(join(tmpdir(), 'nicvirt-interrupt-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

beforeEach(() => {
  hoisted.runScenarioMock.mockReset();
  hoisted.handlers.length = 0;
  hoisted.atOnce = undefined;
});

describe('bench interrupted', () => {
  it('SIGINT after two modes: exit 130, the two in --output (atomically), the rest named', async () => {
    signalAfter(2, 'SIGINT');
    const output = join(work, 'partial.json');
    const run = await runCli(['bench', '--mode', 'all', '--format', 'json', '--output', output]);
    expect(run.code).toBe(130);
    expect(run.stderr).toBe(
      `nicvirt: interrupted by SIGINT: 2 of 6 runs finished (native, emulated) and are in ${output}; not finished: paravirt, vmq, vmdq, sriov\n`,
    );
    expect(run.stderr).not.toMatch(STACK_LINE);
    const saved = JSON.parse(readFileSync(output, 'utf8')) as BenchResult;
    expect(saved.runs.map((result) => result.mode)).toEqual(['native', 'emulated']);
    expect(hoisted.runScenarioMock).toHaveBeenCalledTimes(2);
    expect(readdirSync(work).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    expect(hoisted.handlers).toEqual([]); // the handler is removed again
  });

  it('SIGTERM: exit 143; the finished runs go to stdout when there is no --output', async () => {
    signalAfter(3, 'SIGTERM');
    const run = await runCli(['bench', '--mode', 'all', '--format', 'json']);
    expect(run.code).toBe(143);
    expect((JSON.parse(run.stdout) as BenchResult).runs).toHaveLength(3);
    expect(run.stderr).toContain('interrupted by SIGTERM: 3 of 6 runs finished');
    expect(run.stderr).toContain('are in standard output');
  });

  it('before any run finished: nothing is written, an earlier file is left as it was', async () => {
    const output = join(work, 'keep.json');
    writeFileSync(output, 'earlier result\n');
    hoisted.runScenarioMock.mockImplementation(() => {
      throw new Error('must not run');
    });
    hoisted.atOnce = 'SIGINT';
    const run = await runCli(['bench', '--mode', 'all', '--format', 'json', '--output', output]);
    expect(run.code).toBe(130);
    expect(run.stderr).toBe('nicvirt: interrupted by SIGINT before any run finished; nothing was written\n');
    expect(readFileSync(output, 'utf8')).toBe('earlier result\n');
  });

  it('--assert is not evaluated on a partial result, and says so', async () => {
    signalAfter(1, 'SIGINT');
    const run = await runCli([
      'bench',
      '--mode',
      'all',
      '--assert',
      'sriov.delivered.gbps >= 2 * paravirt.delivered.gbps',
    ]);
    expect(run.code).toBe(130);
    expect(run.stderr).toMatch(/not finished: .*; --assert not checked\n$/);
  });

  it('one short run installs no handler: Ctrl-C keeps its default meaning', async () => {
    hoisted.runScenarioMock.mockImplementation((config: ScenarioConfig) =>
      makeRunResult({ mode: config.mode, vms: config.vms.count, config }),
    );
    let handlersDuringRun = -1;
    hoisted.runScenarioMock.mockImplementationOnce((config: ScenarioConfig) => {
      handlersDuringRun = hoisted.handlers.length;
      return makeRunResult({ mode: config.mode, vms: config.vms.count, config });
    });
    const run = await runCli(['bench', '--duration', '1']);
    expect(run.code).toBe(0);
    expect(handlersDuringRun).toBe(0);
  });

  it('with CI set, one plain progress line per finished mode on stderr', async () => {
    hoisted.runScenarioMock.mockImplementation((config: ScenarioConfig) =>
      makeRunResult({ mode: config.mode, vms: config.vms.count, config }),
    );
    const run = await runCli(['bench', '--mode', 'all'], { env: { CI: 'true' } });
    expect(run.code).toBe(0);
    expect(run.stderr.split('\n').filter(Boolean)).toHaveLength(6);
    expect(run.stderr).toMatch(/^nicvirt: \[1\/6\] native: [\d.]+ Gbit\/s, p99 [\d.]+ µs$/m);
  });
});

describe('run (scenario file) interrupted', () => {
  it('keeps the runs of the matrix that finished', async () => {
    const file = join(work, 'matrix.yaml');
    writeFileSync(file, 'mode: [paravirt, sriov]\nvms: [1, 2]\nworkload: { durationMs: 1 }\n');
    signalAfter(3, 'SIGINT');
    const output = join(work, 'run.json');
    const run = await runCli(['run', file, '--format', 'json', '--output', output]);
    expect(run.code).toBe(130);
    expect(run.stderr).toContain('interrupted by SIGINT: 3 of 4 runs finished');
    expect(run.stderr).toContain('not finished: sriov · 2 VMs');
    expect((JSON.parse(readFileSync(output, 'utf8')) as BenchResult).runs).toHaveLength(3);
  });
});
