import fc from 'fast-check';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPORT_FORMAT_NAMES } from '../../src/report/reportFormats.js';
import { MODE_IDS } from '../../src/scenario/scenarioConfig.js';
import { commandArgs, fuzzCli, fuzzParameters, NOISE, type FlagSpec } from './fuzzSupport.js';
import { runCli } from './runCli.js';

/**
 * Every command's flags, fuzzed through the in-process CLI: random mixes of valid, out-of-range
 * and malformed values, missing values, unknown flags and stray words. Whatever comes in, the
 * command exits 0, 1 or 2 without a stack trace or an internal error, within HANG_MS, and prints
 * no NaN, Infinity or negative figure (fuzzSupport.ts). Commands that simulate get `--max-packets
 * 30000` appended: small inputs run (in milliseconds), big ones must be refused by the resource
 * guard at once — which is itself under test here.
 */
const work = mkdtempSync(join(tmpdir(), 'nicvirt-fuzz-'));
const OUT = join(work, 'out', 'result.json');
const GUARD = ['--max-packets', '30000'];

const TINY_SCENARIO = join(work, 'tiny.yaml');
const BAD_SCENARIO = join(work, 'bad.yaml');
const RESULT_JSON = join(work, 'base.json');
const RESULT_NDJSON = join(work, 'sweep.ndjson');
const GARBAGE = join(work, 'garbage.json');

beforeAll(async () => {
  mkdirSync(join(work, 'out'));
  symlinkSync('/dev/null', DEVICE);
  writeFileSync(
    TINY_SCENARIO,
    'mode: [paravirt, sriov]\nvms: 2\nworkload: { durationMs: 0.2, warmupMs: 0.1 }\n',
  );
  writeFileSync(BAD_SCENARIO, 'mode: srvio\nvms: -3\nworkload: { load: 140% }\n');
  writeFileSync(GARBAGE, '{"schemaVersion": 1, "runs": [ {"mode": 3 ');
  const short = ['--duration', '0.2', '--warmup', '0.1'];
  const base = await runCli([
    'bench',
    '--mode',
    'all',
    '--vms',
    '2',
    ...short,
    '--format',
    'json',
    '--output',
    RESULT_JSON,
  ]);
  const sweep = await runCli([
    'sweep',
    '--modes',
    'paravirt,sriov',
    '--vms',
    '1,2',
    ...short,
    '--format',
    'ndjson',
    '--output',
    RESULT_NDJSON,
  ]);
  expect(base.code, base.stderr).toBe(0);
  expect(sweep.code, sweep.stderr).toBe(0);
}, 30_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

const MODES = [...MODE_IDS, 'all', 'SR-IOV', 'bogus', 'ALL'];
const SCENARIO_FLAGS: readonly FlagSpec[] = [
  ['--mode', MODES],
  ['--vms', ['1', '2', '4', '63', '64', '70', '500', '4096', '4097', '0', '1.5', ' 8 ']],
  ['--vcpus', ['1', '2', '256', '257', '0']],
  ['--frame-size', ['64', '1518', '9018', '9019', '63', 'imix', '64:7,1518:1', '64:0', '1518B', '64:7,,']],
  [
    '--load',
    ['100%', '100', '0.1%', '0%', '101%', '5gbps', '1mbps', '800mbps', '1.2mpps', '500kpps', '15mpps', '-5%'],
  ],
  ['--direction', ['rx', 'tx', 'bidir', 'sideways']],
  ['--arrivals', ['cbr', 'poisson', 'burst']],
  ['--duration', ['0.2', '1', '0.001', '0.0001', '60s', '60001ms', '250us', '1h', '2']],
  ['--warmup', ['0', '0.1', '1', '100', '-1']],
  ['--seed', ['0', '1', '4294967295', '4294967296', '-1']],
  ['--nic', ['82598', '82599', 'x710', 'e810', 'cx3', 'bogus']],
  ['--host', ['modern', 'xeon-2008', 'nehalem-2010', 'sandybridge-2012', 'bogus']],
  ['--link-gbps', ['1', '10', '100', '800', '801', '0.001']],
  ['--host-cores', ['1', '16', '1024', '1025']],
  ['--host-ghz', ['0.1', '2.6', '10', '11']],
  ['--ring-size', ['8', '512', '65536', '7', '65537']],
  ['--itr-us', ['0', '50', '100000', '100001']],
  [
    '--cost',
    ['kickCycles=600', 'switchPortCycles=0', 'bogus=1', 'kickCycles=-1', 'kickCycles', '=5', 'copyHotGBps=0'],
  ],
  ['--posted-interrupts', null],
  ['--no-posted-interrupts', null],
  ['--fallback', null],
];
// A device as the target, through a symlink: if a guard ever failed, the link would be replaced,
// never /dev/null itself.
const DEVICE = join(work, 'devnull');
const OUTPUT_VALUES = [OUT, join(work, 'missing', 'x.json'), work, DEVICE];
const REPORT_FLAGS: readonly FlagSpec[] = [
  ['--format', [...REPORT_FORMAT_NAMES, 'yaml']],
  ['--output', OUTPUT_VALUES],
  ['--no-color', null],
];

describe('fuzzing every command’s flags (fixed seed, bounded runs)', () => {
  it('bench', async () => {
    const args = commandArgs(
      ['bench'],
      [
        ...SCENARIO_FLAGS,
        ...REPORT_FLAGS,
        ['--reference', MODES],
        [
          '--assert',
          [
            'sriov.delivered.gbps >= 0',
            'nope',
            'sriov.bogus > 1',
            '1 +',
            'sriov.delivered.gbps / 0 > 1',
            'paravirt.latencyUs.p99 < 1e9',
          ],
        ],
      ],
      // Default workload is 100 ms: keep it short unless a fuzzed --duration overrides it.
      { positional: fc.constant(['--duration', '0.2', '--warmup', '0.1']), tail: GUARD },
    );
    await fc.assert(
      fc.asyncProperty(args, async (argv) => void (await fuzzCli(argv, { cwd: work }))),
      fuzzParameters(300),
    );
  }, 60_000);

  it('run', async () => {
    const file = fc.oneof(
      { weight: 4, arbitrary: fc.constant([TINY_SCENARIO]) },
      { weight: 1, arbitrary: fc.constantFrom([BAD_SCENARIO], [join(work, 'none.yaml')], [work], [GARBAGE]) },
    );
    const args = commandArgs(['run'], [...SCENARIO_FLAGS, ...REPORT_FLAGS, ['--dry-run', null]], {
      positional: file,
      tail: GUARD,
    });
    await fc.assert(
      fc.asyncProperty(args, async (argv) => void (await fuzzCli(argv, { cwd: work }))),
      fuzzParameters(150),
    );
  }, 60_000);

  it('sweep', async () => {
    const lists: readonly FlagSpec[] = [
      ['--modes', ['paravirt,sriov', 'all', 'sriov', 'bogus', 'sriov,,vmdq', '1..3']],
      ['--vms', ['1,2', '1..8:x2', '1..4096:x2', '5..1', '1..64:x0', '1..10000', '1,,2', '2..8:+3']],
      ['--frame-size', ['64,1518', '64..1518:+727', 'imix', '64:7,1518:1', '63,64']],
      ['--load', ['50%,100%', '10%..100%:+45%', '1gbps', '0%', '200%']],
      ['--jobs', ['1', '2', '0', '1025']],
      ['--shard', ['1/2', '2/2', '3/2', '0/1', '1/0', 'x']],
      ['--resume', [RESULT_NDJSON, GARBAGE, join(work, 'none.ndjson')]],
      ['--chart', null],
      ['--report', [join(work, 'out', 'r.html'), join(work, 'missing', 'r.html')]],
    ];
    const args = commandArgs(
      ['sweep'],
      [...SCENARIO_FLAGS.filter(([flag]) => flag !== '--mode'), ...lists, ...REPORT_FLAGS],
      {
        positional: fc.constantFrom(
          [],
          [TINY_SCENARIO],
          [BAD_SCENARIO],
          ['--duration', '0.2', '--warmup', '0.1'],
        ),
        tail: GUARD,
      },
    );
    await fc.assert(
      fc.asyncProperty(args, async (argv) => void (await fuzzCli(argv, { cwd: work }))),
      fuzzParameters(150),
    );
  }, 60_000);

  it('rfc2544 (trials pinned small: the search itself has no resource guard)', async () => {
    const args = commandArgs(
      ['rfc2544'],
      [
        ...SCENARIO_FLAGS.filter(
          ([flag]) => !['--vms', '--duration', '--warmup', '--load', '--frame-size', '--mode'].includes(flag),
        ),
        ['--mode', ['sriov', 'paravirt,sriov', 'bogus', 'all', 'sriov,,']],
        ['--vms', ['1', '2', '0', '70']],
        ['--frame-size', ['64', '64,1518', 'imix', '63', '64:7,1518:1']],
        ['--ndr-loss', ['0', '0.1%', '50%', '51%', '-1%']],
        ['--pdr-loss', ['0', '0.1%', '1%', '50%', '51%']],
        ['--precision', ['1%', '0.1%', '0%', '50%', '60%']],
        ['--no-back-to-back', null],
        ['--no-latency', null],
        ['--format', ['table', 'json', 'csv', 'markdown', 'bogus']],
        ['--output', OUTPUT_VALUES],
      ],
      {
        tail: [
          '--mode',
          'sriov',
          '--trial-frames',
          '1000',
          '--max-trials',
          '2',
          '--burst-max',
          '32',
          '--jobs',
          '1',
        ],
      },
    );
    await fc.assert(
      fc.asyncProperty(args, async (argv) => void (await fuzzCli(argv, { cwd: work }))),
      fuzzParameters(40),
    );
  }, 60_000);

  it('validate, merge, compare, report', async () => {
    const files = fc.array(
      fc.constantFrom(
        TINY_SCENARIO,
        BAD_SCENARIO,
        RESULT_JSON,
        RESULT_NDJSON,
        GARBAGE,
        work,
        join(work, 'none.json'),
      ),
      { minLength: 0, maxLength: 3 },
    );
    const args = fc.oneof(
      commandArgs(['validate'], [['--format', ['text', 'json', 'yaml']]], { positional: files }),
      commandArgs(['merge'], [...REPORT_FLAGS], { positional: files }),
      commandArgs(
        ['compare'],
        [
          [
            '--fail-on',
            [
              'delivered.gbps<-2%',
              'latencyUs.p99>+10%',
              'bogus>1',
              'delivered.gbps<<2',
              'dropRatio>0.001,cpu.hostCores>+5%',
            ],
          ],
          ['--allow-mismatch', null],
          ['--format', ['table', 'markdown', 'json', 'csv']],
          ['--output', OUTPUT_VALUES],
        ],
        { positional: files },
      ),
      commandArgs(
        ['report'],
        [
          ['-o', [join(work, 'out', 'r.html'), join(work, 'missing', 'r.html'), work]],
          ['--terminal', null],
        ],
        {
          positional: files,
        },
      ),
    );
    await fc.assert(
      fc.asyncProperty(args, async (argv) => {
        // compare prints signed changes (-2.1%): negatives are its output, not a bad figure.
        await fuzzCli(argv, { cwd: work }, { negativesAllowed: argv[0] === 'compare' });
      }),
      fuzzParameters(150),
    );
  }, 60_000);

  it('modes, costs, nics, hosts, schema, validate-model, and no command at all', async () => {
    const format: FlagSpec = ['--format', ['table', 'json', 'text', 'yaml']];
    const args = fc.oneof(
      ...['modes', 'costs', 'nics', 'hosts', 'schema'].map((name) =>
        commandArgs([name], [format, ['--no-color', null]]),
      ),
      commandArgs(
        ['validate-model'],
        [
          // Valid ids run published reproductions (seconds): mostly invalid ones here.
          ['--only', ['bogus', 'R99', ',', 'r5a,', 'R10b']],
          ['--cost', ['bogus=1', 'kickCycles=-1', 'kickCycles']],
          format,
        ],
        { tail: ['--only', 'R10b'] },
      ),
      fc.array(NOISE, { maxLength: 3 }).map((pieces) => pieces.flat()),
    );
    await fc.assert(
      fc.asyncProperty(args, async (argv) => {
        // The cost table quotes its sources ("-64% small-DMA throughput"): prose, not a figure.
        await fuzzCli(argv, { cwd: work }, { negativesAllowed: argv[0] === 'costs' });
      }),
      fuzzParameters(100),
    );
  }, 60_000);
});
