import type { Rfc2544Result } from '../rfc2544/rfc2544Result.js';
import { markdownCell, markdownTable } from './formatMarkdown.js';
import {
  footnotes,
  LATENCY_HEAD,
  latencyRows,
  settingsLine,
  setupLine,
  THROUGHPUT_HEAD,
  throughputRows,
} from './rfc2544Cells.js';

/** GitHub-flavoured Markdown of an RFC 2544 run: the two tables of the table format, and notes. */
export function formatRfc2544Markdown(result: Rfc2544Result): string {
  const parts = [
    '## RFC 2544 on the simulated host',
    '',
    markdownCell(setupLine(result)),
    '',
    markdownCell(settingsLine(result)),
    '',
  ];
  if (result.points.length === 0) return `${[...parts, 'No results.'].join('\n')}\n`;

  const throughput = throughputRows(result);
  parts.push(
    '### Throughput',
    '',
    markdownTable(THROUGHPUT_HEAD, throughput, new Set(THROUGHPUT_HEAD.slice(2))),
    '',
  );

  const latency = latencyRows(result, false);
  if (latency.length > 0) {
    parts.push(
      '### Latency at load',
      '',
      markdownTable(LATENCY_HEAD, latency, new Set(LATENCY_HEAD.slice(2))),
      '',
    );
  }
  parts.push(...footnotes(result).map((note) => `- ${markdownCell(note)}`));
  return `${parts.join('\n')}\n`;
}
