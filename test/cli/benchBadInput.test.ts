import { describe, expect, it } from 'vitest';
import { EXIT_USAGE } from '../../src/cli/exitCodes.js';
import { STACK_LINE, runCli } from './runCli.js';

/** [flags, the flag the message must name, more text the message must contain] */
const CASES: readonly (readonly [readonly string[], string, readonly string[]])[] = [
  [['--mode', 'turbo'], '--mode', ['native, emulated, paravirt, vmq, vmdq, sriov', 'got "turbo"']],
  [['--nic', 'rtl8139'], '--nic', ['unknown NIC profile "rtl8139"', '82598, 82599, x710, e810, cx3']],
  [['--host', 'laptop'], '--host', ['unknown host profile "laptop"', 'modern']],
  [['--vms', '0'], '--vms', ['whole number from 1 to 4096', '(got 0)', 'Example: nicvirt bench --vms 32']],
  [['--vms', '-3'], '--vms', ['whole number from 1 to 4096', '(got -3)']],
  [['--vms', 'many'], '--vms', ['whole number of VMs', 'got "many"']],
  [['--vms', '2.5'], '--vms', ['whole number']],
  [
    ['--mode', 'sriov', '--vms', '70'],
    '--vms',
    ['63 usable VFs', '--fallback', 'Example: nicvirt bench --mode sriov --vms 63'],
  ],
  [['--duration', '-5'], '--duration', ['from 0.001 to 60000 ms']],
  [['--duration', 'forever'], '--duration', ['100ms or 0.5s']],
  [['--warmup', '-1'], '--warmup', ['from 0 to 60000 ms']],
  [['--load', '120%'], '--load', ['120.0% of the 10 Gbit/s line rate', 'Example: nicvirt bench --load 100%']],
  [['--load', '20gbps'], '--load', ['line rate']],
  [['--load', '-5'], '--load', ['above 0']],
  [['--load', 'lots'], '--load', ['5gbps', '1.2mpps', 'got "lots"']],
  [['--frame-size', '20'], '--frame-size', ['from 64 to 9018', '(got 20)']],
  [['--frame-size', '10000'], '--frame-size', ['from 64 to 9018']],
  [['--frame-size', 'jumbo'], '--frame-size', ['imix', 'got "jumbo"']],
  [['--seed', '-1'], '--seed', ['from 0 to 4294967295']],
  [['--link-gbps', '0'], '--link-gbps', ['Gbit/s']],
  [['--host-cores', 'x'], '--host-cores', ['whole number']],
  [['--vcpus', '0'], '--vcpus', ['from 1 to 256']],
  [['--ring-size', '4'], '--ring-size', ['from 8 to 65536']],
  [['--itr-us', '-1'], '--itr-us', ['µs']],
  [['--cost', 'warpCycles=1'], '--cost', ['unknown cost "warpCycles"', 'nicvirt costs']],
  [['--cost', 'kickCycles=-1'], '--cost', ['≥ 0', 'Example: nicvirt bench --cost kickCycles=560']],
  [['--cost', 'kickCycles'], '--cost', ['name=value']],
  [['--direction', 'up'], '--direction', ['rx, tx, bidir']],
  [['--arrivals', 'bursty'], '--arrivals', ['cbr, poisson']],
  [['--format', 'xml'], '--format', ['table, json']],
  [['--mode', 'all', '--reference', 'turbo'], '--reference', ['native, emulated, paravirt']],
  [['--nic', '82598'], '--nic', ['no SR-IOV virtual functions']],
];

describe('nicvirt bench, bad input', () => {
  for (const [flags, flag, fragments] of CASES) {
    it(`${flags.join(' ')} → exit 2 naming ${flag}`, async () => {
      const run = await runCli(['bench', '--duration', '1', ...flags]);
      expect(run.code).toBe(EXIT_USAGE);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/^nicvirt: error: /);
      expect(run.stderr).toContain(flag);
      for (const fragment of fragments) expect(run.stderr).toContain(fragment);
      expect(run.stderr).toContain('Example: nicvirt bench');
      expect(run.stderr).not.toMatch(STACK_LINE);
    });
  }

  it('lists several problems one per line', async () => {
    const run = await runCli(['bench', '--vms', '0', '--seed', '-1']);
    expect(run.code).toBe(EXIT_USAGE);
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines[0]).toBe('nicvirt: error: 2 problems with the scenario:');
    expect(lines[1]).toMatch(/^ {2}- --vms must be a whole number/);
    expect(lines[2]).toMatch(/^ {2}- --seed must be a whole number/);
    expect(run.stderr).not.toMatch(STACK_LINE);
  });

  it('--output into a missing directory is a usage error, not a crash', async () => {
    const run = await runCli(['bench', '--duration', '1', '--output', '/nonexistent-dir/x.json']);
    expect(run.code).toBe(EXIT_USAGE);
    expect(run.stderr).toContain('--output: cannot write /nonexistent-dir/x.json');
    expect(run.stderr).not.toMatch(STACK_LINE);
  });
});
