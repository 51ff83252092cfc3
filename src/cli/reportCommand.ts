import type { Command } from 'commander';
import { formatTerminalReport } from '../report/terminalReport.js';
import type { CliIo } from './cliIo.js';
import { colorEnabled } from './outputOptions.js';
import { outputPathArgument } from './outputPath.js';
import { readProcessStdin, type StdinReader } from './readScenarioSource.js';
import { UsageError } from './usageError.js';

const EXAMPLES = `
Input: results of bench, run or sweep (--format json or ndjson) and of rfc2544 (--format json);
several files go into one report.

Examples:
  $ nicvirt bench --mode all --format json --output results.json
  $ nicvirt report results.json -o report.html
  $ nicvirt report results.json --terminal
  $ nicvirt report sweep.json rfc2544.json -o report.html
  $ nicvirt run scenarios/mode-comparison.yaml --format json | nicvirt report - -o report.html`;

interface ReportOptions {
  readonly output?: unknown;
  readonly terminal?: boolean;
  readonly color?: boolean;
}

/** `nicvirt report FILE`: charts of a result, as a self-contained HTML page and/or in the terminal. */
export function registerReportCommand(
  program: Command,
  io: CliIo,
  readStdin: StdinReader = readProcessStdin,
): Command {
  return program
    .command('report')
    .description(
      'draw result files as charts: a self-contained HTML page (-o) or in the terminal (--terminal)',
    )
    .argument(
      '<files...>',
      'result files (JSON or NDJSON from --format json/ndjson), or - for standard input',
    )
    .option('-o, --output <file>', 'write the HTML report to FILE (atomically), e.g. report.html')
    .option('--terminal', 'print the results table and a throughput-vs-VMs chart here')
    .option('--no-color', 'no ANSI colour (also off when stdout is not a terminal or NO_COLOR is set)')
    .addHelpText('after', EXAMPLES)
    .action(async (files: string[], options: ReportOptions) => {
      await report(files, options, io, readStdin);
    });
}

async function report(files: readonly string[], options: ReportOptions, io: CliIo, readStdin: StdinReader) {
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
