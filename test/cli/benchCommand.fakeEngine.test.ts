import { beforeEach, describe, expect, it, vi } from 'vitest';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from '../../src/cli/exitCodes.js';
import type { ScenarioConfig } from '../../src/scenario/scenarioConfig.js';
import { makeRunResult } from '../report/runResultFixture.js';
import { STACK_LINE, runCli } from './runCli.js';

/** The CLI's own behaviour, with the engine replaced by a fixture so these tests pin the wiring only. */
const { runScenarioMock, slicing } = vi.hoisted(() => ({ runScenarioMock: vi.fn(), slicing: { slices: 1 } }));
vi.mock('../../src/run/runScenario.js', async () =>
  (await import('../run/fakeEngine.js')).fakeEngineModule(runScenarioMock, () => slicing.slices),
);

function configsRun(): ScenarioConfig[] {
  return runScenarioMock.mock.calls.map((call) => call[0] as ScenarioConfig);
}

beforeEach(() => {
  slicing.slices = 1;
  runScenarioMock.mockReset();
  runScenarioMock.mockImplementation((config: ScenarioConfig) =>
    makeRunResult({ mode: config.mode, vms: config.vms.count, config }),
  );
});

describe('nicvirt bench (engine replaced)', () => {
  it('builds the configuration from the flags', async () => {
    const run = await runCli([
      'bench',
      '--mode',
      'vmdq',
      '--vms',
      '8',
      '--frame-size',
      'imix',
      '--cost',
      'kickCycles=600',
    ]);
    expect(run.code).toBe(EXIT_OK);
    const [config] = configsRun();
    expect(config?.mode).toBe('vmdq');
    expect(config?.vms.count).toBe(8);
    expect(config?.workload.frame).toEqual({ kind: 'imix' });
    expect(config?.costs.kickCycles).toBe(600);
    expect(config?.workload.durationMs).toBe(100);
  });

  it('--mode all gives SR-IOV the software-switch fallback beyond the VF limit', async () => {
    const run = await runCli(['bench', '--mode', 'all', '--vms', '70']);
    expect(run.code).toBe(EXIT_OK);
    const configs = configsRun();
    expect(configs.map((config) => config.mode)).toEqual([
      'native',
      'emulated',
      'paravirt',
      'vmq',
      'vmdq',
      'sriov',
    ]);
    expect(configs.find((config) => config.mode === 'sriov')?.fallback).toBe(true);
    expect(configs.find((config) => config.mode === 'paravirt')?.fallback).toBe(false);
    expect(run.stderr).toBe('');
  });

  it('--mode all skips modes the NIC cannot run, with a note', async () => {
    const run = await runCli(['bench', '--mode', 'all', '--nic', '82598']);
    expect(run.code).toBe(EXIT_OK);
    expect(configsRun().map((config) => config.mode)).not.toContain('sriov');
    expect(run.stderr).toContain(
      'nicvirt: note: skipped sriov: NIC profile 82598 has no SR-IOV virtual functions',
    );
  });

  it('--mode all fails when the chosen reference cannot run', async () => {
    const run = await runCli(['bench', '--mode', 'all', '--nic', '82598', '--reference', 'sriov']);
    expect(run.code).toBe(EXIT_USAGE);
    expect(run.stderr).toContain('--reference sriov: that mode cannot run');
    expect(runScenarioMock).not.toHaveBeenCalled();
  });

  it('--mode all still fails on problems common to every mode, before running anything', async () => {
    const run = await runCli(['bench', '--mode', 'all', '--vms', '0']);
    expect(run.code).toBe(EXIT_USAGE);
    expect(run.stderr).toContain('Example: nicvirt bench --mode all --vms 32');
    expect(runScenarioMock).not.toHaveBeenCalled();
  });

  it('an engine failure is an internal error: exit 1, no stack trace unless NICVIRT_DEBUG is set', async () => {
    runScenarioMock.mockImplementation(() => {
      throw new Error('event queue ran backwards');
    });
    const quiet = await runCli(['bench']);
    expect(quiet.code).toBe(EXIT_FAILURE);
    expect(quiet.stderr).toContain('nicvirt: internal error: event queue ran backwards');
    expect(quiet.stderr).not.toMatch(STACK_LINE);
    const debug = await runCli(['bench'], { env: { NICVIRT_DEBUG: '1' } });
    expect(debug.code).toBe(EXIT_FAILURE);
    expect(debug.stderr).toMatch(STACK_LINE);
  });

  it('a NaN from the engine never reaches JSON output', async () => {
    runScenarioMock.mockImplementation((config: ScenarioConfig) => ({
      ...makeRunResult({ mode: config.mode, vms: config.vms.count, config }),
      dropRatio: Number.NaN,
    }));
    const run = await runCli(['bench', '--format', 'json']);
    expect(run.code).toBe(EXIT_FAILURE);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('JSON output would contain NaN at $.runs[0].dropRatio');
  });

  it('shows progress on a terminal stderr only', async () => {
    const tty = await runCli(['bench', '--mode', 'all'], { stderrIsTty: true });
    expect(tty.stderr).toContain('simulating sriov (6/6)');
    const pipe = await runCli(['bench', '--mode', 'all']);
    expect(pipe.stderr).toBe('');
  });

  it('shows how far one long run has got, between its slices, on a terminal only', async () => {
    slicing.slices = 4;
    // ~16 M frames: an estimate of seconds, so the one run gets a status line.
    const long = ['bench', '--duration', '20000'];
    const tty = await runCli(long, { stderrIsTty: true });
    expect(tty.code).toBe(EXIT_OK);
    const shown = tty.stderr.split('\r').filter(Boolean);
    expect(shown).toEqual([
      'simulating sriov (1/1)…\u001b[K',
      'simulating sriov (1/1)… 25%\u001b[K',
      'simulating sriov (1/1)… 50%\u001b[K',
      'simulating sriov (1/1)… 75%\u001b[K',
      '\u001b[K',
    ]);
    expect((await runCli(long)).stderr).toBe('');
    // A short run gets none: it would only flash.
    expect((await runCli(['bench'], { stderrIsTty: true })).stderr).toBe('');
  });
});
