import type { Command } from 'commander';
import { DEFAULT_REFERENCE_MODE } from '../report/comparisonReport.js';
import type { RunResult } from '../run/runResult.js';
import { resolveScenario } from '../scenario/resolveScenario.js';
import { MODE_IDS, type ModeId, type ScenarioConfig } from '../scenario/scenarioConfig.js';
import { buildBenchResult } from './buildBenchResult.js';
import type { CliIo } from './cliIo.js';
import { addReportOptions, emitReport, reportSettingsFromOptions } from './outputOptions.js';
import { addAssertOption, assertionsFromOptions, checkAssertions } from './assertFlag.js';
import {
  addScenarioOptions,
  parseMode,
  scenarioFlagsGiven,
  scenarioInputFromFlags,
  usageErrorFromProblems,
  type ScenarioFlagValues,
} from './scenarioFlags.js';
import { processSignals } from './processSignals.js';
import { simulateRuns, type RunDependencies } from './simulateRuns.js';
import { UsageError } from './usageError.js';
import { inputForComparedMode } from './comparisonInput.js';
import { addMaxPacketsOption } from './workGuard.js';

const COMMAND_PREFIX = 'nicvirt bench';
const MODE_LIST = MODE_IDS.join(', ');

const MODE_HELP = `data path: ${MODE_LIST}, or all to run every mode on the same workload (default sriov). With all, SR-IOV VMs beyond the NIC's VF limit go on the software switch automatically (as --fallback), and modes the NIC cannot run at all (SR-IOV without VFs, VMDq/VMQ without pools) are skipped with a note on stderr`;

const EXAMPLES = `
Examples:
  $ nicvirt bench --mode sriov --vms 32
  $ nicvirt bench --mode all --frame-size 64
  $ nicvirt bench --mode paravirt --nic 82598 --host xeon-2008 --vms 4
  $ nicvirt bench --mode all --reference native --format json --output result.json
  $ nicvirt bench --mode all --assert "sriov.delivered.gbps >= 2 * paravirt.delivered.gbps"`;

/** `nicvirt bench`: simulate one mode, or all of them side by side, and report. */
export function registerBenchCommand(
  program: Command,
  io: CliIo,
  dependencies: Partial<RunDependencies> = {},
): Command {
  const deps: RunDependencies = { signals: processSignals, ...dependencies };
  const command = program
    .command('bench')
    .description(
      'simulate a NIC virtualization path on a simulated host and report throughput, latency and CPU',
    );
  addScenarioOptions(command, { modeHelp: MODE_HELP });
  command.option(
    '--reference <mode>',
    `with --mode all: the mode the ratio column compares against (default ${DEFAULT_REFERENCE_MODE})`,
  );
  addReportOptions(command);
  addAssertOption(command);
  addMaxPacketsOption(command);
  command.addHelpText('after', EXAMPLES);
  command.action(async (_options: unknown, self: Command) => {
    await runBench(self, io, deps);
  });
  return command;
}

interface PlannedRun {
  readonly mode: ModeId;
  readonly config: ScenarioConfig;
}

async function runBench(command: Command, io: CliIo, deps: RunDependencies): Promise<void> {
  const flags = scenarioFlagsGiven(command);
  const settings = reportSettingsFromOptions(command, io, COMMAND_PREFIX);
  const referenceFlag: unknown = command.opts()['reference'];
  const reference = referenceFlag === undefined ? undefined : parseReference(String(referenceFlag));
  const allModes = flags.mode !== undefined && parseMode(flags.mode) === 'all';
  const assertions = assertionsFromOptions(command);

  const plan = allModes ? planAllModes(flags, io, reference) : [planOneMode(flags)];
  const seed = plan[0]?.config.seed ?? 0;
  const report = (runs: readonly RunResult[]): Promise<void> =>
    emitReport(buildBenchResult(seed, runs), settings, io, reference ?? DEFAULT_REFERENCE_MODE);
  // Guarded by --max-packets, interruptible (Ctrl-C keeps the modes that finished): simulateRuns.ts.
  const runs = await simulateRuns(
    plan.map(({ mode, config }) => ({ label: mode, config })),
    {
      command,
      commandName: 'bench',
      commandPrefix: COMMAND_PREFIX,
      io,
      ...deps,
      ...(settings.outputPath === undefined ? {} : { outputPath: settings.outputPath }),
      emitPartial: report,
      ...(assertions.length > 0 ? { skippedChecks: '--assert' } : {}),
    },
  );
  await report(runs);
  checkAssertions(assertions, runs, io);
}

function planOneMode(flags: ScenarioFlagValues): PlannedRun {
  const input = scenarioInputFromFlags(flags, { commandPrefix: COMMAND_PREFIX });
  const resolved = resolveScenario(input);
  if (!resolved.ok) throw usageErrorFromProblems(resolved.problems, { commandPrefix: COMMAND_PREFIX, flags });
  return { mode: resolved.value.mode, config: resolved.value };
}

/**
 * Every mode on the same workload. Problems common to all modes are errors (checked once, on the
 * paravirt path, which has no NIC prerequisites); a mode the NIC cannot run is skipped with a note.
 */
function planAllModes(flags: ScenarioFlagValues, io: CliIo, reference: ModeId | undefined): PlannedRun[] {
  const otherFlags = Object.fromEntries(
    Object.entries(flags).filter(([key]) => key !== 'mode'),
  ) as ScenarioFlagValues;
  const input = scenarioInputFromFlags(otherFlags, { commandPrefix: COMMAND_PREFIX });
  const common = resolveScenario({ ...input, mode: 'paravirt' });
  if (!common.ok) throw usageErrorFromProblems(common.problems, { commandPrefix: COMMAND_PREFIX, flags });

  const plan: PlannedRun[] = [];
  for (const mode of MODE_IDS) {
    const resolved = resolveScenario(inputForComparedMode(input, mode));
    if (resolved.ok) {
      plan.push({ mode, config: resolved.value });
      continue;
    }
    const reasons = resolved.problems.map((problem) => problem.message).join('; ');
    if (mode === reference) {
      throw new UsageError(
        `--reference ${mode}: that mode cannot run on this configuration (${reasons}). Example: ${COMMAND_PREFIX} --mode all --reference ${DEFAULT_REFERENCE_MODE}`,
      );
    }
    io.stderr(`nicvirt: note: skipped ${mode}: ${reasons}\n`);
  }
  return plan;
}

function parseReference(raw: string): ModeId {
  const mode = parseMode(raw);
  if (mode === undefined || mode === 'all') {
    throw new UsageError(
      `--reference expects one of ${MODE_LIST} (got "${raw}"). Example: ${COMMAND_PREFIX} --mode all --reference ${DEFAULT_REFERENCE_MODE}`,
    );
  }
  return mode;
}
