import { formatTerminalReport } from '../report/terminalReport.js';
import type { CliIo } from './cliIo.js';
import { colorEnabled } from './outputOptions.js';
import { outputPathArgument } from './outputPath.js';
import type { StdinReader } from './readScenarioSource.js';
import { UsageError } from './usageError.js';

/** `nicvirt report`'s options, as commander parses them. */
export interface ReportOptions {
  readonly output?: unknown;
  readonly terminal?: boolean;
  readonly color?: boolean;
}

/**
 * `nicvirt report`, once its arguments are parsed: read the result files, write the HTML page
 * and/or draw the terminal report. Loaded only when the command runs (see reportCommand.ts).
 */
export async function drawReport(
  files: readonly string[],
  options: ReportOptions,
  io: CliIo,
  readStdin: StdinReader,
): Promise<void> {
  const named = files.join(' ');
  const outputPath = outputPathArgument(options.output, io, {
    example: `nicvirt report ${named} -o report.html`,
    trim: true,
  });
  if (outputPath === undefined && options.terminal !== true) {
    throw new UsageError(
      `say where the report goes: -o FILE for the HTML page, --terminal for a table and chart here. Example: nicvirt report ${named} -o report.html`,
    );
  }
  if (files.filter((file) => file === '-').length > 1) {
    throw new UsageError('standard input (-) can be named only once');
  }
  const parsed = [];
  // Result files are checked with zod: loaded on use, not at start-up (see main.ts).
  const { readReportFile, writeHtmlReport } = await import('./htmlReportFile.js');
  const { combineReportFiles } = await import('../report/parseResultText.js');
  for (const file of files) parsed.push(await readReportFile(file, io, readStdin));
  const input = combineReportFiles(parsed);
  if (outputPath !== undefined) {
    await writeHtmlReport(input, outputPath, io, {
      flag: '--output',
      sourceName: files.map((file) => (file === '-' ? '<stdin>' : file)).join(', '),
    });
  }
  if (options.terminal === true) {
    if (input.result.runs.length === 0) {
      io.stderr(
        'nicvirt: no runs to chart in the terminal (RFC 2544 results only); the HTML report (-o) shows them\n',
      );
      return;
    }
    io.stdout(formatTerminalReport(input, { color: colorEnabled(io, options.color) }));
  }
}
