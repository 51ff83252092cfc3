import { describe, expect, it } from 'vitest';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from '../../src/cli/exitCodes.js';
import { runCli, STACK_LINE } from './runCli.js';

const ALL = ['bench', '--mode', 'all', '--vms', '2', '--duration', '2'] as const;

describe('nicvirt bench --assert', () => {
  it('holding assertions: the report on stdout, one line each on stderr, exit 0', async () => {
    const run = await runCli([
      ...ALL,
      '--format',
      'json',
      '--assert',
      'sriov.delivered.gbps >= 2 * paravirt.delivered.gbps',
      '--assert',
      'sriov.cpu.hostCores < emulated.cpu.hostCores',
    ]);
    expect(run.code, run.stderr).toBe(EXIT_OK);
    expect(JSON.parse(run.stdout)).toHaveProperty('runs');
    expect(run.stderr.match(/^nicvirt: assertion holds: /gm)).toHaveLength(2);
  });

  it('a failed assertion prints the values and exits 1, after the report', async () => {
    const run = await runCli([
      ...ALL,
      '--format',
      'csv',
      '--assert',
      'sriov.delivered.gbps >= 100 * paravirt.delivered.gbps',
    ]);
    expect(run.code).toBe(EXIT_FAILURE);
    expect(run.stdout).toMatch(/^point,/);
    expect(run.stderr).toMatch(
      /nicvirt: 1 of 1 assertion failed:\n {2}- sriov\.delivered\.gbps >= 100 \* paravirt\.delivered\.gbps: [\d.,]+ >= [\d.,]+ is false \(sriov\.delivered\.gbps = [\d.]+, paravirt\.delivered\.gbps = [\d.]+\)\n$/,
    );
  });

  it.each([
    [
      ['--assert', 'sriov.delivered.gpbs > 1'],
      'unknown field "delivered.gpbs"',
      'Valid fields: vms, frameBytes',
    ],
    [
      ['--assert', 'sriov.delivered.gbps >'],
      'expected a number, a metric such as sriov.delivered.gbps',
      'Example: nicvirt bench --mode all --assert',
    ],
    [
      ['--mode', 'sriov', '--assert', 'sriov.delivered.gbps > paravirt.delivered.gbps'],
      'reads paravirt, but this run has only sriov',
      'e.g. with --mode all',
    ],
  ])('bad assertions %j: exit 2', async (args, first, second) => {
    const run = await runCli(['bench', '--vms', '2', '--duration', '1', '--warmup', '1', ...args]);
    expect(run.code).toBe(EXIT_USAGE);
    expect(run.stderr).toContain(first);
    expect(run.stderr).toContain(second);
    expect(run.stderr).not.toMatch(STACK_LINE);
  });
});
