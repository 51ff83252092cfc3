import { formatSignificant } from '../report/formatNumbers.js';
import { markdownTable } from '../report/formatMarkdown.js';
import { borderedTable, keyValueLines, reportStyle } from '../report/reportStyle.js';
import { toJsonText } from '../report/toJsonText.js';
import type { Comparison, MetricChange, RunComparison } from './compareRuns.js';

export const COMPARE_FORMATS = ['table', 'markdown', 'json'] as const;
export type CompareFormat = (typeof COMPARE_FORMATS)[number];

/** `+1.2%`, `-0.4%`, `0%`, `new` (base was 0), `—` (missing). */
export function formatPercentChange(percent: number): string {
  if (Number.isNaN(percent)) return '—';
  if (!Number.isFinite(percent)) return percent > 0 ? '+∞%' : '-∞%';
  if (percent === 0) return '0%';
  const rounded = Math.abs(percent) < 0.05 ? percent.toFixed(2) : percent.toFixed(1);
  return `${percent > 0 ? '+' : ''}${rounded}%`;
}

function cell(change: MetricChange): string {
  const value = (number: number | undefined) => (number === undefined ? '—' : formatSignificant(number));
  return `${value(change.base)} → ${value(change.new)} (${formatPercentChange(change.percent)})`;
}

/** The status cell of a run that broke a threshold (runs that did not just say `ok`). */
function regressionStatus(run: RunComparison): string {
  return `REGRESSION: ${run.violations.map((violation) => violation.threshold.text).join(', ')}`;
}

function summaryLine(comparison: Comparison): string {
  const runs = `${comparison.runs.length} matching run${comparison.runs.length === 1 ? '' : 's'}`;
  if (comparison.thresholds.length === 0) return `${runs}; no --fail-on thresholds`;
  const gates = comparison.thresholds.map((threshold) => threshold.text).join(', ');
  return comparison.regressions === 0
    ? `${runs}; no regression (${gates})`
    : `${runs}; ${comparison.regressions} regression${comparison.regressions === 1 ? '' : 's'} (${gates})`;
}

function unmatchedLines(comparison: Comparison): [string, string][] {
  const rows: [string, string][] = [];
  for (const title of comparison.onlyInBase) rows.push(['only in base', title]);
  for (const title of comparison.onlyInNew) rows.push(['only in new', title]);
  return rows;
}

/** A terminal table: one row per matching run, `base → new (change)` per metric, and a status. */
export function formatComparisonTable(comparison: Comparison, color: boolean): string {
  const style = reportStyle(color);
  const head = ['run', ...comparison.paths, 'status'];
  const table = borderedTable(style, { head });
  for (const run of comparison.runs) {
    table.push([
      run.matchedBy === 'title' ? `${run.title} *` : run.title,
      ...run.changes.map(cell),
      run.violations.length === 0 ? style.good('ok') : style.bad(regressionStatus(run)),
    ]);
  }
  const sections = [table.toString(), summaryLine(comparison)];
  if (comparison.runs.some((run) => run.matchedBy === 'title')) {
    sections.push(
      style.dim('* paired by mode, VMs, frame, load and direction (--allow-mismatch): configurations differ'),
    );
  }
  const unmatched = unmatchedLines(comparison);
  if (unmatched.length > 0) sections.push(keyValueLines(style, unmatched));
  return `${sections.join('\n')}\n`;
}

/** GitHub-flavoured Markdown for a pull-request comment or job summary. */
export function formatComparisonMarkdown(comparison: Comparison): string {
  const icon = comparison.regressions === 0 ? '✅' : '❌';
  const rows = comparison.runs.map((run) => [
    run.matchedBy === 'title' ? `${run.title} \\*` : run.title,
    ...run.changes.map(cell),
    run.violations.length === 0
      ? '✅'
      : `❌ ${run.violations.map((violation) => violation.threshold.text).join(', ')}`,
  ]);
  const sections = [
    `### ${icon} nicvirt compare: ${summaryLine(comparison)}`,
    markdownTable(['run', ...comparison.paths.map((path) => `\`${path}\``), 'status'], rows),
  ];
  if (comparison.runs.some((run) => run.matchedBy === 'title')) {
    sections.push(
      '\\* paired by mode, VMs, frame, load and direction (`--allow-mismatch`): configurations differ',
    );
  }
  const unmatched = unmatchedLines(comparison);
  if (unmatched.length > 0)
    sections.push(unmatched.map(([where, title]) => `- ${where}: ${title}`).join('\n'));
  return `${sections.join('\n\n')}\n`;
}

/** JSON: every matching run with each metric's base, new, delta and percent change. */
export function formatComparisonJson(comparison: Comparison): string {
  const finite = (value: number) => (Number.isFinite(value) ? value : null);
  return toJsonText({
    regressions: comparison.regressions,
    thresholds: comparison.thresholds.map((threshold) => threshold.text),
    runs: comparison.runs.map((run) => ({
      title: run.title,
      configHash: run.configHash,
      matchedBy: run.matchedBy,
      changes: run.changes.map((change) => ({
        path: change.path,
        base: change.base ?? null,
        new: change.new ?? null,
        delta: finite(change.delta),
        percent: finite(change.percent),
      })),
      regressions: run.violations.map((violation) => violation.threshold.text),
    })),
    onlyInBase: comparison.onlyInBase,
    onlyInNew: comparison.onlyInNew,
  });
}

export function formatComparison(comparison: Comparison, format: CompareFormat, color: boolean): string {
  switch (format) {
    case 'table':
      return formatComparisonTable(comparison, color);
    case 'markdown':
      return formatComparisonMarkdown(comparison);
    case 'json':
      return formatComparisonJson(comparison);
  }
}
