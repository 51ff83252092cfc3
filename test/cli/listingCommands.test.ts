import { describe, expect, it } from 'vitest';
import { EXIT_OK, EXIT_USAGE } from '../../src/cli/exitCodes.js';
import { COST_NAMES } from '../../src/model/costTable.js';
import { nicProfiles } from '../../src/model/nicProfiles.js';
import { MODE_IDS } from '../../src/scenario/scenarioConfig.js';
import { runCli } from './runCli.js';

describe('nicvirt modes', () => {
  it('prints one line per mode', async () => {
    const run = await runCli(['modes']);
    expect(run.code).toBe(EXIT_OK);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(MODE_IDS.length);
    expect(lines.map((line) => line.split(' ')[0])).toEqual([...MODE_IDS]);
  });

  it('--format json lists ids and trade-offs', async () => {
    const run = await runCli(['modes', '--format', 'json']);
    const modes = JSON.parse(run.stdout) as { id: string; tradeoffs: string[] }[];
    expect(modes.map((mode) => mode.id)).toEqual([...MODE_IDS]);
    expect(modes.every((mode) => mode.tradeoffs.length > 0)).toBe(true);
  });
});

describe('nicvirt costs', () => {
  it('prints every cost parameter', async () => {
    const run = await runCli(['costs']);
    expect(run.code).toBe(EXIT_OK);
    for (const name of COST_NAMES) expect(run.stdout).toContain(name);
    expect(run.stdout).toContain('estimate (calibrated by');
    expect(run.stdout).not.toContain('\u001b[');
  });

  it('--format json gives defaults as numbers', async () => {
    const run = await runCli(['costs', '--format', 'json']);
    const costs = JSON.parse(run.stdout) as { name: string; defaultValue: number; estimate: boolean }[];
    expect(costs.map((cost) => cost.name)).toEqual([...COST_NAMES]);
    expect(costs.find((cost) => cost.name === 'vmExitEntryCycles')?.defaultValue).toBe(1300);
  });

  it('--format xml is a usage error naming the accepted formats', async () => {
    const run = await runCli(['costs', '--format', 'xml']);
    expect(run.code).toBe(EXIT_USAGE);
    expect(run.stderr).toContain('--format expects one of table, json (got "xml")');
  });

  it('colour only on a terminal without NO_COLOR', async () => {
    const ansi = '\u001b[';
    expect((await runCli(['costs'], { stdoutIsTty: true })).stdout).toContain(ansi);
    expect((await runCli(['costs'], { stdoutIsTty: true, env: { NO_COLOR: '' } })).stdout).not.toContain(
      ansi,
    );
    expect((await runCli(['costs', '--no-color'], { stdoutIsTty: true })).stdout).not.toContain(ansi);
  });
});

describe('nicvirt nics / hosts', () => {
  it('list the profiles --nic and --host accept', async () => {
    const nics = await runCli(['nics']);
    expect(nics.code).toBe(EXIT_OK);
    for (const profile of nicProfiles()) expect(nics.stdout).toContain(profile.id);
    const hosts = JSON.parse((await runCli(['hosts', '--format', 'json'])).stdout) as { id: string }[];
    expect(hosts.map((host) => host.id)).toContain('modern');
  });
});
