import type { Command } from 'commander';
import type { RunResult } from '../run/runResult.js';
import { runScenario } from '../run/runScenario.js';
import { compileScenario, type CompiledScenario } from '../scenario/compileScenario.js';
import { buildBenchResult } from './buildBenchResult.js';
import type { CliIo } from './cliIo.js';
import { formatDryRunJson, formatDryRunText } from './dryRunReport.js';
import { addReportOptions, emitReport, reportSettingsFromOptions } from './outputOptions.js';
import { readProcessStdin, readScenarioSource, type StdinReader } from './readScenarioSource.js';
import { addScenarioOptions, scenarioFlagsGiven, scenarioInputFromFlags } from './scenarioFlags.js';
import { scenarioUsageError } from './scenarioUsageError.js';
import { UsageError } from './usageError.js';
import { writeFileAtomic } from './writeFileAtomic.js';

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
): Command {
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
  command.addHelpText('after', EXAMPLES);
  command.action(async (file: string, _options: unknown, self: Command) => {
    await runFile(file, self, io, readStdin);
  });
  return command;
}

async function runFile(file: string, command: Command, io: CliIo, readStdin: StdinReader): Promise<void> {
  const commandPrefix = `nicvirt run ${file}`;
  const flags = scenarioFlagsGiven(command);
  const settings = reportSettingsFromOptions(command, io, commandPrefix);
  const overrides = scenarioInputFromFlags(flags, { commandPrefix });
  const source = await readScenarioSource(file, io, readStdin);
  if (!source.ok) throw scenarioUsageError(source.problems, { commandPrefix, flags }, file);
  const compiled = compileScenario(source.value.text, { source: source.value.source, overrides });
  if (!compiled.ok)
    throw scenarioUsageError(compiled.problems, { commandPrefix, flags }, source.value.source);

  const dryRun: unknown = command.opts()['dryRun'];
  if (dryRun === true) {
    const text =
      settings.format === 'json' ? formatDryRunJson(compiled.value) : formatDryRunText(compiled.value);
    if (settings.outputPath === undefined) {
      io.stdout(text);
      return;
    }
    try {
      await writeFileAtomic(settings.outputPath, text);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new UsageError(`--output: cannot write ${settings.outputPath}: ${reason}`);
    }
    return;
  }
  const runs = runAll(compiled.value, io);
  const seed = compiled.value.runs[0]?.config.seed ?? 0;
  await emitReport(buildBenchResult(seed, runs), settings, io);
}

function runAll(scenario: CompiledScenario, io: CliIo): RunResult[] {
  const total = scenario.runs.length;
  const results: RunResult[] = [];
  for (const [index, run] of scenario.runs.entries()) {
    if (io.stderrIsTty && total > 1) io.stderr(`\rsimulating ${run.label} (${index + 1}/${total})…\u001b[K`);
    results.push(runScenario(run.config));
  }
  if (io.stderrIsTty && total > 1) io.stderr('\r\u001b[K');
  return results;
}
