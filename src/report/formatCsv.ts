import type { BenchResult, RunResult } from '../run/runResult.js';
import type { HashedRunResult } from '../run/withConfigHash.js';
import { pointOf } from '../sweep/sweepResult.js';
import { csvText, type CsvColumn } from './csvText.js';
import { METRIC_PATHS, metricValue } from './metricPaths.js';
import { runLoadLabel } from './runNames.js';

const LABEL_COLUMNS: readonly CsvColumn<RunResult>[] = [
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
export const CSV_COLUMNS: readonly CsvColumn<RunResult>[] = [
  ...LABEL_COLUMNS,
  ...METRIC_PATHS.map((path) => ({ name: path, value: (run: RunResult) => metricValue(run, path) })),
  { name: 'bottleneck', value: (run) => run.bottleneck },
];

/** RFC 4180 CSV with a header row: one row per run, numbers at full precision, `\n` line ends. */
export function formatCsv(result: BenchResult): string {
  return csvText(CSV_COLUMNS, result.runs);
}
