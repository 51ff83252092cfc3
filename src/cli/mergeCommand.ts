import type { Command } from 'commander';
import { REPORT_FORMAT_NAMES } from '../report/reportFormats.js';
import type { CliIo } from './cliIo.js';
import { addReportOptions } from './outputOptions.js';

/** A merge that works, for error messages. */
export const MERGE_EXAMPLE = 'nicvirt merge shard-1.json shard-2.json shard-3.json --output sweep.json';

const EXAMPLES = `
Runs are ordered by sweep point when every run has one, else kept in file order; a run in several
files (same configHash) is kept once. Files must share one schema version and one model version.

Examples:
  $ ${MERGE_EXAMPLE}
  $ nicvirt merge shard-*.ndjson --format markdown >> "$GITHUB_STEP_SUMMARY"`;

/** `nicvirt merge a.json b.ndjson …`: combine result files (the shards of a sweep) into one. */
export function registerMergeCommand(program: Command, io: CliIo): Command {
  const command = program
    .command('merge')
    .description('combine result files (JSON or NDJSON, e.g. the shards of a sweep) into one result')
    .argument('<files...>', 'result files written by nicvirt sweep, bench or run (--format json or ndjson)');
  addReportOptions(command, REPORT_FORMAT_NAMES, 'json'); // JSON by default: see runMerge
  command.addHelpText('after', EXAMPLES);
  command.action(async (files: string[], _options: unknown, self: Command) => {
    // Loaded on use: every command's module is loaded at start-up (main.ts).
    const { runMerge } = await import('./runMerge.js');
    await runMerge(files, self, io);
  });
  return command;
}
