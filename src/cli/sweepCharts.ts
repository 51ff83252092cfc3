import type { Command } from 'commander';
import { reportInputOf } from '../report/reportInput.js';
import { throughputTerminalChart } from '../report/terminalChart.js';
import type { BenchResult } from '../run/runResult.js';
import type { CliIo } from './cliIo.js';
import { colorEnabled, type ReportSettings } from './outputOptions.js';
import { outputPathArgument } from './outputPath.js';
import { UsageError } from './usageError.js';

/** What `sweep --chart` and `sweep --report FILE` asked for, checked before the sweep runs. */
export interface SweepChartSettings {
  /** Draw throughput vs VMs under the table on stdout. */
  readonly chart: boolean;
  readonly chartColor: boolean;
  /** Absolute path of the HTML report to write, if any. */
  readonly reportPath?: string;
}

/**
 * Read and check --chart and --report. The chart goes to stdout, so it needs the table there (or
 * the data in --output FILE): it would corrupt JSON, NDJSON or CSV on stdout.
 */
export function sweepChartSettings(
  command: Command,
  settings: ReportSettings,
  io: CliIo,
  commandPrefix: string,
): SweepChartSettings {
  const options: { chart?: boolean; report?: unknown; color?: boolean } = command.opts();
  const chart = options.chart === true;
  if (chart && settings.format !== 'table' && settings.outputPath === undefined) {
    throw new UsageError(
      `--chart draws under the table on standard output, which --format ${settings.format} fills with data; use --format table, or write the data to a file. Example: ${commandPrefix} --format ${settings.format} --output results.${settings.format} --chart`,
    );
  }
  const chartColor = colorEnabled(io, options.color);
  // Checked before the sweep runs.
  const reportPath = outputPathArgument(options.report, io, {
    flag: '--report',
    example: `${commandPrefix} --report report.html`,
    check: true,
    trim: true,
  });
  return reportPath === undefined ? { chart, chartColor } : { chart, chartColor, reportPath };
}

/** After the sweep: the terminal chart (stdout) and the HTML report (file), as asked. */
export async function emitSweepCharts(
  result: BenchResult,
  chartSettings: SweepChartSettings,
  io: CliIo,
): Promise<void> {
  if (result.runs.length === 0) return;
  if (chartSettings.chart)
    io.stdout(`\n${throughputTerminalChart(result, { color: chartSettings.chartColor })}`);
  if (chartSettings.reportPath !== undefined) {
    // Loaded on use, not at start-up (it reads result files with zod: see main.ts).
    const { writeHtmlReport } = await import('./htmlReportFile.js');
    await writeHtmlReport(reportInputOf(result), chartSettings.reportPath, io, { flag: '--report' });
  }
}
