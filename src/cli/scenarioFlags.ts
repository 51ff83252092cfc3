import { Option, type Command } from 'commander';
import { defaultCosts, isCostName } from '../model/costTable.js';
import { DEFAULT_HOST_PROFILE, hostProfiles } from '../model/hostProfiles.js';
import { DEFAULT_NIC_PROFILE, nicProfiles } from '../model/nicProfiles.js';
import type { Problem } from '../scenario/problem.js';
import { SCENARIO_DEFAULTS } from '../scenario/resolveScenario.js';
import {
  ARRIVAL_KINDS,
  DIRECTIONS,
  MODE_IDS,
  isArrivalKind,
  isDirection,
  isModeId,
  type FrameSpec,
  type LoadSpec,
  type ModeId,
} from '../scenario/scenarioConfig.js';
import { LOAD_TEXT_PATTERN, parseLoad } from '../scenario/parseLoad.js';
import type { ScenarioInput } from '../scenario/scenarioInput.js';
import { MAX_FRAME_BYTES, MIN_FRAME_BYTES } from '../workload/frameMix.js';
import { collectRepeated } from './repeatableOption.js';
import { type UsageError, usageErrorFromList } from './usageError.js';

/**
 * The scenario flags shared by `nicvirt bench` and `nicvirt run FILE` (where they override the
 * file). Commander keeps every value as the raw string the user typed (no defaults, no parsers), so
 * `scenarioInputFromFlags` can name the flag in every error and only flags the user gave reach the
 * ScenarioInput: precedence is built-in defaults < scenario file < flags.
 */
export interface ScenarioFlagValues {
  readonly mode?: string;
  readonly vms?: string;
  readonly vcpus?: string;
  readonly frameSize?: string;
  readonly load?: string;
  readonly direction?: string;
  readonly arrivals?: string;
  readonly duration?: string;
  readonly warmup?: string;
  readonly seed?: string;
  readonly nic?: string;
  readonly host?: string;
  readonly linkGbps?: string;
  readonly hostCores?: string;
  readonly hostGhz?: string;
  readonly postedInterrupts?: boolean;
  readonly fallback?: boolean;
  readonly ringSize?: string;
  readonly itrUs?: string;
  readonly cost?: readonly string[];
}

type ScenarioFlagKey = keyof ScenarioFlagValues;

interface ScenarioFlag {
  readonly key: ScenarioFlagKey;
  /** The flag as typed, e.g. `--vms`. */
  readonly flag: string;
  /** Commander declaration, e.g. `--vms <n>`. */
  readonly syntax: string;
  readonly description: string;
  /** resolveScenario problem paths reported against this flag. */
  readonly paths: readonly string[];
  /** A valid value, used in fix-it examples. */
  readonly example: string;
  /** Shown in examples when the user gave it, because it decides what other values are valid. */
  readonly context?: boolean;
  /** Unit of the number resolveScenario range-checks, added to its `from X to Y` message. */
  readonly rangeUnit?: string;
}

const NUMBER_PATTERN = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;
const MODE_LIST = MODE_IDS.join(', ');

/** One declaration per flag: help text, the problem paths it answers for, and an example value. */
const SCENARIO_FLAGS: readonly ScenarioFlag[] = [
  {
    key: 'mode',
    flag: '--mode',
    syntax: '--mode <mode>',
    description: `data path: ${MODE_LIST} (default ${SCENARIO_DEFAULTS.mode})`,
    paths: ['mode'],
    example: 'sriov',
    context: true,
  },
  {
    key: 'vms',
    flag: '--vms',
    syntax: '--vms <n>',
    description: `number of VMs sharing the NIC (default ${SCENARIO_DEFAULTS.vmCount})`,
    paths: ['vms.count'],
    example: String(SCENARIO_DEFAULTS.vmCount),
  },
  {
    key: 'vcpus',
    flag: '--vcpus',
    syntax: '--vcpus <n>',
    description: `vCPUs per VM (default ${SCENARIO_DEFAULTS.vcpus})`,
    paths: ['vms.vcpus'],
    example: '2',
  },
  {
    key: 'frameSize',
    flag: '--frame-size',
    syntax: '--frame-size <bytes|imix>',
    description: `L2 frame size in bytes (${MIN_FRAME_BYTES}-${MAX_FRAME_BYTES}), imix (64/570/1518 B in 7:4:1), or a mix such as 64:7,1518:1 (default 1518)`,
    paths: ['workload.frame'],
    example: '64',
    context: true,
  },
  {
    key: 'load',
    flag: '--load',
    syntax: '--load <load>',
    description:
      'offered load per direction, all VMs together: percent of line rate (80%, or a bare 80), 5gbps, 800mbps, 1.2mpps or 500kpps (default 100%)',
    paths: ['workload.load'],
    example: '100%',
  },
  {
    key: 'direction',
    flag: '--direction',
    syntax: '--direction <dir>',
    description: `traffic direction: ${DIRECTIONS.join(', ')} (default ${SCENARIO_DEFAULTS.direction})`,
    paths: ['workload.direction'],
    example: 'rx',
  },
  {
    key: 'arrivals',
    flag: '--arrivals',
    syntax: '--arrivals <kind>',
    description: `arrival process: ${ARRIVAL_KINDS.join(', ')} (default ${SCENARIO_DEFAULTS.arrivals})`,
    paths: ['workload.arrivals'],
    example: 'poisson',
  },
  {
    key: 'duration',
    flag: '--duration',
    syntax: '--duration <time>',
    description: `measured window of simulated time: 100ms, 0.5s, or bare milliseconds (default ${SCENARIO_DEFAULTS.durationMs}ms)`,
    paths: ['workload.durationMs'],
    example: '100ms',
    rangeUnit: 'ms',
  },
  {
    key: 'warmup',
    flag: '--warmup',
    syntax: '--warmup <time>',
    description: `simulated warm-up excluded from statistics, same units as --duration (default ${SCENARIO_DEFAULTS.warmupMs}ms)`,
    paths: ['workload.warmupMs'],
    example: '10ms',
    rangeUnit: 'ms',
  },
  {
    key: 'seed',
    flag: '--seed',
    syntax: '--seed <n>',
    description: `random seed, 0 to 4294967295; same command and seed give identical results (default ${SCENARIO_DEFAULTS.seed})`,
    paths: ['seed'],
    example: '1',
  },
  {
    key: 'nic',
    flag: '--nic',
    syntax: '--nic <profile>',
    description: `NIC profile: ${nicProfiles()
      .map((profile) => profile.id)
      .join(', ')} (default ${DEFAULT_NIC_PROFILE}; see nicvirt nics)`,
    paths: ['nic.profile', 'nic.vfs', 'nic.vmdqPools', 'nic.rxQueues', 'nic.pcieGbps', 'nic.coalesceFrames'],
    example: DEFAULT_NIC_PROFILE,
    context: true,
  },
  {
    key: 'host',
    flag: '--host',
    syntax: '--host <profile>',
    description: `host profile: ${hostProfiles()
      .map((profile) => profile.id)
      .join(', ')} (default ${DEFAULT_HOST_PROFILE}; see nicvirt hosts)`,
    paths: ['host.profile'],
    example: DEFAULT_HOST_PROFILE,
    context: true,
  },
  {
    key: 'linkGbps',
    flag: '--link-gbps',
    syntax: '--link-gbps <n>',
    description: 'link speed in Gbit/s (default from the NIC profile)',
    paths: ['nic.linkGbps'],
    example: '10',
    context: true,
    rangeUnit: 'Gbit/s',
  },
  {
    key: 'hostCores',
    flag: '--host-cores',
    syntax: '--host-cores <n>',
    description: 'host cores for hypervisor, switch and interrupt work (default from the host profile)',
    paths: ['host.cores'],
    example: '16',
  },
  {
    key: 'hostGhz',
    flag: '--host-ghz',
    syntax: '--host-ghz <n>',
    description: 'core clock in GHz (default from the host profile)',
    paths: ['host.ghz'],
    example: '2.6',
    rangeUnit: 'GHz',
  },
  {
    key: 'postedInterrupts',
    flag: '--posted-interrupts',
    syntax: '--posted-interrupts',
    description:
      'deliver VF interrupts without exits (posted interrupts / APICv); default from the host profile',
    paths: ['host.postedInterrupts'],
    example: '',
  },
  {
    key: 'fallback',
    flag: '--fallback',
    syntax: '--fallback',
    description: 'SR-IOV: put VMs beyond the VF limit on the software switch instead of failing',
    paths: ['fallback'],
    example: '',
  },
  {
    key: 'ringSize',
    flag: '--ring-size',
    syntax: '--ring-size <n>',
    description: 'NIC RX/TX descriptor ring size per queue (default from the NIC profile)',
    paths: ['nic.ringSize'],
    example: '512',
  },
  {
    key: 'itrUs',
    flag: '--itr-us',
    syntax: '--itr-us <n>',
    description:
      'NIC interrupt moderation: minimum µs between two interrupts of one vector, 0 = off (default from the NIC profile)',
    paths: ['nic.itrUs'],
    example: '50',
    rangeUnit: 'µs',
  },
  {
    key: 'cost',
    flag: '--cost',
    syntax: '--cost <name=value>',
    description:
      'override one cost parameter, repeatable (e.g. --cost switchPortCycles=6500; see nicvirt costs)',
    paths: [],
    example: 'switchPortCycles=6500',
  },
];

function scenarioFlag(key: ScenarioFlagKey): ScenarioFlag {
  const declaration = SCENARIO_FLAGS.find((flag) => flag.key === key);
  if (!declaration) throw new Error(`no scenario flag declared for ${key}`);
  return declaration;
}

/** Problem path (`vms.count`) → flag (`--vms`). Cost problems (`costs.<name>`) map to `--cost`. */
export const FLAG_FOR_PROBLEM_PATH: Readonly<Record<string, string>> = Object.fromEntries(
  SCENARIO_FLAGS.flatMap((flag) => flag.paths.map((path) => [path, flag.flag] as const)),
);

export function flagForProblemPath(path: string): string | undefined {
  if (path === 'costs' || path.startsWith('costs.')) return '--cost';
  return FLAG_FOR_PROBLEM_PATH[path];
}

export interface AddScenarioOptionsSettings {
  /** `nicvirt bench` also accepts `--mode all`; say so in the help text. */
  readonly modeHelp?: string;
}

/** Declare the scenario flags on a command. No defaults: the help text names them instead. */
export function addScenarioOptions(command: Command, settings: AddScenarioOptionsSettings = {}): Command {
  for (const declaration of SCENARIO_FLAGS) {
    const description =
      declaration.key === 'mode' && settings.modeHelp !== undefined
        ? settings.modeHelp
        : declaration.description;
    const option = new Option(declaration.syntax, description);
    if (declaration.key === 'cost') option.argParser(collectRepeated);
    command.addOption(option);
    if (declaration.key === 'postedInterrupts') {
      command.addOption(
        new Option('--no-posted-interrupts', 'take an exit for every VF interrupt and its EOI'),
      );
    }
  }
  return command;
}

/**
 * The scenario flags the user actually gave (source `cli` or `env`), dropping anything commander
 * filled in itself, so a scenario file's values survive unless overridden.
 */
export function scenarioFlagsGiven(command: Command): ScenarioFlagValues {
  const options: Record<string, unknown> = command.opts();
  const given: Record<string, unknown> = {};
  for (const declaration of SCENARIO_FLAGS) {
    const source = command.getOptionValueSource(declaration.key);
    if ((source === 'cli' || source === 'env') && options[declaration.key] !== undefined) {
      given[declaration.key] = options[declaration.key];
    }
  }
  return given as ScenarioFlagValues;
}

export interface ScenarioFlagSettings {
  /** Start of fix-it examples, e.g. `nicvirt bench` or `nicvirt run scenarios/r5.yaml`. */
  readonly commandPrefix?: string;
}

const DEFAULT_PREFIX = 'nicvirt bench';

/**
 * Map flag values to a ScenarioInput, setting only the fields of flags that were given. Throws a
 * UsageError naming the flag, the accepted values and an example for every unparsable value.
 * Range and consistency checks are left to resolveScenario (see `usageErrorFromProblems`).
 */
export function scenarioInputFromFlags(
  flags: ScenarioFlagValues,
  settings: ScenarioFlagSettings = {},
): ScenarioInput {
  const prefix = settings.commandPrefix ?? DEFAULT_PREFIX;
  const problems: Problem[] = [];
  const fail = (key: ScenarioFlagKey, raw: string, accepted: string, example?: string): undefined => {
    const declaration = scenarioFlag(key);
    problems.push({
      path: declaration.flag,
      message: `${declaration.flag} expects ${accepted} (got "${raw}"). Example: ${prefix} ${declaration.flag} ${example ?? declaration.example}`,
      expected: accepted,
      received: raw,
    });
    return undefined;
  };
  const number = (key: ScenarioFlagKey, raw: string | undefined, accepted: string): number | undefined => {
    if (raw === undefined) return undefined;
    const trimmed = raw.trim();
    if (!NUMBER_PATTERN.test(trimmed)) return fail(key, raw, accepted);
    return Number(trimmed);
  };
  /** The parsed value of a given flag, or undefined (and a problem) when `parse` rejects it. */
  const field = <T>(
    key: ScenarioFlagKey,
    raw: string | undefined,
    parse: (text: string) => T | undefined,
    accepted: string,
  ): T | undefined => {
    if (raw === undefined) return undefined;
    const value = parse(raw);
    return value === undefined ? fail(key, raw, accepted) : value;
  };

  const input: ScenarioInput = {};
  if (flags.mode !== undefined) {
    const mode = parseMode(flags.mode);
    if (mode === 'all') {
      problems.push({
        path: '--mode',
        message: `--mode all is only accepted by nicvirt bench; use one of ${MODE_LIST}. Example: ${prefix} --mode sriov`,
        expected: MODE_IDS.join(' | '),
        received: flags.mode,
      });
    } else if (mode === undefined) {
      fail('mode', flags.mode, `one of ${MODE_LIST}`);
    } else {
      input.mode = mode;
    }
  }

  const seed = number('seed', flags.seed, 'a whole number from 0 to 4294967295');
  if (seed !== undefined) input.seed = seed;

  const host: NonNullable<ScenarioInput['host']> = {};
  if (flags.host !== undefined) host.profile = flags.host.trim();
  const hostCores = number('hostCores', flags.hostCores, 'a whole number of host cores');
  if (hostCores !== undefined) host.cores = hostCores;
  const hostGhz = number('hostGhz', flags.hostGhz, 'a clock rate in GHz, e.g. 2.6');
  if (hostGhz !== undefined) host.ghz = hostGhz;
  if (flags.postedInterrupts !== undefined) host.postedInterrupts = flags.postedInterrupts;
  if (Object.keys(host).length > 0) input.host = host;

  const nic: NonNullable<ScenarioInput['nic']> = {};
  if (flags.nic !== undefined) nic.profile = flags.nic.trim();
  const linkGbps = number('linkGbps', flags.linkGbps, 'a link speed in Gbit/s, e.g. 10 or 25');
  if (linkGbps !== undefined) nic.linkGbps = linkGbps;
  const ringSize = number('ringSize', flags.ringSize, 'a whole number of descriptors, e.g. 512');
  if (ringSize !== undefined) nic.ringSize = ringSize;
  const itrUs = number('itrUs', flags.itrUs, 'microseconds between interrupts, 0 or more');
  if (itrUs !== undefined) nic.itrUs = itrUs;
  if (Object.keys(nic).length > 0) input.nic = nic;

  const vms: NonNullable<ScenarioInput['vms']> = {};
  const vmCount = number('vms', flags.vms, 'a whole number of VMs, 1 or more');
  if (vmCount !== undefined) vms.count = vmCount;
  const vcpus = number('vcpus', flags.vcpus, 'a whole number of vCPUs per VM, 1 or more');
  if (vcpus !== undefined) vms.vcpus = vcpus;
  if (Object.keys(vms).length > 0) input.vms = vms;

  const workload: NonNullable<ScenarioInput['workload']> = {};
  const direction = field(
    'direction',
    flags.direction,
    lowerCaseIf(isDirection),
    `one of ${DIRECTIONS.join(', ')}`,
  );
  if (direction !== undefined) workload.direction = direction;
  const arrivals = field(
    'arrivals',
    flags.arrivals,
    lowerCaseIf(isArrivalKind),
    `one of ${ARRIVAL_KINDS.join(', ')}`,
  );
  if (arrivals !== undefined) workload.arrivals = arrivals;
  const frame = field(
    'frameSize',
    flags.frameSize,
    parseFrameSize,
    `a frame size in bytes from ${MIN_FRAME_BYTES} to ${MAX_FRAME_BYTES}, imix, or a mix such as 64:7,1518:1`,
  );
  if (frame !== undefined) workload.frame = frame;
  const load = field(
    'load',
    flags.load,
    parseLoadFlag,
    'a percentage of line rate (80%, or a bare 80), a bit rate (5gbps, 800mbps) or a frame rate (1.2mpps, 500kpps)',
  );
  if (load !== undefined) workload.load = load;
  const durationMs = field(
    'duration',
    flags.duration,
    parseMilliseconds,
    'a simulated time such as 100ms or 0.5s (a bare number is milliseconds)',
  );
  if (durationMs !== undefined) workload.durationMs = durationMs;
  const warmupMs = field(
    'warmup',
    flags.warmup,
    parseMilliseconds,
    'a simulated time such as 10ms or 0.01s (a bare number is milliseconds)',
  );
  if (warmupMs !== undefined) workload.warmupMs = warmupMs;
  if (Object.keys(workload).length > 0) input.workload = workload;

  if (flags.fallback !== undefined) input.fallback = flags.fallback;

  if (flags.cost !== undefined && flags.cost.length > 0) {
    const costs: Record<string, number> = {};
    for (const raw of flags.cost) {
      const match = /^\s*([A-Za-z][A-Za-z0-9]*)\s*=\s*(\S+)\s*$/.exec(raw);
      const name = match?.[1];
      const value = match?.[2];
      if (name === undefined || value === undefined || !NUMBER_PATTERN.test(value)) {
        fail('cost', raw, 'name=value with a cost name from nicvirt costs and a number');
        continue;
      }
      costs[name] = Number(value);
    }
    input.costs = costs as ScenarioInput['costs'] & object;
  }

  if (problems.length > 0) throw usageErrorFromList(problems, 'with the scenario');
  return input;
}

/** `SR-IOV`, `SRIOV` and `sriov` all name the same mode; returns `all` for `all`. */
export function parseMode(raw: string): ModeId | 'all' | undefined {
  const normalized = raw
    .trim()
    .toLowerCase()
    .replace(/[-_\s]/g, '');
  if (normalized === 'all') return 'all';
  return isModeId(normalized) ? normalized : undefined;
}

/** A parser of one of a fixed set of names: trimmed, case-insensitive. */
function lowerCaseIf<T extends string>(is: (value: string) => value is T): (raw: string) => T | undefined {
  return (raw) => {
    const text = raw.trim().toLowerCase();
    return is(text) ? text : undefined;
  };
}

/** `1518`, `64B`, `imix`, or a weighted mix `64:7,570:4,1518:1`. Range checks are resolveScenario's. */
export function parseFrameSize(raw: string): FrameSpec | undefined {
  const text = raw.trim().toLowerCase();
  if (text === 'imix') return { kind: 'imix' };
  const fixed = /^(\d+)\s*b?$/.exec(text);
  if (fixed?.[1] !== undefined) return { kind: 'fixed', bytes: Number(fixed[1]) };
  if (!text.includes(':')) return undefined;
  const sizes = [];
  for (const part of text.split(',')) {
    const entry = /^\s*(\d+)\s*b?\s*:\s*((?:\d+(?:\.\d*)?|\.\d+))\s*$/.exec(part);
    if (entry?.[1] === undefined || entry[2] === undefined) return undefined;
    sizes.push({ bytes: Number(entry[1]), weight: Number(entry[2]) });
  }
  return { kind: 'mix', sizes };
}

/**
 * `80%`, a bare `80` (percent), `5gbps`, `800mbps`, `1.2mpps`, `500kpps`: the units a scenario file
 * accepts (src/scenario/parseLoad.ts), so flags and files read the same.
 */
export function parseLoadFlag(raw: string): LoadSpec | undefined {
  const text = raw.trim();
  if (NUMBER_PATTERN.test(text)) return { unit: 'percent', value: Number(text) };
  if (!LOAD_TEXT_PATTERN.test(text)) return undefined;
  const load = parseLoad(text);
  return Number.isFinite(load.value) ? load : undefined;
}

/** `100ms`, `0.5s`, `250us`, or a bare number of milliseconds. */
export function parseMilliseconds(raw: string): number | undefined {
  const match = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?)\s*(ms|s|us|µs)?$/i.exec(raw.trim());
  if (match?.[1] === undefined) return undefined;
  const value = Number(match[1]);
  switch (match[2]?.toLowerCase()) {
    case 's':
      return value * 1000;
    case 'us':
    case 'µs':
      return value / 1000;
    default:
      return value;
  }
}

export interface ProblemReportSettings {
  /** Start of fix-it examples, e.g. `nicvirt bench`. */
  readonly commandPrefix: string;
  /** The flags the user gave: kept in examples when they decide what else is valid (--mode, --nic). */
  readonly flags: ScenarioFlagValues;
  /**
   * Where non-flag values came from, e.g. `scenarios/r5.yaml`. When set, a problem whose flag the
   * user did not give is reported against `<source> <path>` instead of the flag.
   */
  readonly source?: string;
}

/**
 * Turn resolveScenario problems into fix-it messages that name the flag, e.g.
 * `--vms: 70 VMs but NIC 82599 has 63 usable VFs; … Example: nicvirt bench --mode sriov --vms 63`.
 */
export function describeScenarioProblem(problem: Problem, settings: ProblemReportSettings): Problem {
  const flag = flagForProblemPath(problem.path);
  const flagGiven = flag !== undefined && isFlagGiven(flag, settings.flags);
  if (flag === undefined || (settings.source !== undefined && !flagGiven)) {
    const label = settings.source !== undefined ? `${settings.source} ${problem.path}` : problem.path;
    return { ...problem, path: label, message: `${label}: ${problem.message}` };
  }
  const declaration = SCENARIO_FLAGS.find((candidate) => candidate.flag === flag);
  const rangeMessage = problem.message.startsWith(`${problem.path} `);
  let body = rangeMessage
    ? `${flag}${problem.message.slice(problem.path.length)}`
    : `${flag}: ${problem.message}`;
  if (rangeMessage && declaration?.rangeUnit !== undefined && /from \S+ to \S+$/.test(body)) {
    body = `${body} ${declaration.rangeUnit}`;
  }
  const typed = declaration === undefined ? undefined : settings.flags[declaration.key];
  const shown = typeof typed === 'string' ? typed : problem.received;
  const received = shown !== undefined && !containsToken(body, shown) ? ` (got ${shown})` : '';
  const example = exampleCommand(flag, suggestedValue(flag, problem), settings);
  return { ...problem, path: flag, message: `${body}${received}. Example: ${example}` };
}

/** All problems as one UsageError (one line each); see describeScenarioProblem. */
export function usageErrorFromProblems(
  problems: readonly Problem[],
  settings: ProblemReportSettings,
): UsageError {
  return usageErrorFromList(
    problems.map((problem) => describeScenarioProblem(problem, settings)),
    'with the scenario',
  );
}

/** Whether `token` appears in `text` on its own, not inside a longer number or word. */
function containsToken(text: string, token: string): boolean {
  const escaped = token.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^\\w.])${escaped}($|[^\\w])`).test(text);
}

function isFlagGiven(flag: string, flags: ScenarioFlagValues): boolean {
  const declaration = SCENARIO_FLAGS.find((candidate) => candidate.flag === flag);
  return declaration !== undefined && flags[declaration.key] !== undefined;
}

function suggestedValue(flag: string, problem: Problem): string {
  const declaration = SCENARIO_FLAGS.find((candidate) => candidate.flag === flag);
  const fallback = declaration?.example ?? '';
  if (flag === '--cost') {
    const name = problem.path.startsWith('costs.') ? problem.path.slice('costs.'.length) : '';
    return isCostName(name) ? `${name}=${defaultCosts()[name]}` : fallback;
  }
  const expected = problem.expected ?? '';
  const atMost = /^≤\s*(\d+(?:\.\d+)?)$/.exec(expected);
  if (atMost?.[1] !== undefined) return atMost[1];
  const range = /^(?:integer\s+)?(-?\d+(?:\.\d+)?)\.\.(-?\d+(?:\.\d+)?)$/.exec(expected);
  if (range?.[1] !== undefined && range[2] !== undefined && NUMBER_PATTERN.test(fallback)) {
    const example = Number(fallback);
    return String(Math.min(Math.max(example, Number(range[1])), Number(range[2])));
  }
  return fallback;
}

function exampleCommand(flag: string, value: string, settings: ProblemReportSettings): string {
  const parts = [settings.commandPrefix];
  for (const declaration of SCENARIO_FLAGS) {
    if (declaration.flag === flag || declaration.context !== true) continue;
    const given = settings.flags[declaration.key];
    if (typeof given === 'string') parts.push(`${declaration.flag} ${given}`);
  }
  parts.push(value === '' ? flag : `${flag} ${value}`);
  return parts.join(' ');
}
