import { Chalk } from 'chalk';
import type { BenchResult } from '../run/runResult.js';
import { MODE_STYLES, type SeriesStyle } from './chartPalette.js';
import { formatCount, formatFixed } from './formatNumbers.js';
import { groupRunSeries, vmAxisIsLogarithmic, vmCounts } from './runSeries.js';

/**
 * Line charts drawn with characters, for a terminal. Each series has its own marker character,
 * so curves stay apart with colour off; colour, when on, only repeats what the markers say.
 * Hand-written rather than asciichart & co.: those draw every series with the same characters
 * (apart only by colour) and have no x axis, and a sweep needs both.
 */
export interface TerminalSeries {
  readonly label: string;
  /** One character drawn at each data point. */
  readonly glyph: string;
  readonly color?: SeriesStyle['terminalColor'];
  readonly points: readonly { readonly x: number; readonly y: number }[];
}

export interface TerminalChartOptions {
  readonly color: boolean;
  /** Plot columns, without the y labels (default 64). */
  readonly width?: number;
  /** Plot rows (default 14). */
  readonly height?: number;
  readonly xScale?: 'linear' | 'log';
  /** x values to label under the axis (default: every distinct x of the data). */
  readonly xTicks?: readonly number[];
  readonly xLabel: string;
  readonly title: string;
}

const CONNECTOR = '·';
const COLLISION = '*';

interface Cell {
  char: string;
  series: number;
  marker: boolean;
}

/** A line chart as text lines ending in a newline: title, plot with axes, x labels, legend. */
export function terminalLineChart(series: readonly TerminalSeries[], options: TerminalChartOptions): string {
  const chalk = new Chalk({ level: options.color ? 1 : 0 });
  const width = Math.max(16, options.width ?? 64);
  const height = Math.max(4, options.height ?? 14);
  const points = series.flatMap((curve) => curve.points).filter((point) => isFinite2(point));
  if (points.length === 0) return `${options.title}\n  (nothing to plot)\n`;

  const log = options.xScale === 'log' && points.every((point) => point.x > 0);
  const scaleX = (x: number) => (log ? Math.log2(x) : x);
  const xs = points.map((point) => scaleX(point.x));
  const xMin = Math.min(...xs);
  const xMax = Math.max(...xs);
  const column = (x: number) =>
    xMax === xMin
      ? Math.floor((width - 1) / 2)
      : Math.round(((scaleX(x) - xMin) / (xMax - xMin)) * (width - 1));
  const yMin = Math.min(0, ...points.map((point) => point.y));
  const yMax = niceCeiling(Math.max(...points.map((point) => point.y)), yMin);
  const row = (y: number) => Math.round((1 - (y - yMin) / (yMax - yMin)) * (height - 1));

  const grid: (Cell | undefined)[][] = Array.from({ length: height }, () =>
    Array.from({ length: width }, () => undefined),
  );
  const put = (r: number, c: number, cell: Cell) => {
    const line = grid[r];
    if (line && c >= 0 && c < width) line[c] = cell;
  };

  series.forEach((curve, index) => {
    const placed = curve.points.filter(isFinite2).map((point) => ({ c: column(point.x), r: row(point.y) }));
    for (let i = 1; i < placed.length; i++) {
      const from = placed[i - 1];
      const to = placed[i];
      if (!from || !to) continue;
      let previous = from.r;
      for (let c = from.c; c <= to.c; c++) {
        const r =
          to.c === from.c ? to.r : Math.round(from.r + ((to.r - from.r) * (c - from.c)) / (to.c - from.c));
        const [low, high] = previous <= r ? [previous, r] : [r, previous];
        for (let fill = low; fill <= high; fill++) {
          if (grid[fill]?.[c] === undefined) put(fill, c, { char: CONNECTOR, series: index, marker: false });
        }
        previous = r;
      }
    }
  });
  // Markers: series sharing a cell are written side by side (`DS`) starting there or, at the right
  // edge, ending there, when those cells hold no other marker; else as one `*`.
  const atCell = new Map<string, number[]>();
  series.forEach((curve, index) => {
    for (const point of curve.points.filter(isFinite2)) {
      const key = `${row(point.y)},${column(point.x)}`;
      const members = atCell.get(key) ?? [];
      if (!members.includes(index)) members.push(index);
      atCell.set(key, members);
    }
  });
  let collided = false;
  for (const [key, members] of atCell) {
    const [r = 0, c = 0] = key.split(',').map(Number);
    const freeFrom = (start: number) =>
      start >= 0 &&
      start + members.length <= width &&
      members.every((_, offset) => {
        const at = start + offset;
        return at === c || (!atCell.has(`${r},${at}`) && grid[r]?.[at]?.marker !== true);
      });
    const start = [c, c - members.length + 1].find(freeFrom);
    if (start === undefined) {
      collided = true;
      put(r, c, { char: COLLISION, series: -1, marker: true });
      continue;
    }
    members.forEach((index, offset) =>
      put(r, start + offset, { char: series[index]?.glyph ?? '?', series: index, marker: true }),
    );
  }

  const paint = (cell: Cell | undefined) => {
    if (cell === undefined) return ' ';
    const colorName = series[cell.series]?.color;
    if (colorName === undefined || cell.series < 0) return chalk.bold(cell.char);
    const painter = chalk[colorName];
    return cell.marker ? chalk.bold(painter(cell.char)) : painter(cell.char);
  };

  const tickRows = new Map<number, string>();
  const yStep = (yMax - yMin) / 4;
  const decimals = decimalsFor(yStep);
  for (let step = 0; step <= 4; step++) {
    const value = yMin + yStep * step;
    tickRows.set(row(value), formatFixed(value, decimals));
  }
  const labelWidth = Math.max(...[...tickRows.values()].map((label) => label.length));
  const lines = [chalk.bold(options.title)];
  grid.forEach((cells, r) => {
    const label = tickRows.get(r);
    const axis = label === undefined ? '│' : '┤';
    lines.push(`${(label ?? '').padStart(labelWidth)} ${axis}${cells.map(paint).join('')}`.trimEnd());
  });

  const ticks = [...new Set(options.xTicks ?? points.map((point) => point.x))].sort((a, b) => a - b);
  const axisLine = Array.from({ length: width }, () => '─');
  const labelLine = Array.from({ length: width + 12 }, () => ' ');
  let freeFrom = 0;
  for (const tick of ticks) {
    const c = column(tick);
    if (c < 0 || c >= width) continue;
    axisLine[c] = '┬';
    const text = formatCount(tick);
    const start = Math.max(0, c - Math.floor((text.length - 1) / 2));
    if (start < freeFrom) continue;
    for (let i = 0; i < text.length; i++) labelLine[start + i] = text[i] ?? ' ';
    freeFrom = start + text.length + 1;
  }
  lines.push(`${' '.repeat(labelWidth)} └${axisLine.join('')}`);
  lines.push(`${' '.repeat(labelWidth + 2)}${labelLine.join('').trimEnd()}  ${options.xLabel}`.trimEnd());

  const legend = series.map((curve) => {
    const glyph =
      curve.color === undefined ? chalk.bold(curve.glyph) : chalk.bold(chalk[curve.color](curve.glyph));
    return `${glyph} ${curve.label}`;
  });
  if (collided) legend.push(`${chalk.bold(COLLISION)} several at one point`);
  lines.push(
    ...wrapItems(legend, labelWidth + 2 + width, (text) => visibleLength(text)).map((line) => `  ${line}`),
  );
  return `${lines.join('\n')}\n`;
}

function isFinite2(point: { readonly x: number; readonly y: number }): boolean {
  return Number.isFinite(point.x) && Number.isFinite(point.y);
}

/** Decimals that show a multiple of `step` exactly (up to 3): 2.5 → 1, 0.25 → 2, 25 → 0. */
function decimalsFor(step: number): number {
  for (let decimals = 0; decimals < 3; decimals++) {
    if (Math.abs(Math.round(step * 10 ** decimals) - step * 10 ** decimals) < 1e-9) return decimals;
  }
  return 3;
}

/** The next round number (1, 2, 2.5, 5 × 10ⁿ) at or above `value`, and above `floor`. */
export function niceCeiling(value: number, floor = 0): number {
  if (!(value > floor)) return floor + 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) {
    if (step * magnitude >= value - 1e-12) return step * magnitude;
  }
  return 10 * magnitude;
}

function visibleLength(text: string): number {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;]*m/g, '').length;
}

function wrapItems(items: readonly string[], width: number, length: (text: string) => number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const item of items) {
    const candidate = current === '' ? item : `${current}   ${item}`;
    if (current !== '' && length(candidate) > width) {
      lines.push(current);
      current = item;
    } else {
      current = candidate;
    }
  }
  if (current !== '') lines.push(current);
  return lines;
}

export interface ThroughputChartOptions {
  readonly color: boolean;
  readonly width?: number;
  readonly height?: number;
}

/**
 * Delivered throughput vs VMs, one line per mode (and per variant when the runs also vary in frame
 * size, load, …): what `sweep --chart` and `report --terminal` draw under the table.
 */
export function throughputTerminalChart(result: BenchResult, options: ThroughputChartOptions): string {
  const series = groupRunSeries(result.runs);
  const counts = vmCounts(result.runs);
  const used = new Set<string>();
  const curves: TerminalSeries[] = series.map((curve) => {
    const style = MODE_STYLES[curve.mode];
    const glyph = pickGlyph(style.glyph, curve.variantIndex, used);
    return {
      label: curve.label,
      glyph,
      color: style.terminalColor,
      points: curve.runs.map((run) => ({ x: run.vms, y: run.delivered.gbps })),
    };
  });
  const chartOptions: TerminalChartOptions = {
    color: options.color,
    xScale: vmAxisIsLogarithmic(counts) ? 'log' : 'linear',
    xTicks: counts,
    xLabel: 'VMs',
    title: 'delivered Gbit/s vs VMs',
    ...(options.width === undefined ? {} : { width: options.width }),
    ...(options.height === undefined ? {} : { height: options.height }),
  };
  return terminalLineChart(curves, chartOptions);
}

/** The mode's letter for its first variant, lower case for the second, then digits. */
function pickGlyph(letter: string, variantIndex: number, used: Set<string>): string {
  const candidates = [
    variantIndex === 0 ? letter : letter.toLowerCase(),
    letter,
    letter.toLowerCase(),
    ...'123456789#@%&+=~^'.split(''),
  ];
  const glyph = candidates.find((candidate) => !used.has(candidate)) ?? '?';
  used.add(glyph);
  return glyph;
}
