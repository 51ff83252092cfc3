import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import { ndjsonLine } from '../report/formatNdjson.js';
import { formatSignificant } from '../report/formatNumbers.js';
import { runTitle } from '../report/runNames.js';
import { MODEL_VERSION } from '../run/modelVersion.js';
import { RESULT_SCHEMA_VERSION } from '../run/runResult.js';
import { configHash, withConfigHash } from '../run/withConfigHash.js';
import { defaultWorkerUrl, runPoints } from '../sweep/runPoints.js';
import { inShard, parseShard, shardLabel, type Shard } from '../sweep/shard.js';
import type { SweepRun } from '../sweep/sweepResult.js';
import { buildSweepResult, resultTool } from './buildBenchResult.js';
import type { CliIo } from './cliIo.js';
import { CommandFailure } from './commandFailure.js';
import { reportSettingsFromOptions } from './outputOptions.js';
import type { SignalSource } from './processSignals.js';
import { exitCodeFor, watchStop } from './stopWatch.js';
import type { StdinReader } from './readScenarioSource.js';
import { MAX_JOBS } from './rfc2544Flags.js';
import { absolutePath } from './outputPath.js';
import { readResultFile } from './resultFiles.js';
import { scenarioFlagsGiven } from './scenarioFlags.js';
import { emitSweepResult, openLineSink, type LineSink } from './sweepOutput.js';
import { planSweep, SWEEP_PREFIX, type SweepPoint } from './sweepPlan.js';
import { stepProgress } from './sweepProgress.js';
import { UsageError } from './usageError.js';
import { guardWork, maxPacketsFromOptions, typedArgv } from './workGuard.js';
// ── reports and charts (issue 7) ──
import { emitSweepCharts, sweepChartSettings } from './sweepCharts.js';

export interface SweepDependencies {
  readonly signals: SignalSource;
  readonly readStdin: StdinReader;
  /** Compiled worker script; default: next to the compiled module (none when running from sources). */
  readonly workerUrl?: URL;
}

interface SweepOptions {
  readonly modes?: string;
  readonly jobs?: string;
  readonly shard?: string;
  readonly resume?: string;
}

function parseJobs(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const text = raw.trim();
  const jobs = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!(jobs >= 1 && jobs <= MAX_JOBS)) {
    throw new UsageError(
      `--jobs expects a whole number of parallel points from 1 to ${MAX_JOBS} (got "${raw}"); the default is the number of available cores (${availableParallelism()}). Example: ${SWEEP_PREFIX} --modes paravirt,sriov --vms 1,4,16 --jobs 2`,
    );
  }
  return jobs;
}

function parseShardFlag(raw: string): Shard {
  const parsed = parseShard(raw);
  if (!parsed.ok) {
    throw new UsageError(
      `--shard expects k/n with whole numbers 1 ≤ k ≤ n, the k-th of n parts of the sweep: ${parsed.reason}. Example: ${SWEEP_PREFIX} --modes paravirt,sriov --vms 1..64:x2 --shard 1/3`,
    );
  }
  return parsed.shard;
}

/** `0-4, 7, 9-10` */
function pointRanges(points: readonly number[]): string {
  const sorted = [...points].sort((a, b) => a - b);
  const parts: string[] = [];
  let start = sorted[0];
  let previous = start;
  for (const point of [...sorted.slice(1), Number.NaN]) {
    if (start === undefined || previous === undefined) break;
    if (point === previous + 1) {
      previous = point;
      continue;
    }
    parts.push(start === previous ? String(start) : `${start}-${previous}`);
    start = point;
    previous = point;
  }
  return parts.join(', ');
}

async function resumedRuns(
  resume: string | undefined,
  selected: readonly SweepPoint[],
  io: CliIo,
): Promise<Map<number, SweepRun>> {
  const resumed = new Map<number, SweepRun>();
  if (resume === undefined) return resumed;
  const example = `${SWEEP_PREFIX} --vms 1..64:x2 --format ndjson --output results.ndjson --resume results.ndjson`;
  const parsed = await readResultFile(resume, io, { reader: '--resume', example, missingOk: true });
  const stale = parsed.runs.find((run) => run.modelVersion !== MODEL_VERSION);
  if (stale) {
    throw new UsageError(
      `--resume: ${resume} holds results of model version ${stale.modelVersion}, but this nicvirt is model version ${MODEL_VERSION}; their numbers would not match. Start a new file (or delete ${resume}). Example: ${example}`,
    );
  }
  const byHash = new Map(parsed.runs.map((run) => [run.configHash, run] as const));
  for (const point of selected) {
    const run = byHash.get(configHash(point.config));
    if (run) resumed.set(point.point, { ...run, point: point.point });
  }
  return resumed;
}

/**
 * `nicvirt sweep`, once its flags are parsed: plan the points (or read the scenario matrix), run
 * them on `--jobs` workers, and write the results as they come (NDJSON) or at the end. Loaded only
 * when a sweep runs (see sweepCommand.ts).
 */
export async function runSweep(
  file: string | undefined,
  command: Command,
  io: CliIo,
  deps: SweepDependencies,
): Promise<void> {
  const flags = scenarioFlagsGiven(command);
  const options = command.opts<SweepOptions>();
  const settings = reportSettingsFromOptions(command, io, SWEEP_PREFIX);
  const chartSettings = sweepChartSettings(command, settings, io, SWEEP_PREFIX); // issue 7
  const jobsFlag = parseJobs(options.jobs);
  const jobs = jobsFlag ?? availableParallelism();
  const shard = options.shard === undefined ? undefined : parseShardFlag(options.shard);
  if (options.modes !== undefined && flags.mode !== undefined) {
    throw new UsageError(
      `--mode and --modes name the same list; give one. Example: ${SWEEP_PREFIX} --modes paravirt,sriov --vms 1,4,16`,
    );
  }
  const modes = options.modes ?? flags.mode;

  const points = await planSweep(
    flags,
    {
      ...(modes === undefined ? {} : { modes }),
      ...(flags.vms === undefined ? {} : { vms: flags.vms }),
      ...(flags.frameSize === undefined ? {} : { frameSize: flags.frameSize }),
      ...(flags.load === undefined ? {} : { load: flags.load }),
    },
    { ...(file === undefined ? {} : { file }), io, readStdin: deps.readStdin },
  );
  const selected = shard ? points.filter((point) => inShard(point.point, shard)) : points;
  if (shard && selected.length === 0) {
    throw new UsageError(
      `--shard ${shardLabel(shard)} selects no points: the sweep has only ${points.length}; use at most ${points.length} shards. Example: ${SWEEP_PREFIX} … --shard 1/${Math.max(1, points.length)}`,
    );
  }

  const resumed = await resumedRuns(options.resume, selected, io);
  const toRun = selected.filter((point) => !resumed.has(point.point));
  if (options.resume !== undefined) {
    io.stderr(
      `nicvirt: resuming: ${resumed.size} of ${selected.length} points already in ${options.resume}, ${toRun.length} to run\n`,
    );
  }
  // Refused before anything runs when the points to run exceed --max-packets (issue 9).
  guardWork(
    toRun.map((point) => point.config),
    {
      maxPackets: maxPacketsFromOptions(command, SWEEP_PREFIX),
      argv: typedArgv(command),
      commandName: 'sweep',
      unit: 'point',
      parallel: jobs,
    },
  );
  const workerUrl = deps.workerUrl ?? defaultWorkerUrl();
  if (jobsFlag !== undefined && jobsFlag > 1 && workerUrl === undefined) {
    io.stderr(
      'nicvirt: note: no compiled worker next to this module (running from sources?); points run one at a time\n',
    );
  }

  const tool = resultTool();
  const ndjson = settings.format === 'ndjson';
  const resumePath = options.resume === undefined ? undefined : absolutePath(options.resume, io);
  const appending = ndjson && settings.outputPath !== undefined && settings.outputPath === resumePath;
  const sink: LineSink | undefined = ndjson ? openLineSink(io, settings.outputPath, appending) : undefined;
  const finished = new Map<number, SweepRun>(resumed);
  if (sink && !appending) {
    for (const point of selected) {
      const run = resumed.get(point.point);
      if (run) sink.write(ndjsonLine(run, point.point, RESULT_SCHEMA_VERSION, tool));
    }
  }

  const stop = watchStop(deps.signals);
  const progress = stepProgress(io, toRun.length, 'sweep', 'points');
  let complete: boolean;
  try {
    const outcome = await runPoints(
      toRun.map((point) => ({ point: point.point, config: point.config })),
      {
        jobs,
        signal: stop.signal,
        // --jobs 1 runs in process, in slices: Ctrl-C stops a long point within one (issue 9).
        ...(workerUrl ? { workerUrl } : {}),
        onResult: (point, result) => {
          const run: SweepRun = { ...withConfigHash(result), point };
          finished.set(point, run);
          sink?.write(ndjsonLine(run, point, RESULT_SCHEMA_VERSION, tool));
          progress.stepDone(
            `point ${point}: ${runTitle(run)}: ${formatSignificant(run.delivered.gbps)} Gbit/s, p99 ${formatSignificant(run.latencyUs.p99)} µs`,
          );
        },
      },
    );
    complete = outcome.complete;
  } finally {
    progress.stop();
    stop.remove();
    sink?.close();
  }

  const runs = selected.flatMap((point) => {
    const run = finished.get(point.point);
    return run ? [run] : [];
  });
  const result = buildSweepResult(selected[0]?.config.seed ?? 0, runs, {
    points: points.length,
    ...(shard ? { shard: shardLabel(shard) } : {}),
  });
  if (!ndjson) await emitSweepResult(result, settings, io);
  await emitSweepCharts(result, chartSettings, io); // --chart, --report (issue 7)

  if (!complete) {
    const signal = stop.stoppedBy ?? 'SIGINT';
    const where = settings.outputPath ?? 'standard output';
    const newly = runs.filter((run) => !resumed.has(run.point ?? -1)).map((run) => run.point ?? -1);
    const finishedText =
      newly.length === 0 ? 'none' : `point${newly.length === 1 ? '' : 's'} ${pointRanges(newly)}`;
    const resumeHint =
      settings.outputPath !== undefined && (settings.format === 'ndjson' || settings.format === 'json')
        ? `; run the same command with --resume ${options.resume ?? settings.outputPath} to finish the rest`
        : '';
    throw new CommandFailure(
      `interrupted by ${signal}: ${runs.length} of ${selected.length} points finished (this run: ${finishedText}) and are in ${where}${resumeHint}`,
      exitCodeFor(signal),
    );
  }
}
