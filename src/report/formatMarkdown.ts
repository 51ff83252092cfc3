import type { BenchResult } from '../run/runResult.js';
import { kneesOf } from '../sweep/sweepResult.js';
import { SWEEP_COLUMNS, sweepRowCells } from './sweepRows.js';

const HEAD = [...SWEEP_COLUMNS.map((column) => column.heading), 'bottleneck'];
const RIGHT = new Set(SWEEP_COLUMNS.filter((column) => column.numeric).map((column) => column.heading));

/** Text safe inside a GitHub-flavoured Markdown table cell. */
export function markdownCell(text: string): string {
  return text.replaceAll('\\', '\\\\').replaceAll('|', '\\|').replaceAll('\n', ' ');
}

/** A GitHub-flavoured Markdown table; `right` names the right-aligned columns. */
export function markdownTable(
  head: readonly string[],
  rows: readonly (readonly string[])[],
  right: ReadonlySet<string> = new Set(),
): string {
  const line = (cells: readonly string[]) => `| ${cells.map(markdownCell).join(' | ')} |`;
  const rule = `|${head.map((title) => (right.has(title) ? '---:' : '---')).join('|')}|`;
  return [line(head), rule, ...rows.map(line)].join('\n');
}

/**
 * Markdown for pull-request comments and job summaries (`>> $GITHUB_STEP_SUMMARY`): one table row
 * per run and, for sweeps over VM counts, the knee of each mode.
 */
export function formatMarkdown(result: BenchResult): string {
  const rows = result.runs.map((run, index) => [...sweepRowCells(run, index), run.bottleneck]);
  const sections = [
    `### nicvirt: ${result.runs.length} run${result.runs.length === 1 ? '' : 's'}`,
    markdownTable(HEAD, rows, RIGHT),
  ];
  const knees = kneesOf(result);
  if (knees.length > 0) {
    sections.push(
      '#### Knees',
      markdownTable(
        ['mode', 'workload', 'knee (VMs)', 'constraint', 'what happens'],
        knees.map((knee) => [
          knee.mode,
          knee.workload,
          knee.kneeVms === null ? 'none' : String(knee.kneeVms),
          knee.constraint,
          knee.summary,
        ]),
      ),
    );
  }
  return `${sections.join('\n\n')}\n`;
}
