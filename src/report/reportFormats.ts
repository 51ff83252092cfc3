import type { BenchResult } from '../run/runResult.js';
import { formatJson } from './formatJson.js';
import { formatTable, type TableOptions } from './formatTable.js';

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
} as const satisfies Record<string, ReportFormatter>;

export type ReportFormat = keyof typeof REPORT_FORMATS;

export const REPORT_FORMAT_NAMES = Object.keys(REPORT_FORMATS) as readonly ReportFormat[];

export function isReportFormat(name: string): name is ReportFormat {
  return Object.hasOwn(REPORT_FORMATS, name);
}
