import type { Command } from 'commander';
import { formatSignificant } from '../report/formatNumbers.js';
import { wallSeconds } from '../run/estimateWork.js';
import type { RunResult } from '../run/runResult.js';
import type { ScenarioConfig } from '../scenario/scenarioConfig.js';
import type { CliIo } from './cliIo.js';
import { CommandFailure } from './commandFailure.js';
import { LONG_RUN_SECONDS, runInterruptibly } from './interruptibleRuns.js';
import { exitCodeFor } from './stopWatch.js';
import type { SignalSource } from './processSignals.js';
import { inCi } from './sweepProgress.js';
import { guardWork, maxPacketsFromOptions, typedArgv } from './workGuard.js';

/** What bench and run take from outside, injectable so tests can interrupt them in process. */
export interface RunDependencies {
  readonly signals: SignalSource;
}

export interface LabelledRun {
  /** `sriov`, or a scenario run's label: names the run in progress and interruption messages. */
  readonly label: string;
  readonly config: ScenarioConfig;
}

export interface SimulateRunsSettings {
  /** The command, for `--max-packets` and the typed arguments. */
  readonly command: Command;
  /** `bench`, `run`. */
  readonly commandName: string;
  readonly commandPrefix: string;
  readonly io: CliIo;
  readonly signals: SignalSource;
  /** Where the report goes: a path, or undefined for standard output. */
  readonly outputPath?: string;
  /** Write the report of the runs that finished; called when a signal stops the runs after some. */
  readonly emitPartial: (runs: readonly RunResult[]) => Promise<void>;
  /** Checks the command makes after the runs (e.g. `--assert`), named when a signal skips them. */
  readonly skippedChecks?: string;
}

/**
 * The runs of bench and run: refused up front when over `--max-packets` (src/cli/workGuard.ts),
 * progress on stderr (a status line on a terminal, a plain line per run when CI is set), and a
 * clean stop on SIGINT/SIGTERM — the runs that finished are reported as usual (the file written
 * atomically), stderr lists what finished and what did not, and the exit code is 130/143.
 */
export async function simulateRuns(
  runs: readonly LabelledRun[],
  settings: SimulateRunsSettings,
): Promise<RunResult[]> {
  const { io } = settings;
  const configs = runs.map((run) => run.config);
  const estimate = guardWork(configs, {
    maxPackets: maxPacketsFromOptions(settings.command, settings.commandPrefix),
    argv: typedArgv(settings.command),
    commandName: settings.commandName,
  });

  const total = runs.length;
  const estimatedSeconds = wallSeconds(estimate);
  // On a terminal, a status line for several runs or a long one (a short one would only flash).
  const statusLine = io.stderrIsTty && !inCi(io) && (total > 1 || estimatedSeconds >= LONG_RUN_SECONDS);
  const plainLines = inCi(io) && total > 1;
  let shownPercent = -1;
  const announce = (index: number, fraction = 0): void => {
    const run = runs[index];
    if (!statusLine || !run) return;
    const percent = Math.floor(fraction * 100);
    if (fraction > 0 && percent === shownPercent) return;
    shownPercent = percent;
    const done = fraction > 0 ? ` ${percent}%` : '';
    io.stderr(`\rsimulating ${run.label} (${index + 1}/${total})…${done}\u001b[K`);
  };
  announce(0);
  const outcome = await runInterruptibly(configs, {
    signals: settings.signals,
    estimatedSeconds,
    onRunProgress: (index, fraction) => announce(index, fraction),
    onRunDone: (index, result) => {
      if (plainLines) {
        io.stderr(
          `nicvirt: [${index + 1}/${total}] ${runs[index]?.label ?? ''}: ${formatSignificant(result.delivered.gbps)} Gbit/s, p99 ${formatSignificant(result.latencyUs.p99)} µs\n`,
        );
      }
      announce(index + 1);
    },
  });
  if (statusLine) io.stderr('\r\u001b[K');

  const finished = outcome.results.flatMap((result) => (result ? [result] : []));
  if (outcome.stoppedBy === undefined) return finished;

  const signal = outcome.stoppedBy;
  const labels = (done: boolean): string =>
    runs
      .filter((_, index) => (outcome.results[index] !== undefined) === done)
      .map((run) => run.label)
      .join(', ');
  let message: string;
  if (finished.length === 0) {
    message = `interrupted by ${signal} before any run finished; nothing was written`;
  } else {
    await settings.emitPartial(finished);
    const where = settings.outputPath ?? 'standard output';
    message = `interrupted by ${signal}: ${finished.length} of ${total} runs finished (${labels(true)}) and are in ${where}; not finished: ${labels(false)}`;
  }
  if (settings.skippedChecks !== undefined) message += `; ${settings.skippedChecks} not checked`;
  throw new CommandFailure(message, exitCodeFor(signal));
}
