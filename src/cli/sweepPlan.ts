import { inputForComparedMode } from './comparisonInput.js';
import type { Problem } from '../scenario/problem.js';
import { resolveScenario } from '../scenario/resolveScenario.js';
import { mergeScenarioInput } from '../scenario/mergeScenarioInput.js';
import { runLabel } from '../scenario/runLabel.js';
import {
  MODE_IDS,
  type FrameSpec,
  type LoadSpec,
  type ModeId,
  type ScenarioConfig,
} from '../scenario/scenarioConfig.js';
import type { ScenarioInput } from '../scenario/scenarioInput.js';
import { parseAxis } from '../sweep/parseAxis.js';
import type { CliIo } from './cliIo.js';
import { readScenarioSource, type StdinReader } from './readScenarioSource.js';
import {
  describeScenarioProblem,
  parseFrameSize,
  parseLoadFlag,
  parseMode,
  scenarioInputFromFlags,
  type ScenarioFlagValues,
} from './scenarioFlags.js';
import { scenarioUsageError } from './scenarioUsageError.js';
import { UsageError, usageErrorFromList } from './usageError.js';

/** Upper bound on the points of one sweep (all shards together). */
const MAX_SWEEP_POINTS = 10_000;

export const SWEEP_PREFIX = 'nicvirt sweep';

/** One point of the sweep: its index in the whole sweep and its resolved configuration. */
export interface SweepPoint {
  readonly point: number;
  readonly label: string;
  readonly config: ScenarioConfig;
}

/** The list-valued flags of `nicvirt sweep`, as typed. */
export interface SweepAxisFlags {
  readonly modes?: string;
  readonly vms?: string;
  readonly frameSize?: string;
  readonly load?: string;
}

interface AxisValue<T> {
  readonly value: T;
  /** The item as a single flag value, for fix-it examples (`--vms 64`). */
  readonly text: string;
}

interface Axes {
  readonly modes?: readonly AxisValue<ModeId>[];
  readonly vms?: readonly AxisValue<number>[];
  readonly frames?: readonly AxisValue<FrameSpec>[];
  readonly loads?: readonly AxisValue<LoadSpec>[];
}

const AXIS_EXAMPLES = {
  modes: '--modes paravirt,vmdq,sriov',
  vms: '--vms 1,2,4,8 or --vms 1..64:x2',
  frameSize: '--frame-size 64,512,1518 or --frame-size 64..1518:+64',
  load: '--load 50%,100% or --load 10%..100%:+10%',
} as const;

function axisError(
  flag: string,
  key: keyof typeof AXIS_EXAMPLES,
  reason: string,
  accepted: string,
): UsageError {
  return new UsageError(
    `${flag}: ${reason}. ${flag} takes ${accepted}, as a comma-separated list; ranges START..END[:STEP] step by +N or multiply by xN. Example: ${SWEEP_PREFIX} ${AXIS_EXAMPLES[key]}`,
  );
}

function withText<T>(values: readonly T[], texts: (value: T, index: number) => string): AxisValue<T>[] {
  return values.map((value, index) => ({ value, text: texts(value, index) }));
}

/** Parse the list flags; every malformed list or range is a UsageError naming the flag. */
function parseSweepAxes(flags: SweepAxisFlags): Axes {
  const axes: { -readonly [K in keyof Axes]: Axes[K] } = {};
  if (flags.modes !== undefined) {
    const accepted = `modes (${MODE_IDS.join(', ')}, or all)`;
    if (flags.modes.includes('..'))
      throw axisError('--modes', 'modes', `"${flags.modes}": modes have no ranges`, accepted);
    const result = parseAxis<ModeId[]>(
      flags.modes,
      (text) => {
        const mode = parseMode(text);
        return mode === undefined ? undefined : mode === 'all' ? [...MODE_IDS] : [mode];
      },
      { integers: false, accepted: `a mode (${MODE_IDS.join(', ')}, or all)` },
    );
    if (!result.ok) throw axisError('--modes', 'modes', result.reason, accepted);
    const modes = [...new Set(result.values.flat())];
    axes.modes = modes.map((mode) => ({ value: mode, text: mode }));
  }
  if (flags.vms !== undefined) {
    const result = parseAxis(flags.vms, (text) => (/^\d+$/.test(text) ? Number(text) : undefined), {
      integers: true,
      accepted: 'a whole number of VMs',
    });
    if (!result.ok) throw axisError('--vms', 'vms', result.reason, 'VM counts (whole numbers)');
    axes.vms = withText(result.values, (value) => String(value));
  }
  if (flags.frameSize !== undefined) {
    const raw = flags.frameSize;
    const accepted = 'frame sizes in bytes (64-9018) or imix';
    if (raw.includes(':') && !raw.includes('..')) {
      // A weighted mix (`64:7,1518:1`) is one value: its commas do not separate sweep points.
      const mix = parseFrameSize(raw);
      if (!mix)
        throw axisError(
          '--frame-size',
          'frameSize',
          `"${raw}" is not a frame size mix such as 64:7,1518:1`,
          accepted,
        );
      axes.frames = [{ value: mix, text: raw }];
    } else {
      const texts: string[] = [];
      const result = parseAxis(
        raw,
        (text) => {
          const frame = parseFrameSize(text);
          if (frame) texts.push(text);
          return frame;
        },
        { integers: true, accepted: 'a frame size in bytes or imix' },
      );
      if (!result.ok) throw axisError('--frame-size', 'frameSize', result.reason, accepted);
      axes.frames = withText(result.values, (_, index) => texts[index] ?? '');
    }
  }
  if (flags.load !== undefined) {
    const texts: string[] = [];
    const result = parseAxis(
      flags.load,
      (text) => {
        const load = parseLoadFlag(text);
        if (load) texts.push(text);
        return load;
      },
      { integers: false, accepted: 'a load (80%, 5gbps, 800mbps, 1.2mpps, 500kpps)' },
    );
    if (!result.ok) {
      throw axisError(
        '--load',
        'load',
        result.reason,
        'offered loads (percent of line rate such as 50%, or 5gbps, 1.2mpps)',
      );
    }
    axes.loads = withText(result.values, (_, index) => texts[index] ?? '');
  }
  return axes;
}

interface Combination {
  readonly input: ScenarioInput;
  /** The flag values of this combination, for fix-it examples. */
  readonly flags: ScenarioFlagValues;
}

/** Cartesian product of the given axes, mode outermost, then VMs, frame size, load. */
function combinations(axes: Axes, flags: ScenarioFlagValues): Combination[] {
  const one = [undefined];
  const modes = axes.modes ?? one;
  const vmsList = axes.vms ?? one;
  const frames = axes.frames ?? one;
  const loads = axes.loads ?? one;
  const size = modes.length * vmsList.length * frames.length * loads.length;
  if (size > MAX_SWEEP_POINTS) {
    throw new UsageError(
      `the sweep asks for ${size} points, more than the limit of ${MAX_SWEEP_POINTS}; shorten --modes, --vms, --frame-size or --load (or split it with --shard k/n). Example: ${SWEEP_PREFIX} --modes paravirt,sriov --vms 1..64:x2`,
    );
  }
  const result: Combination[] = [];
  for (const mode of modes) {
    for (const vms of vmsList) {
      for (const frame of frames) {
        for (const load of loads) {
          const input: ScenarioInput = {};
          const pointFlags: Record<string, unknown> = { ...flags };
          if (mode) {
            input.mode = mode.value;
            pointFlags['mode'] = mode.text;
          }
          if (vms) {
            input.vms = { count: vms.value };
            pointFlags['vms'] = vms.text;
          }
          if (frame || load) input.workload = {};
          if (frame && input.workload) {
            input.workload.frame = frame.value;
            pointFlags['frameSize'] = frame.text;
          }
          if (load && input.workload) {
            input.workload.load = load.value;
            pointFlags['load'] = load.text;
          }
          result.push({ input, flags: pointFlags as ScenarioFlagValues });
        }
      }
    }
  }
  return result;
}

export interface SweepPlanSources {
  /** Scenario file argument (`-` for standard input), if any. */
  readonly file?: string;
  readonly io: CliIo;
  readonly readStdin: StdinReader;
}

/**
 * Every point of the sweep, resolved, in a fixed order: flag lists (mode outermost, then VMs,
 * frame size, load), each expanded by the scenario file's own matrix when a file is given; then
 * stably ordered by mode. Problems of any point are a UsageError listing them all (deduplicated).
 */
export async function planSweep(
  flags: ScenarioFlagValues,
  axisFlags: SweepAxisFlags,
  sources: SweepPlanSources,
): Promise<SweepPoint[]> {
  const axes = parseSweepAxes(axisFlags);
  const fixedFlags: Record<string, unknown> = { ...flags };
  for (const key of ['mode', 'vms', 'frameSize', 'load']) delete fixedFlags[key];
  const base = scenarioInputFromFlags(fixedFlags as ScenarioFlagValues, { commandPrefix: SWEEP_PREFIX });
  const combos = combinations(axes, flags);

  const configs: ScenarioConfig[] = [];
  if (sources.file !== undefined) {
    const file = sources.file;
    const source = await readScenarioSource(file, sources.io, sources.readStdin);
    const prefix = `${SWEEP_PREFIX} ${file}`;
    if (!source.ok) throw scenarioUsageError(source.problems, { commandPrefix: prefix, flags }, file);
    // zod and yaml are loaded on use, not at start-up (see main.ts).
    const { compileScenario } = await import('../scenario/compileScenario.js');
    for (const combo of combos) {
      const compiled = compileScenario(source.value.text, {
        source: source.value.source,
        overrides: mergeScenarioInput(base, combo.input),
      });
      if (!compiled.ok) {
        throw scenarioUsageError(
          compiled.problems,
          { commandPrefix: prefix, flags: combo.flags },
          source.value.source,
        );
      }
      configs.push(...compiled.value.runs.map((run) => run.config));
      if (configs.length > MAX_SWEEP_POINTS) {
        throw new UsageError(
          `the sweep asks for more than ${MAX_SWEEP_POINTS} points; shorten the lists in ${file} or the list flags. Example: ${SWEEP_PREFIX} ${file} --vms 1,4,16`,
        );
      }
    }
  } else {
    const problems: Problem[] = [];
    const seen = new Set<string>();
    for (const combo of combos) {
      const merged = mergeScenarioInput(base, combo.input);
      // SR-IOV VMs beyond the VF limit go on the software switch, so a sweep over VM counts runs
      // past the limit and shows it as a knee.
      const input = merged.mode === undefined ? merged : inputForComparedMode(merged, merged.mode);
      const resolved = resolveScenario(input);
      if (resolved.ok) {
        configs.push(resolved.value);
        continue;
      }
      const described = resolved.problems.map((problem) =>
        describeScenarioProblem(problem, { commandPrefix: SWEEP_PREFIX, flags: combo.flags }),
      );
      for (const problem of described) {
        const key = problem.message.replace(/ Example: .*$/, '');
        if (seen.has(key)) continue;
        seen.add(key);
        problems.push(problem);
      }
    }
    if (problems.length > 0) throw usageErrorFromList(problems, "with the sweep's points");
  }

  if (configs.length === 0) {
    throw new UsageError(
      `the sweep has no points. Give at least one value per list. Example: ${SWEEP_PREFIX} --modes paravirt,sriov --vms 1,4,16`,
    );
  }
  // With a file, flag lists run outside the file's matrix; bring each mode's points together
  // (modes in order of first appearance) so mode stays the outermost dimension.
  const firstSeen = [...new Set(configs.map((config) => config.mode))];
  const ordered =
    sources.file === undefined
      ? configs
      : configs
          .map((config, index) => ({ config, index }))
          .sort(
            (a, b) =>
              firstSeen.indexOf(a.config.mode) - firstSeen.indexOf(b.config.mode) || a.index - b.index,
          )
          .map(({ config }) => config);
  return ordered.map((config, point) => ({ point, label: runLabel(config), config }));
}
