import { Command } from 'commander';
import { RFC2544_FORMAT_NAMES } from '../report/rfc2544FormatNames.js';
import { MODE_IDS } from '../scenario/scenarioConfig.js';
import type { CliIo } from './cliIo.js';
import { addReportOptions } from './outputOptions.js';
import { processSignals } from './processSignals.js';
import { DEFAULT_RFC2544_FRAMES, RFC2544_DEFAULTS } from './rfc2544Flags.js';
import type { Rfc2544Dependencies } from './runRfc2544.js';
import { addScenarioOptions } from './scenarioFlags.js';

/** Scenario flags that make no sense here: the search sets the load, the trial rule the duration. */
const OMITTED_SCENARIO_FLAGS = new Set(['load', 'duration', 'warmup', 'frameSize']);

const HELP = `
Method (RFC 2544, as VSPERF, NFVbench and TRex's NDR bench run it): for each mode and frame size,
a binary search of the offered load finds NDR (the highest load with loss ≤ --ndr-loss, default 0)
and PDR (loss ≤ --pdr-loss, default 0.1%) in one pass, to --precision of line rate; the first trial
is at line rate. Latency p50/p99/p99.9/max is then measured at 10%, 50%, 90% and 100% of NDR, and
back-to-back finds the longest burst at line rate (minimum gap, from an idle host) with no loss, to
one frame, up to --burst-max.

Trial length (--trial-frames auto): max(100 / tightest non-zero loss threshold,
100 × frames the NIC rings in use hold), clamped to 10,000–10,000,000 frames, after a warm-up of
10% of the trial time at the same load, at most 60 s simulated. So a PDR-level loss shows as ≥ 100
lost frames, and an overload of more than 1% of the load cannot hide in the rings. Loss is counted
after the host drains: frames offered in the trial and never delivered. Latency trials below NDR
use only the first term.

Each search is sequential. With --jobs N, the trials of several searches (modes, frame sizes, and
each back-to-back search beside its throughput search) run together on N worker threads of the
sweep's pool, a batch at a time; each batch starts fresh workers, so this pays with idle cores and
long trials, and the default is 1 (in process). Results are identical whatever --jobs is. Progress
goes to stderr: a bar on a terminal, a plain line per finished search otherwise or when CI is set.

Examples:
  $ nicvirt rfc2544 --mode all --vms 32
  $ nicvirt rfc2544 --mode paravirt,sriov --frame-size 64,1518 --format markdown
  $ nicvirt rfc2544 --mode vmdq --nic 82598 --host xeon-2008 --vms 4 --pdr-loss 0.01%
  $ nicvirt rfc2544 --frame-size 64 --trial-frames 100000 --precision 1% --format csv --output ndr.csv`;

/** `nicvirt rfc2544`: NDR/PDR, latency at load and back-to-back for each mode and frame size. */
export function registerRfc2544Command(
  program: Command,
  io: CliIo,
  dependencies: Partial<Rfc2544Dependencies> = {},
): Command {
  const deps: Rfc2544Dependencies = {
    signals: dependencies.signals ?? processSignals,
    ...(dependencies.workerUrl ? { workerUrl: dependencies.workerUrl } : {}),
  };
  const command = program
    .command('rfc2544')
    .description(
      'RFC 2544 throughput (NDR and PDR by binary search), latency at load and back-to-back bursts for each mode and frame size',
    );
  const template = new Command();
  addScenarioOptions(template, {
    modeHelp: `modes to test: all (the default), or one or more of ${MODE_IDS.join(', ')} separated by commas. With all, SR-IOV VMs beyond the VF limit use the software switch (as --fallback) and modes the NIC cannot run are skipped with a note`,
  });
  for (const option of template.options) {
    if (!OMITTED_SCENARIO_FLAGS.has(option.attributeName())) command.addOption(option);
  }
  command
    .option(
      '--frame-size <list>',
      `frame sizes in bytes or imix, comma-separated, or one mix such as 64:7,1518:1 (default ${DEFAULT_RFC2544_FRAMES})`,
    )
    .option(
      '--ndr-loss <percent>',
      `loss allowed at NDR, percent (default ${RFC2544_DEFAULTS.ndrLossPct}: no loss)`,
    )
    .option('--pdr-loss <percent>', `loss allowed at PDR, percent (default ${RFC2544_DEFAULTS.pdrLossPct}%)`)
    .option(
      '--precision <percent>',
      `search precision, percent of line rate (default ${RFC2544_DEFAULTS.precisionPct}%)`,
    )
    .option(
      '--max-trials <n>',
      `trials per search, NDR and PDR together (default ${RFC2544_DEFAULTS.maxTrials})`,
    )
    .option('--trial-frames <n|auto>', 'frames per trial, or auto for the rule below (default auto)')
    .option(
      '--burst-max <frames>',
      `longest back-to-back burst tried (default ${RFC2544_DEFAULTS.burstMaxFrames})`,
    )
    .option('--no-back-to-back', 'skip the back-to-back burst search')
    .option('--no-latency', 'skip the latency trials at 10%, 50% and 90% of NDR')
    .option('--jobs <n>', 'trials simulated at once, on worker threads (default 1: in process)');
  addReportOptions(command, RFC2544_FORMAT_NAMES);
  command.addHelpText('after', HELP);
  command.action(async (_options: unknown, self: Command) => {
    // The searches, their workers and the report formats load only when the command runs: every
    // command's module is loaded at start-up (main.ts).
    const { runRfc2544 } = await import('./runRfc2544.js');
    await runRfc2544(self, io, deps);
  });
  return command;
}
