import { describe, expect, it } from 'vitest';
import { EXIT_USAGE } from '../../src/cli/exitCodes.js';
import { STACK_LINE, runCli } from './runCli.js';

/** [flags, the flag the message must name, more text the message must contain] */
const CASES: readonly (readonly [readonly string[], string, readonly string[]])[] = [
  [
    ['--mode', 'turbo'],
    '--mode',
    [
      'all, or one or more of native, emulated',
      'got "turbo"',
      'Example: nicvirt rfc2544 --mode paravirt,sriov',
    ],
  ],
  [['--mode', 'sriov,all'], '--mode', ['got "sriov,all"']],
  [['--frame-size', '63'], '--frame-size', ['from 64 to 9018', 'Example: nicvirt rfc2544']],
  [
    ['--frame-size', '64,jumbo'],
    '--frame-size',
    ['imix, separated by commas', 'got "64,jumbo"', 'Example: nicvirt rfc2544 --frame-size 64,1518,imix'],
  ],
  [['--frame-size', '64,,128'], '--frame-size', ['separated by commas']],
  [['--frame-size', '64:x,1518:1'], '--frame-size', ['one mix such as 64:7,1518:1']],
  [
    ['--ndr-loss', 'none'],
    '--ndr-loss',
    ['a percentage from 0% to 50%', 'got "none"', 'Example: nicvirt rfc2544 --ndr-loss 0.001%'],
  ],
  [['--ndr-loss', '-1'], '--ndr-loss', ['from 0%']],
  [['--pdr-loss', '60%'], '--pdr-loss', ['to 50%']],
  [
    ['--ndr-loss', '1', '--pdr-loss', '0.1'],
    '--pdr-loss',
    ['at least --ndr-loss', 'Example: nicvirt rfc2544 --ndr-loss 0 --pdr-loss 0.1%'],
  ],
  [['--precision', '0'], '--precision', ['from 0.0001% to 50%', 'Example: nicvirt rfc2544 --precision 0.5%']],
  [['--precision', '80%'], '--precision', ['to 50%']],
  [['--max-trials', '0'], '--max-trials', ['whole number of trials per search from 1 to 1000']],
  [['--max-trials', '2.5'], '--max-trials', ['whole number']],
  [
    ['--trial-frames', '10'],
    '--trial-frames',
    ['from 100 to 100000000', 'or auto', 'Example: nicvirt rfc2544 --trial-frames 1000000'],
  ],
  [['--trial-frames', 'long'], '--trial-frames', ['got "long"']],
  [['--burst-max', '0'], '--burst-max', ['whole number of frames from 1']],
  [['--jobs', '0'], '--jobs', ['from 1 to 1024']],
  [['--format', 'xml'], '--format', ['table, json, csv, markdown', 'Example: nicvirt rfc2544 --format json']],
  [['--output', ''], '--output', ['file name']],
  [['--vms', '0'], '--vms', ['from 1 to 4096', 'Example: nicvirt rfc2544']],
  [
    ['--mode', 'sriov', '--vms', '70'],
    '--vms',
    ['63 usable VFs', 'Example: nicvirt rfc2544 --mode sriov --vms 63'],
  ],
  [['--nic', 'rtl8139'], '--nic', ['unknown NIC profile "rtl8139"']],
  [['--cost', 'warpCycles=1'], '--cost', ['unknown cost "warpCycles"']],
];

describe('nicvirt rfc2544 with bad input', () => {
  it.each(CASES)('%j names %s, what it accepts and an example; exit 2', async (flags, flag, fragments) => {
    const run = await runCli(['rfc2544', ...flags]);
    expect(run.code).toBe(EXIT_USAGE);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^nicvirt: error: /);
    expect(run.stderr).toContain(flag);
    for (const fragment of fragments) expect(run.stderr).toContain(fragment);
    expect(run.stderr).not.toMatch(STACK_LINE);
  });

  it.each([
    ['--load', '50%'],
    ['--duration', '10ms'],
    ['--warmup', '1ms'],
  ])('does not take %s (the search sets the load, the trial rule the duration)', async (flag, value) => {
    const run = await runCli(['rfc2544', flag, value]);
    expect(run.code).toBe(EXIT_USAGE);
    expect(run.stderr).toContain(`unknown option '${flag}'`);
  });
});
