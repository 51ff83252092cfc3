import type { Command } from 'commander';
import type { RunResult } from '../run/runResult.js';
import { buildBenchResult } from './buildBenchResult.js';
import type { CliIo } from './cliIo.js';
import { addReportOptions, emitReport, reportSettingsFromOptions, writeOutput } from './outputOptions.js';
import { readProcessStdin, readScenarioSource, type StdinReader } from './readScenarioSource.js';
import { addScenarioOptions, scenarioFlagsGiven, scenarioInputFromFlags } from './scenarioFlags.js';
import { scenarioUsageError } from './scenarioUsageError.js';
import { processSignals } from './processSignals.js';
import { simulateRuns, type RunDependencies } from './simulateRuns.js';
import { addMaxPacketsOption } from './workGuard.js';

const EXAMPLES = `
Precedence: built-in defaults < scenario file < flags given here.

Examples:
  $ nicvirt run scenarios/mode-comparison.yaml
  $ nicvirt run scenarios/sriov.yaml --vms 64 --fallback
  $ nicvirt run scenarios/vf-exhaustion.yaml --dry-run
  $ cat my-scenario.json | nicvirt run - --format json`;

/** `nicvirt run FILE`: run a scenario file (every point of its matrix) and report like bench. */
export function registerRunCommand(
  program: Command,
  io: CliIo,
  readStdin: StdinReader = readProcessStdin,
  dependencies: Partial<RunDependencies> = {},
): Command {
  const deps: RunDependencies = { signals: processSignals, ...dependencies };
  const command = program
    .command('run')
    .description('run a scenario file (YAML or JSON; - for standard input); flags override the file')
    .argument('<file>', 'scenario file (.yaml, .yml or .json), or - to read standard input');
  addScenarioOptions(command);
  command.option(
    '--dry-run',
    'print the effective configuration and feasibility report of every run, run nothing',
  );
  addReportOptions(command);
  addMaxPacketsOption(command);
  command.addHelpText('after', EXAMPLES);
  command.action(async (file: string, _options: unknown, self: Command) => {
    await runFile(file, self, io, readStdin, deps);
  });
  return command;
}

async function runFile(
  file: string,
  command: Command,
  io: CliIo,
  readStdin: StdinReader,
  deps: RunDependencies,
): Promise<void> {
  const commandPrefix = `nicvirt run ${file}`;
  const flags = scenarioFlagsGiven(command);
  const settings = reportSettingsFromOptions(command, io, commandPrefix);
  const overrides = scenarioInputFromFlags(flags, { commandPrefix });
  const source = await readScenarioSource(file, io, readStdin);
  if (!source.ok) throw scenarioUsageError(source.problems, { commandPrefix, flags }, file);
  // zod and yaml, and the dry-run report, are loaded on use, not at start-up (see main.ts).
  const { compileScenario } = await import('../scenario/compileScenario.js');
  const compiled = compileScenario(source.value.text, { source: source.value.source, overrides });
  if (!compiled.ok)
    throw scenarioUsageError(compiled.problems, { commandPrefix, flags }, source.value.source);

  const dryRun: unknown = command.opts()['dryRun'];
  if (dryRun === true) {
    const { formatDryRunJson, formatDryRunText } = await import('./dryRunReport.js');
    const text =
      settings.format === 'json' ? formatDryRunJson(compiled.value) : formatDryRunText(compiled.value);
    await writeOutput(text, io, { outputPath: settings.outputPath });
    return;
  }
  const seed = compiled.value.runs[0]?.config.seed ?? 0;
  const report = (runs: readonly RunResult[]): Promise<void> =>
    emitReport(buildBenchResult(seed, runs), settings, io);
  // Guarded by --max-packets, interruptible (Ctrl-C keeps the runs that finished): simulateRuns.ts.
  const runs = await simulateRuns(compiled.value.runs, {
    command,
    commandName: 'run',
    commandPrefix,
    io,
    ...deps,
    ...(settings.outputPath === undefined ? {} : { outputPath: settings.outputPath }),
    emitPartial: report,
  });
  await report(runs);
}
