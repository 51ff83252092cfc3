import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXIT_OK, EXIT_USAGE } from '../../src/cli/exitCodes.js';
import { durationText, suggestedLimit } from '../../src/cli/workGuard.js';
import { DEFAULT_MAX_PACKETS } from '../../src/run/estimateWork.js';
import { MAX_SCENARIO_BYTES } from '../../src/scenario/loadScenarioFile.js';
import { STACK_LINE, runCli, type CliRun } from './runCli.js';

const work = mkdtempSync(join(tmpdir(), 'nicvirt-guard-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Refused quickly, exit 2, one paragraph naming --max-packets and a command that would run. */
function expectRefused(run: CliRun, startedMs: number): string {
  expect(run.code, run.stderr).toBe(EXIT_USAGE);
  expect(performance.now() - startedMs).toBeLessThan(2_000);
  expect(run.stdout).toBe('');
  expect(run.stderr).not.toMatch(STACK_LINE);
  expect(run.stderr.trim().split('\n')).toHaveLength(1);
  expect(run.stderr).toMatch(/^nicvirt: error: --max-packets: this \w+ would simulate about [\d,]+ frames/);
  expect(run.stderr).toMatch(
    /At a cautious 1 M frames\/s \(npm run bench:sim measures the engine 3 to 40 times faster, by mode and frame size\) that would take /,
  );
  return run.stderr;
}

describe('the resource guard (--max-packets)', () => {
  it('refuses 100 GbE at 64 B for 60 s in every mode at once, saying how long it would take', async () => {
    const started = performance.now();
    const args = ['bench', '--mode', 'all', '--link-gbps', '100', '--frame-size', '64', '--duration', '60s'];
    const message = expectRefused(await runCli(args), started);
    // 148.8 Mpps × 60.01 s × 6 modes
    expect(message).toContain('about 53,580,357,144 frames in 6 runs');
    expect(message).toContain(`over the limit of ${DEFAULT_MAX_PACKETS.toLocaleString('en-US')} frames`);
    expect(message).toContain('that would take about 15 hours');
    expect(message).toContain(
      'Example: nicvirt bench --mode all --link-gbps 100 --frame-size 64 --duration 60s --max-packets 54000000000',
    );
  });

  it('counts both directions and the warm-up, and lets a raised limit through', async () => {
    const base = ['bench', '--mode', 'sriov', '--vms', '2', '--duration', '1', '--warmup', '1'];
    // 812,744 frames/s at 1518 B on 10 GbE × 2 ms × 2 directions = 3,251 frames (+ 2 VMs × 50)
    const started = performance.now();
    const refused = expectRefused(
      await runCli([...base, '--direction', 'bidir', '--max-packets', '3000']),
      started,
    );
    expect(refused).toContain('about 3,251 frames in 1 run');
    expect(refused).toContain('that would take under a second');
    expect(refused).toMatch(/--direction bidir --max-packets 3400\n$/);
    const allowed = await runCli([
      ...base,
      '--direction',
      'bidir',
      '--max-packets',
      '3400',
      '--format',
      'json',
    ]);
    expect(allowed.code, allowed.stderr).toBe(EXIT_OK);
    const result = JSON.parse(allowed.stdout) as { runs: { sim: { packets: number } }[] };
    expect(Math.abs((result.runs[0]?.sim.packets ?? 0) - 3251)).toBeLessThanOrEqual(4);
  });

  it('sweep: sums the points to run (not those resumed), and divides the time by the workers', async () => {
    const started = performance.now();
    const message = expectRefused(
      await runCli([
        'sweep',
        '--modes',
        'all',
        '--vms',
        '1..4096:x2',
        '--frame-size',
        '64',
        '--duration',
        '10s',
        '--jobs',
        '4',
      ]),
      started,
    );
    expect(message).toContain('in 78 points');
    expect(message).toMatch(/that would take about \d+ (min|hours) on 4 workers/);
  });

  it('counts building VMs: a sweep over thousands of VM counts at a trickle of load is refused', async () => {
    const started = performance.now();
    const message = expectRefused(
      await runCli([
        'sweep',
        '--modes',
        'paravirt',
        '--vms',
        '1..4096',
        '--load',
        '0.1%',
        '--duration',
        '0.01',
      ]),
      started,
    );
    // 1 + 2 + … + 4096 VMs = 8,390,656, at 50 frames each
    expect(message).toMatch(
      /about \d+ frames and build 8,390,656 VMs \(counted as 50 frames each: [\d,]+ in all\) in 4,096 points/,
    );
    expect(message).toContain('run fewer modes, points or VMs');
  });

  it('run FILE: sums every run of the matrix, quoting the command to repeat', async () => {
    const file = join(work, 'big matrix.yaml');
    writeFileSync(
      file,
      'mode: [paravirt, sriov]\nvms: [1, 2]\nworkload: { frameBytes: 64, durationMs: 60000 }\n',
    );
    const started = performance.now();
    const message = expectRefused(await runCli(['run', file]), started);
    expect(message).toContain('in 4 runs');
    expect(message).toContain(`Example: nicvirt run '${file}' --max-packets `);
  });

  it('a typed --max-packets is replaced in the example, not repeated', async () => {
    const run = await runCli(['bench', '--duration', '5', '--max-packets', '10']);
    expect(run.code).toBe(EXIT_USAGE);
    expect(run.stderr).toMatch(/Example: nicvirt bench --duration 5 --max-packets \d+\n$/);
  });

  it.each(['0', '-5', 'lots', '1.5', '1e400', '9007199254740993', '', '12,34'])(
    '--max-packets %j is refused naming the flag',
    async (value) => {
      const run = await runCli(['bench', '--max-packets', value]);
      expect(run.code).toBe(EXIT_USAGE);
      expect(run.stderr).toContain('--max-packets expects a whole number of frames');
    },
  );

  it.each([
    ['2e3', 2000],
    ['2_000', 2000],
    ['2,000', 2000],
  ])('--max-packets %s reads as %d', async (value) => {
    const refused = await runCli(['bench', '--duration', '5', '--max-packets', value]);
    expect(refused.stderr).toContain('over the limit of 2,000 frames');
  });

  it('formats durations and suggested limits for people', () => {
    expect(durationText(0.3)).toBe('under a second');
    expect(durationText(42)).toBe('about 42 s');
    expect(durationText(600)).toBe('about 10 min');
    expect(durationText(9000)).toBe('about 2.5 hours');
    expect(durationText(86400 * 5)).toBe('about 5 days');
    expect(suggestedLimit(53_580_357_144)).toBe(54_000_000_000);
    expect(suggestedLimit(3251)).toBe(3300);
    expect(suggestedLimit(42)).toBe(42);
  });
});

describe('the other caps, each reported with the limit and no stack trace', () => {
  const capped = async (args: readonly string[], pattern: RegExp): Promise<void> => {
    const run = await runCli(args);
    expect(run.code, run.stderr).toBe(EXIT_USAGE);
    expect(run.stderr).toMatch(pattern);
    expect(run.stderr).not.toMatch(STACK_LINE);
  };

  it('VMs (4096) and duration (60 s)', async () => {
    await capped(['bench', '--vms', '4097'], /--vms must be a whole number from 1 to 4096/);
    await capped(['bench', '--duration', '60001ms'], /--duration must be a number from 0.001 to 60000/);
    await capped(['sweep', '--vms', '4000..5000:+1000'], /--vms must be a whole number from 1 to 4096/);
  });

  it('scenario file size (1 MiB), YAML aliases (100) and nesting (64 levels)', async () => {
    const big = join(work, 'big.yaml');
    writeFileSync(big, `# ${'x'.repeat(MAX_SCENARIO_BYTES)}\nmode: sriov\n`);
    await capped(['validate', big], /over the 1048576-byte limit for scenario files/);

    const aliases = join(work, 'aliases.yaml');
    const lines = ['a: &a [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]'];
    for (const name of ['b', 'c', 'd'])
      lines.push(
        `${name}: &${name} [${Array(10)
          .fill(`*${String.fromCharCode(name.charCodeAt(0) - 1)}`)
          .join(', ')}]`,
      );
    writeFileSync(aliases, `${lines.join('\n')}\n`);
    await capped(['run', aliases], /more than 100 times/);

    const deep = join(work, 'deep.json');
    writeFileSync(deep, `${'['.repeat(65)}${']'.repeat(65)}`);
    await capped(['validate', deep], /nest(s|ing|ed)? .*64/);
  });
});
