import type { Command } from 'commander';
import { compareRuns, matchRuns, type Comparison } from '../compare/compareRuns.js';
import { parseFailOn, type Threshold } from '../compare/failOn.js';
import { COMPARE_FORMATS, formatComparison, formatPercentChange } from '../compare/formatComparison.js';
import { runTitle } from '../report/runNames.js';
import type { SweepRun } from '../sweep/sweepResult.js';
import type { CliIo } from './cliIo.js';
import { CommandFailure } from './commandFailure.js';
import { COMPARE_EXAMPLE } from './compareCommand.js';
import { EXIT_FAILURE } from './exitCodes.js';
import { colorEnabled, parseFormatFlag, writeOutput } from './outputOptions.js';
import { outputPathArgument } from './outputPath.js';
import { readResultFile } from './resultFiles.js';
import { UsageError } from './usageError.js';

interface CompareOptions {
  readonly failOn?: readonly string[];
  readonly allowMismatch?: boolean;
  readonly format?: string;
  readonly color?: boolean;
  readonly output?: string;
}

function parseGates(raw: readonly string[] | undefined): Threshold[] {
  if (raw === undefined) return [];
  const thresholds: Threshold[] = [];
  for (const text of raw) {
    const parsed = parseFailOn(text);
    if (!parsed.ok) throw new UsageError(`--fail-on: ${parsed.reason}. Example: ${COMPARE_EXAMPLE}`);
    thresholds.push(...parsed.thresholds);
  }
  return thresholds;
}

function modelsOf(runs: readonly SweepRun[]): string {
  return [...new Set(runs.map((run) => run.modelVersion))].join(', ');
}

function listSome(runs: readonly SweepRun[]): string {
  const shown = runs.slice(0, 3).map((run) => `${runTitle(run)} [${run.configHash}]`);
  return `${shown.join('; ')}${runs.length > 3 ? `; and ${runs.length - 3} more` : ''}`;
}

/**
 * `nicvirt compare`, once its arguments are parsed: read both files, match and compare their
 * runs, write the comparison and trip the --fail-on gates. Loaded only when the command runs (see
 * compareCommand.ts).
 */
export async function runCompare(
  baseFile: string,
  newFile: string,
  command: Command,
  io: CliIo,
): Promise<void> {
  const options = command.opts<CompareOptions>();
  const format = parseFormatFlag(options.format, COMPARE_FORMATS, 'nicvirt compare base.json new.json');
  const thresholds = parseGates(options.failOn);
  const loose = options.allowMismatch === true;
  const outputPath = outputPathArgument(options.output, io, {
    example: 'nicvirt compare base.json new.json --output compare.md --format markdown',
  });
  const read = (file: string) =>
    readResultFile(file, io, { reader: 'nicvirt compare', example: COMPARE_EXAMPLE });
  const base = await read(baseFile);
  const next = await read(newFile);
  for (const [file, parsed] of [
    [baseFile, base],
    [newFile, next],
  ] as const) {
    if (parsed.runs.length === 0)
      throw new UsageError(`nicvirt compare: ${file} holds no runs. Example: ${COMPARE_EXAMPLE}`);
  }

  const baseModels = modelsOf(base.runs);
  const newModels = modelsOf(next.runs);
  if (baseModels !== newModels && !loose) {
    throw new UsageError(
      `nicvirt compare: ${baseFile} comes from model version ${baseModels} and ${newFile} from ${newModels}; the model's numbers changed between them, so differences are not regressions. Re-run the baseline with this nicvirt, or pass --allow-mismatch to compare anyway. Example: ${COMPARE_EXAMPLE} --allow-mismatch`,
    );
  }
  const matched = matchRuns(base.runs, next.runs, loose);
  if (!loose && (matched.onlyInBase.length > 0 || matched.onlyInNew.length > 0)) {
    const parts = [];
    if (matched.onlyInBase.length > 0) parts.push(`only in ${baseFile}: ${listSome(matched.onlyInBase)}`);
    if (matched.onlyInNew.length > 0) parts.push(`only in ${newFile}: ${listSome(matched.onlyInNew)}`);
    throw new UsageError(
      `nicvirt compare: the files hold runs of different configurations (${parts.join('; ')}). Produce both with the same command and flags, or pass --allow-mismatch to compare what matches. Example: ${COMPARE_EXAMPLE} --allow-mismatch`,
    );
  }
  if (matched.pairs.length === 0) {
    throw new UsageError(
      `nicvirt compare: no run of ${baseFile} matches one of ${newFile}, even by mode, VMs, frame, load and direction. Example: ${COMPARE_EXAMPLE}`,
    );
  }
  if (loose && (matched.onlyInBase.length > 0 || matched.onlyInNew.length > 0 || baseModels !== newModels)) {
    io.stderr(
      `nicvirt: note: --allow-mismatch: comparing ${matched.pairs.length} run(s); configurations or model versions differ\n`,
    );
  }

  const comparison = compareRuns(matched, thresholds);
  const color = outputPath === undefined && format === 'table' && colorEnabled(io, options.color);
  await writeOutput(formatComparison(comparison, format, color), io, { outputPath, wrote: format });
  if (comparison.regressions > 0) throw new CommandFailure(regressionMessage(comparison), EXIT_FAILURE);
}

function regressionMessage(comparison: Comparison): string {
  const lines: string[] = [];
  for (const run of comparison.runs) {
    for (const violation of run.violations) {
      const change = violation.threshold.relative
        ? formatPercentChange(violation.change.percent)
        : `${violation.change.delta >= 0 ? '+' : ''}${violation.change.delta}`;
      lines.push(
        `  - ${run.title}: ${violation.threshold.path} ${violation.change.base} → ${violation.change.new} (${change}) trips ${violation.threshold.text}`,
      );
    }
  }
  const count = comparison.regressions;
  return `${count} regression${count === 1 ? '' : 's'}:\n${lines.join('\n')}`;
}
