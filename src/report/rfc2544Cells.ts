import type { Rfc2544Point, Rfc2544Result, ThroughputFigure } from '../rfc2544/rfc2544Result.js';
import { frameSizeText } from '../workload/frameMix.js';
import { formatCount, formatFixed, formatPlain, formatSignificant, MISSING } from './formatNumbers.js';
import { MODE_SHORT_LABELS } from './runSeries.js';

/**
 * Cell texts shared by the RFC 2544 table and Markdown reports (src/report/rfc2544Table.ts,
 * rfc2544Markdown.ts): the same words and rounding in both.
 */

/** `64 B`, `imix`. */
export function frameCell(point: Rfc2544Point): string {
  return frameSizeText(point.frameLabel);
}

/** Decimals of a % of line rate that show the search precision (0.1% → 1, 0.01% → 2). */
export function percentDecimals(result: Rfc2544Result): number {
  const precisionPct = result.settings.precision * 100;
  return Math.min(4, Math.max(1, Math.ceil(-Math.log10(precisionPct) - 1e-9)));
}

/** `% line` of a figure, marked `*` when the search hit its trial cap before converging. */
export function lineRateCell(figure: ThroughputFigure, decimals: number): string {
  return `${formatFixed(figure.lineRatePct, decimals)}%${figure.converged ? '' : '*'}`;
}

export function mppsCell(figure: ThroughputFigure): string {
  return formatSignificant(figure.mpps, 4);
}

export function gbpsCell(figure: ThroughputFigure): string {
  return formatSignificant(figure.gbps, 4);
}

export function coresCell(cores: number | null): string {
  return cores === null ? MISSING : formatFixed(cores, 2);
}

/** `938`, `≥ 100,000` (absorbed the longest burst tried), `—` (not measured). */
export function backToBackCell(point: Rfc2544Point): string {
  const burst = point.backToBack;
  if (!burst) return MISSING;
  return burst.capped ? `≥ ${formatCount(burst.frames)}` : formatCount(burst.frames);
}

export function latencyCell(us: number): string {
  return formatSignificant(us, 3);
}

/** `NDR: loss ≤ 0   PDR: loss ≤ 0.1%   precision 0.1% of line rate   …`: what was asked. */
export function settingsLine(result: Rfc2544Result): string {
  const { settings } = result;
  const parts = [
    `NDR: loss ≤ ${settings.ndrLossRatio === 0 ? '0' : percentText(settings.ndrLossRatio)}`,
    `PDR: loss ≤ ${percentText(settings.pdrLossRatio)}`,
    `precision ${percentText(settings.precision)} of line rate`,
    `at most ${settings.maxTrials} trials per search`,
  ];
  return parts.join(' · ');
}

/** A 0..1 ratio as a percentage with no trailing zeros: 0.001 → `0.1%`, 0.05 → `5%`. */
function percentText(ratio: number): string {
  return `${Number((ratio * 100).toPrecision(6))}%`;
}

/** `32 VMs · rx · NIC 82599 at 10 Gbit/s · host modern (16 cores, 2.6 GHz) · seed 1`. */
export function setupLine(result: Rfc2544Result): string {
  const first = result.points[0];
  if (!first) return `seed ${result.seed}`;
  const { host, nic } = first.scenario;
  const vms =
    first.mode === 'native' && result.points.every((point) => point.mode === 'native')
      ? `${first.vms} flows`
      : `${first.vms} VMs`;
  return [
    vms,
    first.direction,
    `NIC ${nic.profile} at ${formatPlain(nic.linkGbps)} Gbit/s`,
    `host ${host.profile} (${host.cores} cores, ${host.ghz} GHz${host.postedInterrupts ? ', posted interrupts' : ''})`,
    `seed ${result.seed}`,
  ].join(' · ');
}

/** Footnotes: the trial rule, then anything a reader must know to trust the numbers. */
export function footnotes(result: Rfc2544Result): string[] {
  const notes = [`Trials: ${result.settings.trialRule}.`];
  const frames = [...new Set(result.points.map((point) => point.trialFrames))].sort((a, b) => a - b);
  if (frames.length > 0) {
    notes.push(
      `Frames per throughput trial here: ${frames.map((count) => formatCount(count)).join(', ')}; NDR, PDR and load are offered rates (L2 Gbit/s = frame bytes × 8).`,
    );
  }
  if (result.points.some((point) => !point.ndr.converged || !point.pdr.converged)) {
    notes.push(
      '* the search reached --max-trials before converging: the figure is the highest load that passed.',
    );
  }
  if (result.points.some((point) => point.backToBack?.capped === true)) {
    notes.push(
      '≥: absorbed the longest burst tried (--burst-max); the real limit is at least this, or none.',
    );
  }
  const odd = result.points.filter((point) => point.search.nonMonotonicTrials > 0);
  if (odd.length > 0) {
    notes.push(
      `Loss was not monotonic in load for ${odd.map((point) => `${point.mode} ${frameCell(point)}`).join(', ')}: a trial passed above a load that failed; the first result stands.`,
    );
  }
  return notes;
}

/** Columns of the throughput table (table and Markdown formats). */
export const THROUGHPUT_HEAD: readonly string[] = [
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

/** Columns of the latency-at-load table. */
export const LATENCY_HEAD: readonly string[] = [
  'mode',
  'frame',
  'load',
  '% line',
  'p50 µs',
  'p99 µs',
  'p99.9 µs',
  'max µs',
];

/** One throughput row per mode and frame size. */
export function throughputRows(result: Rfc2544Result): string[][] {
  const decimals = percentDecimals(result);
  return result.points.map((point) => [
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

/**
 * Latency-at-load rows, one per load of each mode and frame size; with `groupLabels` the mode and
 * frame are written only on a group's first row.
 */
export function latencyRows(result: Rfc2544Result, groupLabels: boolean): string[][] {
  const decimals = percentDecimals(result);
  return result.points.flatMap((point) =>
    point.latencyAtLoad.map((row, index) => [
      groupLabels && index > 0 ? '' : MODE_SHORT_LABELS[point.mode],
      groupLabels && index > 0 ? '' : frameCell(point),
      `${formatFixed(row.fractionOfNdr * 100, 0)}% of NDR`,
      `${formatFixed(row.lineRatePct, decimals + 1)}%`,
      latencyCell(row.latencyUs.p50),
      latencyCell(row.latencyUs.p99),
      latencyCell(row.latencyUs.p999),
      latencyCell(row.latencyUs.max),
    ]),
  );
}
