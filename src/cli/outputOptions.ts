import type { Command } from 'commander';
import {
  REPORT_FORMAT_NAMES,
  REPORT_FORMATS,
  type ReportFormat,
  type ReportFormatter,
} from '../report/reportFormats.js';
import type { BenchResult } from '../run/runResult.js';
import type { ModeId } from '../scenario/scenarioConfig.js';
import type { CliIo } from './cliIo.js';
import { outputPathArgument, outputWriteError } from './outputPath.js';
import { UsageError } from './usageError.js';
import { writeFileAtomic } from './writeFileAtomic.js';

/**
 * Colour only for a terminal, never when NO_COLOR is set (any value, see no-color.org) or the user
 * passed --no-color.
 */
export function colorEnabled(io: CliIo, colorFlag: boolean | undefined): boolean {
  return colorFlag !== false && io.stdoutIsTty && io.env['NO_COLOR'] === undefined;
}

/**
 * `--format <format>` with the given names, its help naming `defaultFormat` (by default the first
 * name) as the default, and `--no-color`.
 */
export function addFormatOptions(
  command: Command,
  formats: readonly string[],
  defaultFormat: string = formats[0] ?? '',
): Command {
  return command
    .option('--format <format>', `output format: ${formats.join(', ')} (default ${defaultFormat})`)
    .option('--no-color', 'no ANSI colour (also off when stdout is not a terminal or NO_COLOR is set)');
}

/**
 * Report flags of commands that write a report (bench, run, sweep, merge, rfc2544): format, colour,
 * --output. `formats` defaults to the BenchResult formats; `defaultFormat` (for the help) to the first.
 */
export function addReportOptions(
  command: Command,
  formats: readonly string[] = REPORT_FORMAT_NAMES,
  defaultFormat?: string,
): Command {
  addFormatOptions(command, formats, defaultFormat);
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

/** --format, colour and --output of a command declared with addReportOptions. */
export interface OutputSettings<F extends string> {
  readonly format: F;
  readonly color: boolean;
  /** Absolute path for --output, or undefined for stdout. */
  readonly outputPath?: string;
}

export type ReportSettings = OutputSettings<ReportFormat>;

/**
 * Read --format (one of `formats`), --no-color and --output of a command declared with
 * addReportOptions. --output is checked to be writable now, before anything runs, so a long run
 * never ends in an unwritable file; `outputExample` is the example its messages show.
 */
export function outputSettingsFromOptions<F extends string>(
  command: Command,
  io: CliIo,
  commandPrefix: string,
  formats: readonly F[],
  outputExample = `${commandPrefix} --output result.json`,
): OutputSettings<F> {
  const options: { format?: unknown; color?: boolean; output?: unknown } = command.opts();
  const format = parseFormatFlag(options.format, formats, commandPrefix);
  const outputPath = outputPathArgument(options.output, io, { example: outputExample, check: true });
  const color = outputPath === undefined && colorEnabled(io, options.color);
  return outputPath === undefined ? { format, color } : { format, color, outputPath };
}

/** Read --format, --no-color and --output of a command declared with addReportOptions. */
export function reportSettingsFromOptions(
  command: Command,
  io: CliIo,
  commandPrefix: string,
): ReportSettings {
  return outputSettingsFromOptions(command, io, commandPrefix, REPORT_FORMAT_NAMES);
}

export interface OutputTarget {
  /** Absolute path of the file to write, or undefined for stdout. */
  readonly outputPath?: string | undefined;
  /** The option, for errors; default `--output`. */
  readonly flag?: string;
  /** What was written, for the note on a terminal's stderr: `json report` → `nicvirt: wrote json report to PATH`. */
  readonly wrote?: string;
}

/**
 * Write text to stdout or, atomically (temp file + rename), to `outputPath`. A failed write is the
 * error outputWriteError makes of it; on a terminal, `wrote` says where the file went.
 */
export async function writeOutput(text: string, io: CliIo, target: OutputTarget): Promise<void> {
  if (target.outputPath === undefined) {
    io.stdout(text);
    return;
  }
  try {
    await writeFileAtomic(target.outputPath, text);
  } catch (error) {
    throw outputWriteError(target.flag ?? '--output', target.outputPath, error);
  }
  if (target.wrote !== undefined && io.stderrIsTty)
    io.stderr(`nicvirt: wrote ${target.wrote} to ${target.outputPath}\n`);
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
  await writeOutput(text, io, { outputPath: settings.outputPath, wrote: `${settings.format} report` });
}
