import type { Command } from 'commander';
import { COMPARE_FORMATS } from '../compare/formatComparison.js';
import type { CliIo } from './cliIo.js';
import { addFormatOptions } from './outputOptions.js';
import { collectRepeated } from './repeatableOption.js';

/** A comparison that works, for error messages. */
export const COMPARE_EXAMPLE =
  'nicvirt compare base.json new.json --fail-on "delivered.gbps<-2%,latencyUs.p99>+10%,cpu.hostCores>+5%"';

const EXAMPLES = `
Runs are matched by configHash (a hash of the effective configuration). Results of different
configurations or model versions are refused unless --allow-mismatch, which pairs the rest by mode,
VMs, frame size, load and direction. Each --fail-on gate is PATH OP CHANGE: OP < <= > >=, CHANGE a
signed number, with % for a change relative to base (delivered.gbps<-2% fails when throughput drops
more than 2%), without % in the field's own unit (dropRatio>0.001). Exit 1 on any regression.

Examples:
  $ ${COMPARE_EXAMPLE}
  $ nicvirt compare base.json new.json --format markdown >> "$GITHUB_STEP_SUMMARY"`;

/** `nicvirt compare base new`: per matching run, side by side with % change, gated by --fail-on. */
export function registerCompareCommand(program: Command, io: CliIo): Command {
  const command = program
    .command('compare')
    .description('compare two result files run by run (% change); exit 1 when a --fail-on gate trips')
    .argument('<base>', 'baseline result file (JSON or NDJSON), e.g. from the base branch')
    .argument('<new>', 'result file to check against the baseline')
    .option(
      '--fail-on <gates>',
      'comma-separated gates PATH OP CHANGE, e.g. "delivered.gbps<-2%,latencyUs.p99>+10%" (repeatable)',
      collectRepeated,
    )
    .option('--allow-mismatch', 'compare even when configurations or model versions differ');
  addFormatOptions(command, COMPARE_FORMATS);
  command.option('--output <file>', 'write the comparison to FILE (atomically) instead of stdout');
  command.addHelpText('after', EXAMPLES);
  command.action(async (base: string, next: string, _options: unknown, self: Command) => {
    // Loaded on use: every command's module is loaded at start-up (main.ts).
    const { runCompare } = await import('./runCompare.js');
    await runCompare(base, next, self, io);
  });
  return command;
}
