import { isAbsolute, resolve } from 'node:path';
import type { Command } from 'commander';
import {
  REPORT_FORMAT_NAMES,
  REPORT_FORMATS,
  isReportFormat,
  type ReportFormat,
  type ReportFormatter,
} from '../report/reportFormats.js';
import type { BenchResult } from '../run/runResult.js';
import type { ModeId } from '../scenario/scenarioConfig.js';
import type { CliIo } from './cliIo.js';
import { checkOutputPath, outputWriteError } from './outputPath.js';
import { UsageError } from './usageError.js';
import { writeFileAtomic } from './writeFileAtomic.js';

/**
 * Colour only for a terminal, never when NO_COLOR is set (any value, see no-color.org) or the user
 * passed --no-color.
 */
export function colorEnabled(io: CliIo, colorFlag: boolean | undefined): boolean {
  return colorFlag !== false && io.stdoutIsTty && io.env['NO_COLOR'] === undefined;
}

/** `--format <format>` with the given names, `--no-color`. */
export function addFormatOptions(command: Command, formats: readonly string[]): Command {
  return command
    .option('--format <format>', `output format: ${formats.join(', ')} (default ${formats[0] ?? ''})`)
    .option('--no-color', 'no ANSI colour (also off when stdout is not a terminal or NO_COLOR is set)');
}

/** Report flags of commands that produce a BenchResult (bench, run): format, colour, --output. */
export function addReportOptions(command: Command): Command {
  addFormatOptions(command, REPORT_FORMAT_NAMES);
  return command.option(
    '--output <file>',
    'write the report to FILE (atomically: temp file + rename) instead of stdout',
  );
}

/** Validate `--format`, naming the accepted values and an example. */
export function parseFormatFlag<T extends string>(
  raw: unknown,
  formats: readonly T[],
  commandPrefix: string,
): T {
  const fallback = formats[0];
  if (fallback === undefined) throw new Error('no formats declared');
  if (raw === undefined) return fallback;
  const name = String(raw).trim().toLowerCase();
  const format = formats.find((candidate) => candidate === name);
  if (format === undefined) {
    throw new UsageError(
      `--format expects one of ${formats.join(', ')} (got "${String(raw)}"). Example: ${commandPrefix} --format json`,
    );
  }
  return format;
}

export interface ReportSettings {
  readonly format: ReportFormat;
  readonly color: boolean;
  /** Absolute path for --output, or undefined for stdout. */
  readonly outputPath?: string;
}

/** Read --format, --no-color and --output of a command declared with addReportOptions. */
export function reportSettingsFromOptions(
  command: Command,
  io: CliIo,
  commandPrefix: string,
): ReportSettings {
  const options: { format?: unknown; color?: boolean; output?: unknown } = command.opts();
  const format = parseFormatFlag(options.format, REPORT_FORMAT_NAMES, commandPrefix);
  if (!isReportFormat(format)) throw new Error(`format ${format} has no formatter`);
  if (options.output !== undefined && String(options.output).trim() === '') {
    throw new UsageError(
      `--output expects a file name (got ""). Example: ${commandPrefix} --output result.json`,
    );
  }
  const outputPath =
    options.output === undefined
      ? undefined
      : isAbsolute(String(options.output))
        ? String(options.output)
        : resolve(io.cwd, String(options.output));
  // Checked now, before anything runs, so a long run never ends in an unwritable file.
  if (outputPath !== undefined)
    checkOutputPath(outputPath, '--output', `${commandPrefix} --output result.json`);
  const color = outputPath === undefined && colorEnabled(io, options.color);
  return outputPath === undefined ? { format, color } : { format, color, outputPath };
}

/**
 * Format a result and write it to stdout or, atomically, to --output. JSON output is checked to
 * hold finite numbers only (formatJson throws otherwise).
 */
export async function emitReport(
  result: BenchResult,
  settings: ReportSettings,
  io: CliIo,
  reference?: ModeId,
): Promise<void> {
  const formatter: ReportFormatter = REPORT_FORMATS[settings.format];
  const text = formatter(
    result,
    reference === undefined ? { color: settings.color } : { color: settings.color, reference },
  );
  if (settings.outputPath === undefined) {
    io.stdout(text);
    return;
  }
  try {
    await writeFileAtomic(settings.outputPath, text);
  } catch (error) {
    throw outputWriteError('--output', settings.outputPath, error);
  }
  if (io.stderrIsTty) io.stderr(`nicvirt: wrote ${settings.format} report to ${settings.outputPath}\n`);
}
