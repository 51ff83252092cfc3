import type { Command } from 'commander';
import { REPORT_FORMAT_NAMES } from '../report/reportFormats.js';
import { mergeResults } from '../sweep/mergeResults.js';
import { buildSweepResult } from './buildBenchResult.js';
import type { CliIo } from './cliIo.js';
import { addReportOptions, reportSettingsFromOptions } from './outputOptions.js';
import { readResultFile } from './resultFiles.js';
import { emitSweepResult } from './sweepOutput.js';
import { UsageError } from './usageError.js';

const EXAMPLE = 'nicvirt merge shard-1.json shard-2.json shard-3.json --output sweep.json';

const EXAMPLES = `
Runs are ordered by sweep point when every run has one, else kept in file order; a run in several
files (same configHash) is kept once. Files must share one schema version and one model version.

Examples:
  $ ${EXAMPLE}
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
    await runMerge(files, self, io);
  });
  return command;
}

async function runMerge(files: readonly string[], command: Command, io: CliIo): Promise<void> {
  const given = reportSettingsFromOptions(command, io, 'nicvirt merge a.json b.json');
  // The point of merging is a file for the next step: JSON unless --format says otherwise.
  const settings =
    command.opts()['format'] === undefined ? { ...given, format: 'json' as const, color: false } : given;
  const sources = [];
  for (const file of files) {
    sources.push({
      source: file,
      parsed: await readResultFile(file, io, {
        reader: 'nicvirt merge',
        example: EXAMPLE,
        checkVersion: false,
      }),
    });
  }
  const merged = mergeResults(sources);
  if (!merged.ok) throw new UsageError(`nicvirt merge: ${merged.reason}. Example: ${EXAMPLE}`);
  if (merged.value.runs.length === 0) {
    throw new UsageError(`nicvirt merge: the files hold no runs (${files.join(', ')}). Example: ${EXAMPLE}`);
  }
  for (const note of merged.value.notes) io.stderr(`nicvirt: note: ${note}\n`);
  const runs = merged.value.runs;
  const firstSeed = sources.find((source) => source.parsed.seed !== undefined)?.parsed.seed;
  const result = buildSweepResult(firstSeed ?? runs[0]?.scenario.seed ?? 0, runs, merged.value.sweep);
  await emitSweepResult(result, settings, io);
}
