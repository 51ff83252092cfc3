import type { Command } from 'commander';
import type { CliIo } from './cliIo.js';
import type { ReportOptions } from './drawReport.js';
import { readProcessStdin, type StdinReader } from './readScenarioSource.js';

const EXAMPLES = `
Input: results of bench, run or sweep (--format json or ndjson) and of rfc2544 (--format json);
several files go into one report.

Examples:
  $ nicvirt bench --mode all --format json --output results.json
  $ nicvirt report results.json -o report.html
  $ nicvirt report results.json --terminal
  $ nicvirt report sweep.json rfc2544.json -o report.html
  $ nicvirt run scenarios/mode-comparison.yaml --format json | nicvirt report - -o report.html`;

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
      // Loaded on use: every command's module is loaded at start-up (main.ts).
      const { drawReport } = await import('./drawReport.js');
      await drawReport(files, options, io, readStdin);
    });
}
