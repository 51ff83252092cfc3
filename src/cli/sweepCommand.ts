import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import { ndjsonLine } from '../report/formatNdjson.js';
import { formatSignificant } from '../report/formatNumbers.js';
import { runTitle } from '../report/runNames.js';
import { MODEL_VERSION } from '../run/modelVersion.js';
import { RESULT_SCHEMA_VERSION } from '../run/runResult.js';
import { configHash, withConfigHash } from '../run/withConfigHash.js';
import { MODE_IDS } from '../scenario/scenarioConfig.js';
import { defaultWorkerUrl, runPoints } from '../sweep/runPoints.js';
import { inShard, parseShard, shardLabel, type Shard } from '../sweep/shard.js';
import type { SweepRun } from '../sweep/sweepResult.js';
import { buildSweepResult, resultTool } from './buildBenchResult.js';
import type { CliIo } from './cliIo.js';
import { CommandFailure } from './commandFailure.js';
import { addReportOptions, reportSettingsFromOptions } from './outputOptions.js';
import { processSignals, type SignalSource } from './processSignals.js';
import { exitCodeFor, watchStop } from './stopWatch.js';
import { readProcessStdin, type StdinReader } from './readScenarioSource.js';
import { MAX_JOBS } from './rfc2544Flags.js';
import { absolutePath } from './outputPath.js';
import { readResultFile } from './resultFiles.js';
import { addScenarioOptions, scenarioFlagsGiven } from './scenarioFlags.js';
import { emitSweepResult, openLineSink, type LineSink } from './sweepOutput.js';
import { planSweep, SWEEP_PREFIX, type SweepPoint } from './sweepPlan.js';
import { stepProgress } from './sweepProgress.js';
import { UsageError } from './usageError.js';
import { addMaxPacketsOption, guardWork, maxPacketsFromOptions, typedArgv } from './workGuard.js';
// ── reports and charts (issue 7) ──
import { addSweepChartOptions, emitSweepCharts, sweepChartSettings } from './sweepCharts.js';

const MODE_HELP = `modes to sweep, comma-separated: ${MODE_IDS.join(', ')}, or all (same as --modes)`;

const EXAMPLES = `
Lists and ranges: --vms, --frame-size, --load and --modes take comma-separated lists; numbers also
take ranges START..END[:STEP], where STEP is +N (add, default +1) or xN (multiply):
  --vms 1..64:x2 = 1,2,4,8,16,32,64    --load 10%..100%:+30% = 10%,40%,70%,100%
Points run in the order mode, VMs, frame size, load (outermost first); every other flag is the same
for all points. SR-IOV points beyond the NIC's VF limit use the software switch (as --fallback).

Output: results are identical whatever --jobs is. --format ndjson writes one line per point as it
finishes (completion order; each line's "point" is its index), so | jq sees results during the
sweep and an interrupted sweep keeps every finished point; other formats are written at the end
(--output atomically), in point order. Progress goes to stderr: a bar on a terminal, a plain line
per point otherwise or when CI is set.

Examples:
  $ nicvirt sweep --modes paravirt,vmdq,sriov --vms 1..64:x2 --format ndjson | jq .delivered.gbps
  $ nicvirt sweep --modes all --vms 1,4,16 --frame-size 64,1518 --format csv --output sweep.csv
  $ nicvirt sweep scenarios/mode-comparison.yaml --shard 2/3 --format json --output shard-2.json
  $ nicvirt sweep --modes sriov --vms 1..64:x2 --format ndjson --output r.ndjson --resume r.ndjson`;

export interface SweepDependencies {
  readonly signals: SignalSource;
  readonly readStdin: StdinReader;
  /** Compiled worker script; default: next to the compiled module (none when running from sources). */
  readonly workerUrl?: URL;
}

/** `nicvirt sweep`: the cartesian product of flag lists (or a scenario matrix), in parallel. */
export function registerSweepCommand(
  program: Command,
  io: CliIo,
  dependencies: Partial<SweepDependencies> = {},
): Command {
  const deps: SweepDependencies = {
    signals: dependencies.signals ?? processSignals,
    readStdin: dependencies.readStdin ?? readProcessStdin,
    ...(dependencies.workerUrl ? { workerUrl: dependencies.workerUrl } : {}),
  };
  const command = program
    .command('sweep')
    .description(
      'run every combination of modes, VM counts, frame sizes and loads (or a scenario matrix) in parallel',
    )
    .argument(
      '[file]',
      'scenario file whose matrix to sweep (flags given here override it; - for standard input)',
    );
  addScenarioOptions(command, { modeHelp: MODE_HELP });
  command
    .option('--modes <list>', `modes to sweep, comma-separated: ${MODE_IDS.join(', ')}, or all`)
    .option('--jobs <n>', 'points simulated at once, on worker threads (default: available cores)')
    .option('--shard <k/n>', 'run only the k-th of n deterministic parts of the sweep (for CI matrices)')
    .option(
      '--resume <file>',
      'skip points already in FILE (NDJSON or JSON result of an earlier run of this sweep)',
    );
  addReportOptions(command);
  addSweepChartOptions(command); // reports and charts (issue 7)
  addMaxPacketsOption(command); // resource guard (issue 9)
  command.addHelpText('after', EXAMPLES);
  command.action(async (file: string | undefined, _options: unknown, self: Command) => {
    await runSweep(file, self, io, deps);
  });
  return command;
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

async function runSweep(
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
