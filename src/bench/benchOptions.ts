import { parseArgs } from 'node:util';
import { MODE_IDS, type ModeId } from '../scenario/scenarioConfig.js';
import { MAX_FRAME_BYTES, MIN_FRAME_BYTES } from '../workload/frameMix.js';
import type { BenchSection } from './compareBenchReports.js';

/**
 * The flags of `npm run bench:sim` (scripts/bench-sim.js), checked before anything runs: a typo in
 * a flag of an eight-minute benchmark, or a gate in CI that names a section it never runs, is found
 * at once, named, with its fix, and exits 2 (never a stack trace, never a silent default). Pure: the
 * script does the reading of files and the exit.
 */

/** The benchmark's sections in the order they run. */
export const BENCH_SECTIONS: readonly BenchSection[] = [
  'reference',
  'speed',
  'scaling',
  'linear',
  'sweep',
  'memory',
];

/**
 * What makes the benchmark exit 1 once it has written its report: `targets`, a target the bench
 * checked (speed, scaling, linearity, memory, sweep, on the bench's own reading) failed; `worse`, a
 * measure moved the wrong way beyond its noise allowance against `--baseline` (or, with
 * `--compare`, the second report against the first).
 */
export const BENCH_GATES = ['targets', 'worse'] as const;
export type BenchGate = (typeof BENCH_GATES)[number];

/**
 * How much worse a measure must be, in percent, for `--fail-on worse` (`--worse-by`): beyond its
 * noise allowance is not enough on this shared machine, where two full runs of one engine drift by
 * up to 16.6% on a measure (the 1 s linearity run of one process) and a drift can last for both a
 * run and its second measurement (VMDq's 1 s run +11.3% then +8.9%, seventeenth round).
 */
export const DEFAULT_WORSE_BY_PERCENT = 20;

/** Fewest packets a run may be given: below this the runs last well under a millisecond. */
const MIN_PACKET_BUDGET = 10_000;
/** Most packets a run may be given (10^9: about five minutes a run at the slowest mode). */
const MAX_PACKET_BUDGET = 1e9;
/** Most rounds (`--repeat`): 100 rounds of the full bench would take half a day. */
const MAX_REPEAT = 100;

/** A benchmark run, every flag checked and defaulted. */
export interface BenchRunOptions {
  readonly kind: 'run';
  readonly quick: boolean;
  /** Rounds (children) per point. */
  readonly repeat: number;
  /** Packets a speed run simulates (the other sections take shares of it). */
  readonly packetBudget: number;
  readonly modes: readonly ModeId[];
  readonly frames: readonly number[];
  readonly sections: readonly BenchSection[];
  /** Arrival process of the speed, scaling and linearity runs (the reference row is always Poisson). */
  readonly arrivals: 'cbr' | 'poisson';
  /** The CPU the children's main thread is pinned to, or 'none'. */
  readonly cpu: number | 'none';
  /** As given (the script resolves them): null where the flag was not given. */
  readonly out: string | null;
  readonly peers: string | null;
  readonly baseline: string | null;
  readonly failOn: readonly BenchGate[];
  /** `--fail-on worse` counts a measure this much worse (0.2 = 20%) and beyond its allowance. */
  readonly worseBy: number;
}

/** Two reports compared, nothing run (`--compare BEFORE.json AFTER.json`). */
export interface BenchCompareOptions {
  readonly kind: 'compare';
  readonly before: string;
  readonly after: string;
  readonly failOn: readonly BenchGate[];
  readonly worseBy: number;
}

/** `--help`: the usage, nothing run. */
export interface BenchHelpOptions {
  readonly kind: 'help';
}

export type BenchOptions = BenchRunOptions | BenchCompareOptions | BenchHelpOptions;

/** What `--help` prints (and the message about an unknown flag points to). */
export const BENCH_USAGE = `usage: npm run bench:sim [-- FLAGS]      (builds, then runs scripts/bench-sim.js)
       node scripts/bench-sim.js [FLAGS]
       node scripts/bench-sim.js --compare BEFORE.json AFTER.json [--fail-on worse [--worse-by PCT]]

Measures the simulator's speed on this machine against issue 8's targets and writes a JSON report.

  --sections LIST   reference,speed,scaling,linear,sweep,memory (default: all)
  --modes LIST      native,emulated,paravirt,vmq,vmdq,sriov or all (default: all)
  --frames LIST     frame sizes of the speed and scaling runs, bytes (default: 1518,64)
  --packets N       packets a speed run simulates, e.g. 4e6 (default: 4e6; --quick 1.5e6)
  --repeat N        rounds (children) per point (default: 5; --quick 2)
  --quick           shorter linearity, sweep and memory sections, fewer rounds and packets
  --arrivals KIND   cbr or poisson, for speed, scaling and linearity (default: cbr)
  --cpu N|none      the CPU the children's simulation thread is pinned to (default: 0)
  --peers DIR       the reference programs (default: ../shared/peers)
  --out FILE        the report (default: bench-results/bench-sim.json)
  --baseline FILE   an earlier report: every measure compared against it
  --fail-on LIST    exit 1 when a gate trips: targets (a target failed), worse (a measure got
                    worse than --baseline's by --worse-by and beyond its noise allowance, and
                    again when measured once more)
  --worse-by PCT    how much worse, in percent, for --fail-on worse (default: 20)
  --compare A B     compare two reports, run nothing
  -h, --help        this text

Exit codes: 0 done; 1 a --fail-on gate tripped (the report is written first); 2 a bad flag or
report file, before anything runs. The README's "Simulator speed" says how it measures.`;

export type BenchOptionsResult =
  | { readonly ok: true; readonly value: BenchOptions }
  | { readonly ok: false; readonly problems: readonly string[] };

/** The flags, in the order the usage lists them. */
const FLAGS = {
  sections: { type: 'string' },
  modes: { type: 'string' },
  frames: { type: 'string' },
  packets: { type: 'string' },
  repeat: { type: 'string' },
  quick: { type: 'boolean' },
  arrivals: { type: 'string' },
  cpu: { type: 'string' },
  peers: { type: 'string' },
  out: { type: 'string' },
  baseline: { type: 'string' },
  'fail-on': { type: 'string' },
  'worse-by': { type: 'string' },
  compare: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Every flag, for the message about an unknown one. */
const FLAG_LIST = Object.keys(FLAGS)
  .map((name) => `--${name}`)
  .join(', ');

/**
 * Read the benchmark's arguments (without `node` and the script). `cpuCount`: the machine's CPUs,
 * for `--cpu`. Every problem is reported, each naming its flag and how to fix it.
 */
export function parseBenchOptions(argv: readonly string[], cpuCount: number): BenchOptionsResult {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: FLAGS, strict: true, allowPositionals: true });
  } catch (error) {
    return { ok: false, problems: [parseError(error)] };
  }
  const { values, positionals } = parsed;
  if (values.help === true) return { ok: true, value: { kind: 'help' } };
  const problems: string[] = [];
  const failOn = listOf(values['fail-on'], '--fail-on', BENCH_GATES, problems);
  const worseBy = percent(values['worse-by'], DEFAULT_WORSE_BY_PERCENT, problems) / 100;
  if (values['worse-by'] !== undefined && !failOn.includes('worse')) {
    problems.push('--worse-by sets the --fail-on worse gate: give --fail-on worse with it, or leave it out');
  }

  if (values.compare === true) {
    const given = Object.keys(values).filter(
      (name) => name !== 'compare' && name !== 'fail-on' && name !== 'worse-by',
    );
    if (given.length > 0) {
      problems.push(
        `--compare reads two reports and runs nothing, so ${given.map((name) => `--${name}`).join(', ')} would have no effect; drop ${given.length === 1 ? 'it' : 'them'} (only --fail-on worse and --worse-by go with --compare)`,
      );
    }
    if (positionals.length !== 2) {
      problems.push(
        `--compare takes two report files, got ${positionals.length}: --compare BEFORE.json AFTER.json`,
      );
    }
    if (failOn.includes('targets')) {
      problems.push(
        '--fail-on targets needs a benchmark run: with --compare only --fail-on worse applies (it fails when AFTER.json is worse than BEFORE.json)',
      );
    }
    if (problems.length > 0) return { ok: false, problems };
    return {
      ok: true,
      value: { kind: 'compare', before: positionals[0]!, after: positionals[1]!, failOn, worseBy },
    };
  }

  if (positionals.length > 0) {
    problems.push(
      `unexpected argument '${positionals[0]}': every value follows its flag (e.g. --modes native,sriov); to compare two reports, --compare BEFORE.json AFTER.json`,
    );
  }
  const quick = values.quick === true;
  const repeat = wholeNumber(values.repeat, quick ? 2 : 5, '--repeat', 1, MAX_REPEAT, problems);
  const packetBudget = packets(values.packets, quick ? 1.5e6 : 4e6, problems);
  const modes =
    values.modes?.trim() === 'all'
      ? [...MODE_IDS]
      : listOf(values.modes, '--modes', MODE_IDS, problems, MODE_IDS);
  const frames = frameSizes(values.frames, problems);
  const sections = listOf(values.sections, '--sections', BENCH_SECTIONS, problems, BENCH_SECTIONS);
  const arrivals = values.arrivals ?? 'cbr';
  if (arrivals !== 'cbr' && arrivals !== 'poisson') {
    problems.push(`--arrivals must be cbr or poisson, got '${arrivals}'`);
  }
  const cpu = cpuOf(values.cpu, cpuCount, problems);
  const baseline = values.baseline ?? null;
  if (failOn.includes('worse') && baseline === null) {
    problems.push(
      '--fail-on worse compares against an earlier report: give it with --baseline FILE (e.g. --baseline before.json), or compare two reports with --compare BEFORE.json AFTER.json --fail-on worse',
    );
  }
  for (const name of ['out', 'peers', 'baseline'] as const) {
    if (values[name] !== undefined && values[name].trim() === '')
      problems.push(`--${name} needs a path, got ''`);
  }
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    value: {
      kind: 'run',
      quick,
      repeat,
      packetBudget,
      modes,
      frames,
      sections,
      arrivals: arrivals as 'cbr' | 'poisson',
      cpu,
      out: values.out ?? null,
      peers: values.peers ?? null,
      baseline,
      failOn,
      worseBy,
    },
  };
}

/** parseArgs' error (an unknown flag, a flag without its value) as one sentence naming the flag. */
function parseError(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  const flag = /'(-[^' ]+)/.exec(message)?.[1] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    return `unknown flag ${flag}; the flags are ${FLAG_LIST} (--help says what each does)`;
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    // A flag of a value given none (or given the next flag), or a switch given a value.
    const name = flag.split(' ')[0]!;
    return name === '--quick' || name === '--compare' || name === '--help'
      ? `${name} takes no value; give it alone (e.g. ${name})`
      : `${name} needs a value after it (e.g. ${example(name)})`;
  }
  return message;
}

function example(flag: string): string {
  const examples: Record<string, string> = {
    '--repeat': '--repeat 5',
    '--packets': '--packets 4e6',
    '--modes': '--modes native,sriov',
    '--frames': '--frames 1518,64',
    '--sections': '--sections speed,scaling',
    '--arrivals': '--arrivals poisson',
    '--cpu': '--cpu 0',
    '--out': '--out bench-results/bench-sim.json',
    '--peers': '--peers ../shared/peers',
    '--baseline': '--baseline before.json',
    '--fail-on': '--fail-on targets,worse',
    '--worse-by': '--worse-by 20',
  };
  return examples[flag] ?? `${flag} VALUE`;
}

/** A comma-separated list of names from `allowed` (the default when not given), each once. */
function listOf<T extends string>(
  text: string | undefined,
  flag: string,
  allowed: readonly T[],
  problems: string[],
  fallback: readonly T[] = [],
): T[] {
  if (text === undefined) return [...fallback];
  const names = text.split(',').map((name) => name.trim());
  const unknown = names.filter((name) => !(allowed as readonly string[]).includes(name));
  if (unknown.length > 0) {
    problems.push(
      `${flag}: ${unknown.map((name) => (name === '' ? 'an empty entry' : `'${name}'`)).join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not one of ${allowed.join(', ')}; give a comma-separated list without spaces (e.g. ${example(flag)})`,
    );
    return [];
  }
  return [...new Set(names as T[])];
}

/** A whole number from `min` to `max` (the default when not given). */
function wholeNumber(
  text: string | undefined,
  fallback: number,
  flag: string,
  min: number,
  max: number,
  problems: string[],
): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (text.trim() === '' || !Number.isInteger(value) || value < min || value > max) {
    problems.push(
      `${flag} must be a whole number from ${min} to ${max}, got '${text}' (e.g. ${example(flag)})`,
    );
    return fallback;
  }
  return value;
}

/** `--worse-by`: a percentage above 0 and at most 1000 (plain, or with a % sign). */
function percent(text: string | undefined, fallback: number, problems: string[]): number {
  if (text === undefined) return fallback;
  const value = Number(text.trim().replace(/%$/, ''));
  if (text.trim() === '' || !Number.isFinite(value) || value <= 0 || value > 1000) {
    problems.push(
      `--worse-by must be a percentage above 0 and at most 1000, got '${text}' (e.g. --worse-by 20: fail when a measure is 20% worse)`,
    );
    return fallback;
  }
  return value;
}

/** `--packets`: a number of packets, plain or in exponent form (4e6). */
function packets(text: string | undefined, fallback: number, problems: string[]): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (
    text.trim() === '' ||
    !Number.isFinite(value) ||
    value < MIN_PACKET_BUDGET ||
    value > MAX_PACKET_BUDGET
  ) {
    problems.push(
      `--packets must be a number of packets per run from ${MIN_PACKET_BUDGET} to ${MAX_PACKET_BUDGET} (1e9), got '${text}' (e.g. --packets 4e6 or --packets 250000)`,
    );
    return fallback;
  }
  return Math.round(value);
}

/** `--frames`: frame sizes in bytes, each a size the model takes. */
function frameSizes(text: string | undefined, problems: string[]): number[] {
  if (text === undefined) return [1518, 64];
  const sizes = text.split(',').map((entry) => entry.trim());
  const bad = sizes.filter((entry) => {
    const bytes = Number(entry);
    return entry === '' || !Number.isInteger(bytes) || bytes < MIN_FRAME_BYTES || bytes > MAX_FRAME_BYTES;
  });
  if (bad.length > 0) {
    problems.push(
      `--frames: ${bad.map((entry) => `'${entry}'`).join(', ')} ${bad.length === 1 ? 'is' : 'are'} not a frame size; give whole numbers of bytes from ${MIN_FRAME_BYTES} to ${MAX_FRAME_BYTES}, comma-separated (e.g. --frames 1518,64)`,
    );
    return [];
  }
  return [...new Set(sizes.map(Number))];
}

/** `--cpu`: 'none', or a CPU of this machine. */
function cpuOf(text: string | undefined, cpuCount: number, problems: string[]): number | 'none' {
  if (text === undefined) return 0;
  if (text === 'none') return 'none';
  const value = Number(text);
  if (!/^\d+$/.test(text) || value >= cpuCount) {
    problems.push(
      `--cpu must be 'none' or a CPU of this machine, 0 to ${cpuCount - 1}, got '${text}' (the children's main thread is pinned to it; 'none' lets it float)`,
    );
    return 0;
  }
  return value;
}
