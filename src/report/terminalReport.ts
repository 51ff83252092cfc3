import type { BenchResult } from '../run/runResult.js';
import { findKnees, type Knee } from '../sweep/findKnees.js';
import { formatSweepTable } from './formatSweepTable.js';
import type { ReportInput } from './reportInput.js';
import { throughputTerminalChart } from './terminalChart.js';

/**
 * `report --terminal`: the sweep's own table (one row per run, then the knee of each mode, as
 * `nicvirt sweep` prints it), then delivered throughput vs VMs as a chart.
 */
export function formatTerminalReport(input: ReportInput, options: { readonly color: boolean }): string {
  const { result } = input;
  const knees = new Set(result.runs.map((run) => run.vms)).size > 1 ? findKnees(result.runs) : [];
  // formatSweepTable lists the knees a sweep result carries (kneesOf); give this one its own.
  const withKnees: BenchResult & { readonly knees?: readonly Knee[] } =
    knees.length > 0 ? { ...result, knees } : result;
  const table = formatSweepTable(withKnees, { color: options.color });
  return `${table}\n${throughputTerminalChart(result, { color: options.color })}`;
}
