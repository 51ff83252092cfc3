import { describe, expect, it } from 'vitest';
import {
  BENCH_SECTIONS,
  BENCH_USAGE,
  parseBenchOptions,
  type BenchOptionsResult,
} from '../../src/bench/benchOptions.js';
import { MODE_IDS } from '../../src/scenario/scenarioConfig.js';

const parse = (...argv: string[]): BenchOptionsResult => parseBenchOptions(argv, 2);

/** The one problem a parse reports (fails the test if it parsed or reported several). */
function problemOf(result: BenchOptionsResult): string {
  if (result.ok) throw new Error(`expected a problem, parsed ${JSON.stringify(result.value)}`);
  expect(result.problems).toHaveLength(1);
  return result.problems[0]!;
}

describe('parseBenchOptions', () => {
  it('defaults to the full benchmark: every section and mode, both frame sizes, best of 5', () => {
    expect(parse()).toEqual({
      ok: true,
      value: {
        kind: 'run',
        quick: false,
        repeat: 5,
        packetBudget: 4e6,
        modes: [...MODE_IDS],
        frames: [1518, 64],
        sections: [...BENCH_SECTIONS],
        arrivals: 'cbr',
        cpu: 0,
        out: null,
        peers: null,
        baseline: null,
        failOn: [],
        worseBy: 0.2,
      },
    });
  });

  it('--quick lowers the default rounds and packets, not the ones given', () => {
    expect(parse('--quick')).toMatchObject({
      ok: true,
      value: { quick: true, repeat: 2, packetBudget: 1.5e6 },
    });
    expect(parse('--quick', '--repeat', '3', '--packets', '250000')).toMatchObject({
      ok: true,
      value: { repeat: 3, packetBudget: 250_000 },
    });
  });

  it('reads every flag', () => {
    const result = parse(
      '--sections',
      'speed,linear',
      '--modes',
      'sriov,vmq',
      '--frames',
      '64,512',
      '--packets',
      '2e5',
      '--repeat',
      '1',
      '--arrivals',
      'poisson',
      '--cpu',
      'none',
      '--out',
      'r.json',
      '--peers',
      'peers',
      '--baseline',
      'before.json',
      '--fail-on',
      'targets,worse',
    );
    expect(result).toEqual({
      ok: true,
      value: {
        kind: 'run',
        quick: false,
        repeat: 1,
        packetBudget: 200_000,
        modes: ['sriov', 'vmq'],
        frames: [64, 512],
        sections: ['speed', 'linear'],
        arrivals: 'poisson',
        cpu: 'none',
        out: 'r.json',
        peers: 'peers',
        baseline: 'before.json',
        failOn: ['targets', 'worse'],
        worseBy: 0.2,
      },
    });
  });

  it('takes --modes all, --flag=value, and a list entry given twice once', () => {
    expect(parse('--modes=all', '--frames=64,64', '--cpu=1')).toMatchObject({
      ok: true,
      value: { modes: [...MODE_IDS], frames: [64], cpu: 1 },
    });
  });

  it('--help (or -h) asks for the usage, whatever else is given', () => {
    expect(parse('--help')).toEqual({ ok: true, value: { kind: 'help' } });
    expect(parse('-h', '--modes', 'nosuch')).toEqual({ ok: true, value: { kind: 'help' } });
  });

  it('the usage names every flag the parser takes', () => {
    for (const flag of [
      '--sections',
      '--modes',
      '--frames',
      '--packets',
      '--repeat',
      '--quick',
      '--arrivals',
      '--cpu',
      '--peers',
      '--out',
      '--baseline',
      '--fail-on',
      '--worse-by',
      '--compare',
      '--help',
    ]) {
      expect(BENCH_USAGE).toContain(`${flag} `);
      expect(problemOf(parse('--nosuch'))).toContain(flag);
    }
  });

  it('names an unknown flag and lists the real ones', () => {
    const problem = problemOf(parse('--mode', 'sriov'));
    expect(problem).toMatch(/^unknown flag --mode; the flags are --sections, --modes/);
  });

  it('names a flag given without its value, or given the next flag as its value', () => {
    expect(problemOf(parse('--modes'))).toBe('--modes needs a value after it (e.g. --modes native,sriov)');
    expect(problemOf(parse('--packets', '--quick'))).toBe(
      '--packets needs a value after it (e.g. --packets 4e6)',
    );
    expect(problemOf(parse('--quick=yes'))).toBe('--quick takes no value; give it alone (e.g. --quick)');
  });

  it('names each entry of a list that is not a mode, section or gate', () => {
    expect(problemOf(parse('--modes', 'sriov,SR-IOV,vmdk'))).toBe(
      "--modes: 'SR-IOV', 'vmdk' are not one of native, emulated, paravirt, vmq, vmdq, sriov; give a comma-separated list without spaces (e.g. --modes native,sriov)",
    );
    expect(problemOf(parse('--sections', 'speed,'))).toMatch(
      /^--sections: an empty entry is not one of reference, speed/,
    );
    expect(problemOf(parse('--fail-on', 'slower'))).toMatch(
      /^--fail-on: 'slower' is not one of targets, worse/,
    );
  });

  it('refuses frame sizes the model does not take', () => {
    expect(problemOf(parse('--frames', '63,1518,9019,1.5,jumbo'))).toBe(
      "--frames: '63', '9019', '1.5', 'jumbo' are not a frame size; give whole numbers of bytes from 64 to 9018, comma-separated (e.g. --frames 1518,64)",
    );
  });

  it('refuses rounds and packet budgets out of range or not numbers', () => {
    for (const repeat of ['0', '-1', '2.5', 'five', '101', '']) {
      expect(problemOf(parse(`--repeat=${repeat}`))).toMatch(
        /^--repeat must be a whole number from 1 to 100/,
      );
    }
    for (const packets of ['abc', '9999', '2e9', 'Infinity', '']) {
      expect(problemOf(parse(`--packets=${packets}`))).toMatch(
        /^--packets must be a number of packets per run from 10000/,
      );
    }
  });

  it('refuses --arrivals other than cbr or poisson and a --cpu the machine does not have', () => {
    expect(problemOf(parse('--arrivals', 'burst'))).toBe("--arrivals must be cbr or poisson, got 'burst'");
    expect(problemOf(parse('--cpu', '2'))).toMatch(
      /^--cpu must be 'none' or a CPU of this machine, 0 to 1, got '2'/,
    );
    expect(problemOf(parse('--cpu', '-1'))).toMatch(/needs a value after it/);
  });

  it('refuses an empty path', () => {
    expect(problemOf(parse('--out', ''))).toBe("--out needs a path, got ''");
  });

  it('refuses a stray argument, pointing to --compare for two files', () => {
    expect(problemOf(parse('speed'))).toMatch(/^unexpected argument 'speed': every value follows its flag/);
  });

  it('--fail-on worse needs a report to compare against', () => {
    expect(problemOf(parse('--fail-on', 'worse'))).toMatch(
      /^--fail-on worse compares against an earlier report: give it with --baseline FILE/,
    );
    expect(parse('--fail-on', 'worse', '--baseline', 'b.json')).toMatchObject({ ok: true });
  });

  it('--worse-by sets how much worse --fail-on worse needs, in percent', () => {
    expect(parse('--fail-on', 'worse', '--baseline', 'b.json', '--worse-by', '12.5')).toMatchObject({
      ok: true,
      value: { worseBy: 0.125 },
    });
    expect(parse('--compare', 'a', 'b', '--fail-on', 'worse', '--worse-by', '30%')).toMatchObject({
      ok: true,
      value: { worseBy: 0.3 },
    });
    for (const bad of ['0', '-5', 'lots', '1001', '']) {
      expect(problemOf(parse('--fail-on', 'worse', '--baseline', 'b', `--worse-by=${bad}`))).toMatch(
        /^--worse-by must be a percentage above 0 and at most 1000/,
      );
    }
    expect(problemOf(parse('--worse-by', '10'))).toBe(
      '--worse-by sets the --fail-on worse gate: give --fail-on worse with it, or leave it out',
    );
  });

  it('reports every problem at once', () => {
    const result = parse('--modes', 'x', '--frames', '1', '--repeat', '0', '--arrivals', 'y');
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.problems.map((problem) => problem.split(' ')[0])).toEqual([
        '--repeat',
        '--modes:',
        '--frames:',
        '--arrivals',
      ]);
  });

  describe('--compare', () => {
    it('takes two reports and --fail-on worse', () => {
      expect(parse('--compare', 'a.json', 'b.json', '--fail-on', 'worse')).toEqual({
        ok: true,
        value: { kind: 'compare', before: 'a.json', after: 'b.json', failOn: ['worse'], worseBy: 0.2 },
      });
      expect(parse('a.json', '--compare', 'b.json')).toMatchObject({
        ok: true,
        value: { before: 'a.json', after: 'b.json', failOn: [] },
      });
    });

    it('needs exactly two reports', () => {
      expect(problemOf(parse('--compare', 'a.json'))).toBe(
        '--compare takes two report files, got 1: --compare BEFORE.json AFTER.json',
      );
      expect(problemOf(parse('--compare', 'a', 'b', 'c'))).toMatch(/got 3/);
    });

    it('refuses flags of a run, which would have no effect, and the targets gate', () => {
      expect(problemOf(parse('--compare', 'a', 'b', '--modes', 'sriov', '--quick'))).toBe(
        '--compare reads two reports and runs nothing, so --modes, --quick would have no effect; drop them (only --fail-on worse and --worse-by go with --compare)',
      );
      expect(problemOf(parse('--compare', 'a', 'b', '--fail-on', 'targets'))).toMatch(
        /^--fail-on targets needs a benchmark run/,
      );
    });
  });
});
