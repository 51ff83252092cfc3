import type { Command } from 'commander';
import { MODE_IDS } from '../scenario/scenarioConfig.js';
import type { CliIo } from './cliIo.js';
import { addReportOptions } from './outputOptions.js';
import { processSignals } from './processSignals.js';
import { readProcessStdin } from './readScenarioSource.js';
import type { SweepDependencies } from './runSweep.js';
import { addScenarioOptions } from './scenarioFlags.js';
import { addMaxPacketsOption } from './workGuard.js';
// ── reports and charts (issue 7) ──
import { addSweepChartOptions } from './sweepChartOptions.js';

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
    // The sweep's machinery (workers, plans, charts, result files) loads only when a sweep runs:
    // every command's module is loaded at start-up (main.ts).
    const { runSweep } = await import('./runSweep.js');
    await runSweep(file, self, io, deps);
  });
  return command;
}
