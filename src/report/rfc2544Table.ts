import type { Rfc2544Result } from '../rfc2544/rfc2544Result.js';
import { MODE_SHORT_LABELS } from './runSeries.js';
import {
  backToBackCell,
  coresCell,
  footnotes,
  frameCell,
  gbpsCell,
  latencyCell,
  lineRateCell,
  mppsCell,
  percentDecimals,
  settingsLine,
  setupLine,
} from './rfc2544Cells.js';
import { borderedTable, reportStyle } from './reportStyle.js';
import { formatFixed } from './formatNumbers.js';

export interface Rfc2544TableOptions {
  /** ANSI colour on or off; the CLI decides. */
  readonly color: boolean;
}

const THROUGHPUT_HEAD = [
  'mode',
  'frame',
  'NDR Mpps',
  'NDR Gbit/s',
  'NDR % line',
  'PDR Mpps',
  'PDR Gbit/s',
  'PDR % line',
  'host cores at NDR',
  'back-to-back frames',
];
const LATENCY_HEAD = ['mode', 'frame', 'load', '% line', 'p50 µs', 'p99 µs', 'p99.9 µs', 'max µs'];

/** Human report of an RFC 2544 run: setup, throughput per mode and frame size, latency at load. */
export function formatRfc2544Table(result: Rfc2544Result, options: Rfc2544TableOptions): string {
  const style = reportStyle(options.color);
  const decimals = percentDecimals(result);
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
  for (const point of result.points) {
    throughput.push([
      MODE_SHORT_LABELS[point.mode],
      frameCell(point),
      mppsCell(point.ndr),
      gbpsCell(point.ndr),
      lineRateCell(point.ndr, decimals),
      mppsCell(point.pdr),
      gbpsCell(point.pdr),
      lineRateCell(point.pdr, decimals),
      coresCell(point.ndr.hostCores),
      backToBackCell(point),
    ]);
  }
  lines.push(style.heading('Throughput (NDR: no drop, PDR: partial drop)'), throughput.toString(), '');

  const withLatency = result.points.filter((point) => point.latencyAtLoad.length > 0);
  if (withLatency.length > 0) {
    const latency = borderedTable(style, {
      head: LATENCY_HEAD,
      alignRight: LATENCY_HEAD.map((_, index) => index >= 2),
    });
    for (const point of withLatency) {
      point.latencyAtLoad.forEach((row, index) => {
        latency.push([
          index === 0 ? MODE_SHORT_LABELS[point.mode] : '',
          index === 0 ? frameCell(point) : '',
          `${formatFixed(row.fractionOfNdr * 100, 0)}% of NDR`,
          `${formatFixed(row.lineRatePct, decimals + 1)}%`,
          latencyCell(row.latencyUs.p50),
          latencyCell(row.latencyUs.p99),
          latencyCell(row.latencyUs.p999),
          latencyCell(row.latencyUs.max),
        ]);
      });
    }
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
