import type { Rfc2544Result } from '../rfc2544/rfc2544Result.js';
import { formatFixed } from './formatNumbers.js';
import { markdownCell, markdownTable } from './formatMarkdown.js';
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
import { MODE_SHORT_LABELS } from './runSeries.js';

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

/** GitHub-flavoured Markdown of an RFC 2544 run: the two tables of the table format, and notes. */
export function formatRfc2544Markdown(result: Rfc2544Result): string {
  const decimals = percentDecimals(result);
  const parts = [
    '## RFC 2544 on the simulated host',
    '',
    markdownCell(setupLine(result)),
    '',
    markdownCell(settingsLine(result)),
    '',
  ];
  if (result.points.length === 0) return `${[...parts, 'No results.'].join('\n')}\n`;

  const throughputRows = result.points.map((point) => [
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
  parts.push(
    '### Throughput',
    '',
    markdownTable(THROUGHPUT_HEAD, throughputRows, new Set(THROUGHPUT_HEAD.slice(2))),
    '',
  );

  const latencyRows = result.points.flatMap((point) =>
    point.latencyAtLoad.map((row) => [
      MODE_SHORT_LABELS[point.mode],
      frameCell(point),
      `${formatFixed(row.fractionOfNdr * 100, 0)}% of NDR`,
      `${formatFixed(row.lineRatePct, decimals + 1)}%`,
      latencyCell(row.latencyUs.p50),
      latencyCell(row.latencyUs.p99),
      latencyCell(row.latencyUs.p999),
      latencyCell(row.latencyUs.max),
    ]),
  );
  if (latencyRows.length > 0) {
    parts.push(
      '### Latency at load',
      '',
      markdownTable(LATENCY_HEAD, latencyRows, new Set(LATENCY_HEAD.slice(2))),
      '',
    );
  }
  parts.push(...footnotes(result).map((note) => `- ${markdownCell(note)}`));
  return `${parts.join('\n')}\n`;
}
