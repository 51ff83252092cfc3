import type { Command } from 'commander';
import { formatCount, formatFixed, formatSignificant } from '../report/formatNumbers.js';
import { frameCell } from '../report/rfc2544Cells.js';
import { RFC2544_FORMAT_NAMES } from '../report/rfc2544FormatNames.js';
import { RFC2544_FORMATS } from '../report/rfc2544Formats.js';
import {
  RFC2544_SCHEMA_VERSION,
  type Rfc2544Point,
  type Rfc2544Result,
  type Rfc2544Settings,
} from '../rfc2544/rfc2544Result.js';
import type { Rfc2544PointSpec } from '../rfc2544/runRfc2544Point.js';
import { Rfc2544Interrupted, runRfc2544Points, workerExecutor } from '../rfc2544/runRfc2544Points.js';
import { trialRuleText } from '../rfc2544/trialRule.js';
import { resolveScenario } from '../scenario/resolveScenario.js';
import type { FrameSpec, ScenarioConfig } from '../scenario/scenarioConfig.js';
import type { ScenarioInput } from '../scenario/scenarioInput.js';
import { defaultWorkerUrl } from '../sweep/runPoints.js';
import { resultTool } from './buildBenchResult.js';
import type { CliIo } from './cliIo.js';
import { CommandFailure } from './commandFailure.js';
import { outputSettingsFromOptions, writeOutput } from './outputOptions.js';
import type { SignalSource } from './processSignals.js';
import { exitCodeFor, watchStop } from './stopWatch.js';
import {
  MAX_JOBS,
  parsePercentFlag,
  parseRfc2544Frames,
  parseRfc2544Modes,
  parseTrialFrames,
  parseWholeFlag,
  RFC2544_DEFAULTS,
  RFC2544_PREFIX,
} from './rfc2544Flags.js';
import { stepProgress } from './sweepProgress.js';
import {
  scenarioFlagsGiven,
  scenarioInputFromFlags,
  usageErrorFromProblems,
  type ScenarioFlagValues,
} from './scenarioFlags.js';
import { UsageError } from './usageError.js';
import { inputForComparedMode } from './comparisonInput.js';

/** Searches under way per worker: each offers one to three trials per round. */
const SEARCHES_PER_JOB = 3;

export interface Rfc2544Dependencies {
  readonly signals: SignalSource;
  /** Compiled worker script; default: the sweep's, next to the compiled module. */
  readonly workerUrl?: URL;
}

interface Rfc2544Options {
  readonly ndrLoss?: string;
  readonly pdrLoss?: string;
  readonly precision?: string;
  readonly maxTrials?: string;
  readonly trialFrames?: string;
  readonly burstMax?: string;
  readonly backToBack?: boolean;
  readonly latency?: boolean;
  readonly jobs?: string;
}

/**
 * `nicvirt rfc2544`, once its flags are parsed: plan the searches, run them (on `--jobs` workers)
 * and write the report. Loaded only when the command runs (see rfc2544Command.ts).
 */
export async function runRfc2544(command: Command, io: CliIo, deps: Rfc2544Dependencies): Promise<void> {
  const options = command.opts<Rfc2544Options>();
  const flags = scenarioFlagsGiven(command);
  // --output is checked before the searches run, so minutes of trials never end in an unwritable file.
  const output = outputSettingsFromOptions(
    command,
    io,
    RFC2544_PREFIX,
    RFC2544_FORMAT_NAMES,
    `${RFC2544_PREFIX} --format json --output ndr.json`,
  );
  const settings = settingsFromOptions(options);
  const jobsFlag =
    options.jobs === undefined
      ? undefined
      : parseWholeFlag('--jobs', options.jobs, 1, {
          min: 1,
          max: MAX_JOBS,
          what: 'trials at once',
          example: '2',
        });
  const jobs = jobsFlag ?? 1;
  const specs = planPoints(flags, settings, io);

  const workerUrl = deps.workerUrl ?? defaultWorkerUrl();
  if (jobsFlag !== undefined && jobsFlag > 1 && workerUrl === undefined) {
    io.stderr(
      'nicvirt: note: no compiled worker next to this module (running from sources?); trials run one at a time\n',
    );
  }
  const stop = watchStop(deps.signals);
  // One step per finished search (mode × frame size).
  const progress = stepProgress(io, specs.length, 'rfc2544', 'searches');
  let points: Rfc2544Point[];
  let finished = 0;
  try {
    points = await runRfc2544Points(specs, {
      execute: workerExecutor(jobs, stop.signal, workerUrl),
      // Enough searches under way to keep the workers busy, few enough that results (and the
      // progress bar) come in steadily rather than all at the end.
      window: jobs === 1 ? 1 : SEARCHES_PER_JOB * jobs,
      onPoint: (_index, point) => {
        finished += 1;
        progress.stepDone(progressLine(point));
      },
    });
  } catch (error) {
    if (!(error instanceof Rfc2544Interrupted)) throw error;
    const signal = stop.stoppedBy ?? 'SIGINT';
    throw new CommandFailure(
      `interrupted by ${signal}: ${finished} of ${specs.length} searches had finished; nothing was written`,
      exitCodeFor(signal),
    );
  } finally {
    progress.stop();
    stop.remove();
  }

  const result: Rfc2544Result = {
    schemaVersion: RFC2544_SCHEMA_VERSION,
    kind: 'rfc2544',
    tool: resultTool(),
    seed: specs[0]?.config.seed ?? 0,
    settings: { ...settings, trialRule: trialRuleText(settings.trialFrames) },
    points,
  };
  const text = RFC2544_FORMATS[output.format](result, { color: output.color });
  await writeOutput(text, io, { outputPath: output.outputPath, wrote: output.format });
}

function settingsFromOptions(options: Rfc2544Options): Rfc2544Settings {
  const ndrLossRatio = parsePercentFlag('--ndr-loss', options.ndrLoss, RFC2544_DEFAULTS.ndrLossPct / 100, {
    min: 0,
    max: 50,
    example: '0.001%',
  });
  const pdrLossRatio = parsePercentFlag('--pdr-loss', options.pdrLoss, RFC2544_DEFAULTS.pdrLossPct / 100, {
    min: 0,
    max: 50,
    example: '0.1%',
  });
  if (pdrLossRatio < ndrLossRatio) {
    throw new UsageError(
      `--pdr-loss (${pdrLossRatio * 100}%) must be at least --ndr-loss (${ndrLossRatio * 100}%): PDR allows more loss than NDR. Example: ${RFC2544_PREFIX} --ndr-loss 0 --pdr-loss 0.1%`,
    );
  }
  const precision = parsePercentFlag('--precision', options.precision, RFC2544_DEFAULTS.precisionPct / 100, {
    min: 0.0001,
    max: 50,
    example: '0.5%',
  });
  const maxTrials = parseWholeFlag('--max-trials', options.maxTrials, RFC2544_DEFAULTS.maxTrials, {
    min: 1,
    max: 1000,
    what: 'trials per search',
    example: '40',
  });
  const trialFrames = parseTrialFrames(options.trialFrames);
  const burstMax = parseWholeFlag('--burst-max', options.burstMax, RFC2544_DEFAULTS.burstMaxFrames, {
    min: 1,
    max: 10_000_000,
    what: 'frames',
    example: '100000',
  });
  return {
    ndrLossRatio,
    pdrLossRatio,
    precision,
    maxTrials,
    trialFrames,
    latency: options.latency !== false,
    burstMaxFrames: options.backToBack === false ? null : burstMax,
  };
}

/**
 * Every (mode, frame size) to search, mode-major. Problems common to every mode (a bad --vms, an
 * unknown --nic, a frame size out of range) are errors; with all modes, a mode the NIC cannot run
 * is skipped with a note, while a mode named on the command line that cannot run is an error.
 */
function planPoints(flags: ScenarioFlagValues, settings: Rfc2544Settings, io: CliIo): Rfc2544PointSpec[] {
  const { modes, all } = parseRfc2544Modes(flags.mode);
  const frames = parseRfc2544Frames(flags.frameSize);
  const scenarioFlags = Object.fromEntries(
    Object.entries(flags).filter(([key]) => key !== 'mode' && key !== 'frameSize'),
  ) as ScenarioFlagValues;
  const input = scenarioInputFromFlags(scenarioFlags, { commandPrefix: RFC2544_PREFIX });
  const report = { commandPrefix: RFC2544_PREFIX, flags };

  for (const frame of frames) {
    const common = resolveScenario(withFrame({ ...input, mode: 'paravirt' }, frame));
    if (!common.ok) throw usageErrorFromProblems(common.problems, report);
  }
  const specs: Rfc2544PointSpec[] = [];
  for (const mode of modes) {
    const configs: ScenarioConfig[] = [];
    for (const frame of frames) {
      const resolved = resolveScenario(
        withFrame(all ? inputForComparedMode(input, mode) : { ...input, mode }, frame),
      );
      if (!resolved.ok) {
        if (!all) throw usageErrorFromProblems(resolved.problems, report);
        io.stderr(
          `nicvirt: note: skipped ${mode}: ${resolved.problems.map((problem) => problem.message).join('; ')}\n`,
        );
        configs.length = 0;
        break;
      }
      configs.push(resolved.value);
    }
    for (const config of configs) specs.push({ config, settings });
  }
  if (specs.length === 0) {
    throw new UsageError(
      `no mode can run on this configuration. Example: ${RFC2544_PREFIX} --mode paravirt --frame-size 64`,
    );
  }
  return specs;
}

function withFrame(input: ScenarioInput, frame: FrameSpec): ScenarioInput {
  return { ...input, workload: { ...input.workload, frame } };
}

/** `paravirt 64 B: NDR 2.3% (0.342 Mpps), PDR 2.3%, back-to-back 577 frames`. */
function progressLine(point: Rfc2544Point): string {
  const burst = point.backToBack
    ? `, back-to-back ${point.backToBack.capped ? '≥ ' : ''}${formatCount(point.backToBack.frames)} frames`
    : '';
  return `${point.mode} ${frameCell(point)}: NDR ${formatFixed(point.ndr.lineRatePct, 2)}% (${formatSignificant(point.ndr.mpps, 4)} Mpps), PDR ${formatFixed(point.pdr.lineRatePct, 2)}%${burst}`;
}
