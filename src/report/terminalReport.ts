import { findKnees } from '../sweep/findKnees.js';
import { formatSweepTable } from './formatSweepTable.js';
import type { ReportInput } from './reportInput.js';
import { throughputTerminalChart } from './terminalChart.js';

/**
 * `report --terminal`: the sweep's own table (one row per run, then the knee of each mode, as
 * `nicvirt sweep` prints it), then delivered throughput vs VMs as a chart.
 */
export function formatTerminalReport(input: ReportInput, options: { readonly color: boolean }): string {
  const { result } = input;
  const table = formatSweepTable(result, { color: options.color }, findKnees(result.runs));
  return `${table}\n${throughputTerminalChart(result, { color: options.color })}`;
}
