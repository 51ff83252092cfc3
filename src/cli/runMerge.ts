import type { Command } from 'commander';
import { mergeResults } from '../sweep/mergeResults.js';
import { buildSweepResult } from './buildBenchResult.js';
import type { CliIo } from './cliIo.js';
import { reportSettingsFromOptions } from './outputOptions.js';
import { readResultFile } from './resultFiles.js';
import { emitSweepResult } from './sweepOutput.js';
import { MERGE_EXAMPLE } from './mergeCommand.js';
import { UsageError } from './usageError.js';

/**
 * `nicvirt merge`, once its arguments are parsed: read the files, merge their runs, write one
 * result. Loaded only when the command runs (see mergeCommand.ts).
 */
export async function runMerge(files: readonly string[], command: Command, io: CliIo): Promise<void> {
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
        example: MERGE_EXAMPLE,
        checkVersion: false,
      }),
    });
  }
  const merged = mergeResults(sources);
  if (!merged.ok) throw new UsageError(`nicvirt merge: ${merged.reason}. Example: ${MERGE_EXAMPLE}`);
  if (merged.value.runs.length === 0) {
    throw new UsageError(
      `nicvirt merge: the files hold no runs (${files.join(', ')}). Example: ${MERGE_EXAMPLE}`,
    );
  }
  for (const note of merged.value.notes) io.stderr(`nicvirt: note: ${note}\n`);
  const runs = merged.value.runs;
  const firstSeed = sources.find((source) => source.parsed.seed !== undefined)?.parsed.seed;
  const result = buildSweepResult(firstSeed ?? runs[0]?.scenario.seed ?? 0, runs, merged.value.sweep);
  await emitSweepResult(result, settings, io);
}
