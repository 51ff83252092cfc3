// Start-up. Every command's module is imported here, before the command line is read, so a module
// imported at the top of any of them is loaded by every run of the CLI. Packages only some commands
// need are imported where they are used instead: zod and yaml (scenario and result files:
// compileScenario, parseResultText, scenarioJsonSchema, dryRunReport) and cli-progress (a progress
// bar on a terminal). That took loading the CLI from ~210 to ~90 ms (`nicvirt --version`
// 0.27 → 0.18 s); test/cli/mainStartup.process.test.ts keeps zod and yaml out of a plain bench.
// Likewise the commands other than bench and run keep their work in a module their action loads
// (runSweep, runRfc2544, runCompare, runMerge, drawReport, validateModel): their modules here only
// declare flags and help. ~20 ms less start-up (`nicvirt --version`, 10 runs, 5 alternations).
import { Command, CommanderError } from 'commander';
import { registerBenchCommand } from './benchCommand.js';
import { CommandFailure } from './commandFailure.js';
import type { CliIo } from './cliIo.js';
import { registerCostsCommand } from './costsCommand.js';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from './exitCodes.js';
import { registerHostsCommand } from './hostsCommand.js';
import { registerModesCommand } from './modesCommand.js';
import { registerNicsCommand } from './nicsCommand.js';
import { guardIo, OutputFault } from './outputFault.js';
import { processIo } from './processIo.js';
import { TOOL_NAME, toolVersion } from './toolVersion.js';
import { UsageError } from './usageError.js';
import { tuneV8ForSimulation } from './v8Tuning.js';
// ── scenario files (issue 3) ──
import { registerRunCommand } from './runCommand.js';
import { registerSchemaCommand } from './schemaCommand.js';
import { registerValidateCommand } from './validateCommand.js';
// ── calibration (issue 4) ──
import { registerValidateModelCommand } from './validateModelCommand.js';
// ── reports and charts (issue 7) ──
import { registerReportCommand } from './reportCommand.js';
// ── sweeps, CI formats, compare (issue 5) ──
import { registerCompareCommand } from './compareCommand.js';
import { registerMergeCommand } from './mergeCommand.js';
import { registerSweepCommand } from './sweepCommand.js';
// ── RFC 2544 methodology (issue 6) ──
import { registerRfc2544Command } from './rfc2544Command.js';

/**
 * The nicvirt CLI. `argv` is process.argv-shaped (`[node, script, ...args]`); returns the exit code
 * instead of exiting, so tests run the whole CLI in process with a fake CliIo.
 */
export async function main(argv: readonly string[], rawIo: CliIo = processIo()): Promise<number> {
  tuneV8ForSimulation();
  const io = guardIo(rawIo);
  const program = createProgram(io);
  try {
    await program.parseAsync([...argv], { from: 'node' });
    await flushStdout(io);
    return EXIT_OK;
  } catch (error) {
    return reportError(error, io);
  }
}

/** Wait for stdout to take everything: a write error reported late (a full disk) still counts. */
async function flushStdout(io: CliIo): Promise<void> {
  try {
    await io.flush?.();
  } catch (error) {
    throw error instanceof OutputFault ? error : new OutputFault('standard output', error);
  }
}

/** The program and its commands, in the order `nicvirt --help` lists them. */
function createProgram(io: CliIo): Command {
  const program = new Command(TOOL_NAME)
    .description(
      'Compare NIC virtualization paths (emulated, paravirt, VMQ, VMDq, SR-IOV, native) on a simulated host.',
    )
    .version(toolVersion(), '-V, --version', 'print the version')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout(text),
      writeErr: (text) => io.stderr(text),
      outputError: (text, write) => write(`${TOOL_NAME}: ${text}`),
    })
    .showSuggestionAfterError();

  registerBenchCommand(program, io);
  registerModesCommand(program, io);
  registerCostsCommand(program, io);
  registerNicsCommand(program, io);
  registerHostsCommand(program, io);
  // ── scenario files (issue 3) ──
  registerRunCommand(program, io);
  registerValidateCommand(program, io);
  registerSchemaCommand(program, io);
  // ── calibration (issue 4) ──
  registerValidateModelCommand(program, io);
  // ── reports and charts (issue 7) ──
  registerReportCommand(program, io);
  // ── sweeps, CI formats, compare (issue 5) ──
  registerSweepCommand(program, io);
  registerMergeCommand(program, io);
  registerCompareCommand(program, io);
  // ── RFC 2544 methodology (issue 6) ──
  registerRfc2544Command(program, io);

  for (const command of program.commands) {
    command.showHelpAfterError(`(run '${TOOL_NAME} ${command.name()} --help' for the flags)`);
  }
  return program;
}

/** The one place that turns errors into messages and exit codes. */
function reportError(error: unknown, io: CliIo): number {
  if (error instanceof CommanderError) {
    // Commander has already printed help, the version or its one-paragraph parse error.
    return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
  }
  if (error instanceof OutputFault) {
    // A closed pipe (`| head -1`) is the reader's choice: stop quietly. Anything else is one line.
    if (error.readerClosed) return EXIT_OK;
    io.stderr(`${TOOL_NAME}: error: ${error.message}\n`);
    return EXIT_FAILURE;
  }
  if (error instanceof CommandFailure) {
    if (error.message !== '') io.stderr(`${TOOL_NAME}: ${error.message}\n`);
    return error.exitCode;
  }
  if (error instanceof UsageError) {
    io.stderr(`${TOOL_NAME}: error: ${error.message}\n`);
    if (error.problems.length > 1) {
      for (const problem of error.problems) {
        const line = problem.message.startsWith(problem.path)
          ? problem.message
          : `${problem.path}: ${problem.message}`;
        io.stderr(`  - ${line}\n`);
      }
    }
    return EXIT_USAGE;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr(`${TOOL_NAME}: internal error: ${message}\n`);
  const debug = io.env['NICVIRT_DEBUG'];
  if (debug !== undefined && debug !== '' && error instanceof Error && error.stack !== undefined) {
    io.stderr(`${error.stack}\n`);
  } else {
    io.stderr(`(this is a bug in ${TOOL_NAME}; set NICVIRT_DEBUG=1 for a stack trace)\n`);
  }
  return EXIT_FAILURE;
}
