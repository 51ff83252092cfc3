import type { BenchResult, RunResult } from '../run/runResult.js';
import type { HashedRunResult } from '../run/withConfigHash.js';
import { pointOf } from '../sweep/sweepResult.js';
import { METRIC_PATHS, metricValue } from './metricPaths.js';
import { runLoadLabel } from './runNames.js';

interface CsvColumn {
  readonly name: string;
  readonly value: (run: RunResult, index: number) => string | number | undefined;
}

const LABEL_COLUMNS: readonly CsvColumn[] = [
  { name: 'point', value: (run, index) => pointOf(run, index) },
  { name: 'configHash', value: (run) => (run as Partial<HashedRunResult>).configHash },
  { name: 'modelVersion', value: (run) => (run as Partial<HashedRunResult>).modelVersion },
  { name: 'mode', value: (run) => run.mode },
  { name: 'frame', value: (run) => run.frameLabel },
  { name: 'load', value: (run) => runLoadLabel(run) },
  { name: 'direction', value: (run) => run.direction },
  { name: 'nic', value: (run) => run.scenario.nic.profile },
  { name: 'host', value: (run) => run.scenario.host.profile },
  { name: 'seed', value: (run) => run.scenario.seed },
  { name: 'durationMs', value: (run) => run.scenario.workload.durationMs },
];

/**
 * Column order of the CSV: labels, then every metric path (METRIC_PATHS order), then the
 * bottleneck. Stable: new columns are only ever appended.
 */
export const CSV_COLUMNS: readonly CsvColumn[] = [
  ...LABEL_COLUMNS,
  ...METRIC_PATHS.map((path) => ({ name: path, value: (run: RunResult) => metricValue(run, path) })),
  { name: 'bottleneck', value: (run) => run.bottleneck },
];

/** RFC 4180 CSV with a header row: one row per run, numbers at full precision, `\n` line ends. */
export function formatCsv(result: BenchResult): string {
  const rows = [CSV_COLUMNS.map((column) => csvField(column.name))];
  for (const [index, run] of result.runs.entries()) {
    rows.push(CSV_COLUMNS.map((column) => csvField(column.value(run, index))));
  }
  return rows.map((row) => `${row.join(',')}\n`).join('');
}

function csvField(value: string | number | undefined): string {
  if (value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
