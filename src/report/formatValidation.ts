import type { ValidationReport } from '../calibration/evaluateCheck.js';
import { formatSignificant } from './formatNumbers.js';
import { borderedTable, reportStyle } from './reportStyle.js';
import { toJsonText } from './toJsonText.js';

/** `nicvirt validate-model` as a table: source, published, simulated, error, pass/fail. */
export function formatValidationTable(report: ValidationReport, options: { color: boolean }): string {
  const style = reportStyle(options.color);
  const table = borderedTable(style, {
    head: ['id', 'what', 'published', 'simulated', 'error', 'tolerance', 'result'],
    alignRight: [false, false, true, true, true, true, false],
    colWidths: [6, 52, 11, 11, 9, 11, 8],
  });
  for (const row of report.rows) {
    const error = `${row.errorPct >= 0 ? '+' : ''}${row.errorPct.toFixed(1)}%`;
    const verdict = row.pass ? style.good('pass') : style.bad('FAIL');
    table.push([
      row.id,
      row.fitted ? `${row.what} [fitted]` : row.what,
      `${row.published} ${row.unit}`,
      `${formatSignificant(row.simulated, 3)} ${row.unit}`,
      error,
      row.tolerancePct === 0 ? 'in range' : `±${row.tolerancePct}%`,
      verdict,
    ]);
  }
  const sources = [...new Map(report.rows.map((row) => [row.result, row.source])).entries()]
    .map(([result, source]) => `  ${result}: ${source}`)
    .join('\n');
  const fits = report.rows
    .filter((row) => row.fitted !== undefined)
    .map((row) => `  ${row.id}: ${row.fitted ?? ''}`)
    .join('\n');
  const summary =
    report.failed === 0
      ? style.good(`all ${report.passed} published figures reproduced within tolerance`)
      : style.bad(`${report.failed} of ${report.rows.length} published figures outside tolerance`);
  return `${style.heading('Model validation against published measurements (MODEL.md §6)')}\n${table.toString()}\n${summary}\nFitted (a parameter was set from these figures; the rows check that the fit still holds):\n${fits}\nSources:\n${sources}\n`;
}

export function formatValidationJson(report: ValidationReport): string {
  return toJsonText(report);
}
