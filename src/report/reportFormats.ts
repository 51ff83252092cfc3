import type { BenchResult } from '../run/runResult.js';
import { formatJson } from './formatJson.js';
import { formatTable, type TableOptions } from './formatTable.js';
// ── sweeps and CI formats (issue 5) ──
import { formatCsv } from './formatCsv.js';
import { formatGithubBigger, formatGithubSmaller } from './formatGithubBenchmark.js';
import { formatGobench } from './formatGobench.js';
import { formatMarkdown } from './formatMarkdown.js';
import { formatNdjson } from './formatNdjson.js';

/** Options every format receives; a format uses what it needs. */
export type ReportOptions = TableOptions;

export type ReportFormatter = (result: BenchResult, options: ReportOptions) => string;

/**
 * Output formats by name: `--format` picks one. A new format (csv, markdown, ndjson) is one pure
 * function of the results and one line here.
 */
export const REPORT_FORMATS = {
  table: formatTable,
  json: (result) => formatJson(result),
  // ── sweeps and CI formats (issue 5) ──
  ndjson: (result) => formatNdjson(result),
  csv: (result) => formatCsv(result),
  markdown: (result) => formatMarkdown(result),
  gobench: (result) => formatGobench(result),
  'github-bigger': (result) => formatGithubBigger(result),
  'github-smaller': (result) => formatGithubSmaller(result),
} as const satisfies Record<string, ReportFormatter>;

export type ReportFormat = keyof typeof REPORT_FORMATS;

export const REPORT_FORMAT_NAMES = Object.keys(REPORT_FORMATS) as readonly ReportFormat[];

export function isReportFormat(name: string): name is ReportFormat {
  return Object.hasOwn(REPORT_FORMATS, name);
}
