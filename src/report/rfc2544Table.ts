import type { Rfc2544Result } from '../rfc2544/rfc2544Result.js';
import {
  footnotes,
  frameCell,
  LATENCY_HEAD,
  latencyRows,
  settingsLine,
  setupLine,
  THROUGHPUT_HEAD,
  throughputRows,
} from './rfc2544Cells.js';
import { borderedTable, reportStyle } from './reportStyle.js';

export interface Rfc2544TableOptions {
  /** ANSI colour on or off; the CLI decides. */
  readonly color: boolean;
}

/** Human report of an RFC 2544 run: setup, throughput per mode and frame size, latency at load. */
export function formatRfc2544Table(result: Rfc2544Result, options: Rfc2544TableOptions): string {
  const style = reportStyle(options.color);
  const lines = [
    style.heading('RFC 2544 on the simulated host'),
    setupLine(result),
    settingsLine(result),
    '',
  ];
  if (result.points.length === 0) return `${[...lines, 'no results'].join('\n')}\n`;

  const throughput = borderedTable(style, {
    head: THROUGHPUT_HEAD,
    alignRight: THROUGHPUT_HEAD.map((_, index) => index >= 2),
  });
  for (const row of throughputRows(result)) throughput.push(row);
  lines.push(style.heading('Throughput (NDR: no drop, PDR: partial drop)'), throughput.toString(), '');

  const latencyRowsGrouped = latencyRows(result, true);
  if (latencyRowsGrouped.length > 0) {
    const latency = borderedTable(style, {
      head: LATENCY_HEAD,
      alignRight: LATENCY_HEAD.map((_, index) => index >= 2),
    });
    for (const row of latencyRowsGrouped) latency.push(row);
    lines.push(style.heading('Latency at load'), latency.toString(), '');
  }
  const noNdr = result.points.filter((point) => point.ndr.lineRatePct === 0);
  if (noNdr.length > 0) {
    lines.push(
      style.warn(
        `No load without loss for ${noNdr.map((point) => `${point.mode} ${frameCell(point)}`).join(', ')} (not even one precision step): no latency at load.`,
      ),
    );
  }
  lines.push(...footnotes(result).map((note) => style.dim(note)));
  return `${lines.join('\n')}\n`;
}
