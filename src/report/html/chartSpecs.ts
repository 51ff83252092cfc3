import { CPU_COMPONENTS, type RunResult } from '../../run/runResult.js';
import { MODE_IDS } from '../../scenario/scenarioConfig.js';
import {
  COMPONENT_COLORS,
  KNEE_STYLE,
  MODE_STYLES,
  VARIANT_DASHES,
  type SeriesStyle,
} from '../chartPalette.js';
import { formatFixed, formatSignificant } from '../formatNumbers.js';
import type { NdrPoint, ReportInput } from '../reportInput.js';
import { CPU_COMPONENT_LABELS } from '../reportLabels.js';
import {
  groupRunSeries,
  jainFairness,
  representativeRun,
  seriesLabel,
  vmAxisIsLogarithmic,
  vmCounts,
  type RunSeries,
} from '../runSeries.js';

/**
 * Charts as plain data: what to draw, not how. The page's script turns each spec into a Chart.js
 * chart; tests count datasets here and in the browser.
 */
export interface AxisSpec {
  readonly title: string;
  readonly scale: 'linear' | 'logarithmic' | 'category';
  /** Ticks exactly at these values (linear and logarithmic axes). */
  readonly ticks?: readonly number[];
  /** Category labels, in order (category axes). */
  readonly categories?: readonly string[];
  readonly beginAtZero?: boolean;
}

export interface PointSpec {
  readonly x: number | string;
  /** null leaves a gap (a value a logarithmic axis cannot show, such as 0). */
  readonly y: number | null;
}

export interface DatasetSpec {
  readonly label: string;
  /** `knee` draws rings on the points, no line. */
  readonly kind: 'line' | 'bar' | 'knee';
  readonly color: string;
  readonly dash: readonly number[];
  readonly marker: string;
  readonly points: readonly PointSpec[];
  /** Bars filled with diagonal hatching (guest-side CPU components). */
  readonly hatched?: boolean;
}

export interface ChartSpec {
  readonly id: string;
  readonly title: string;
  /** One or two sentences under the chart: what is plotted and how to read it. */
  readonly caption: string;
  readonly type: 'line' | 'bar';
  readonly stacked: boolean;
  readonly x: AxisSpec;
  readonly y: AxisSpec;
  readonly datasets: readonly DatasetSpec[];
}

export const LATENCY_PERCENTILES = [
  ['p50', 'p50'],
  ['p90', 'p90'],
  ['p99', 'p99'],
  ['p999', 'p99.9'],
  ['max', 'max'],
] as const;

/** Every chart the report shows for this input, in page order. */
export function buildChartSpecs(input: ReportInput): readonly ChartSpec[] {
  const runs = input.result.runs;
  const series = groupRunSeries(runs);
  const charts: ChartSpec[] =
    runs.length === 0
      ? []
      : [
          throughputChart(series, input),
          hostCoresChart(series, runs),
          cpuBreakdownChart(series),
          latencyChart(series),
          perVmThroughputChart(series),
          perVmLatencyChart(series),
        ];
  if (input.ndr.length > 0) charts.push(ndrChart(input));
  return charts;
}

/** Line style of a series: the mode's colour and marker; later variants of a mode get other dashes. */
export function seriesStyle(series: Pick<RunSeries, 'mode' | 'variantIndex'>): SeriesStyle {
  const style = MODE_STYLES[series.mode];
  if (series.variantIndex === 0) return style;
  return { ...style, dash: VARIANT_DASHES[series.variantIndex % VARIANT_DASHES.length] ?? [] };
}

function vmAxis(runs: readonly RunResult[]): AxisSpec {
  const counts = vmCounts(runs);
  return {
    title: 'VMs',
    scale: vmAxisIsLogarithmic(counts) ? 'logarithmic' : 'linear',
    ticks: counts,
  };
}

function lineDataset(series: RunSeries, points: readonly PointSpec[], label = series.label): DatasetSpec {
  const style = seriesStyle(series);
  return { label, kind: 'line', color: style.color, dash: style.dash, marker: style.marker, points };
}

function throughputChart(series: readonly RunSeries[], input: ReportInput): ChartSpec {
  const runs = input.result.runs;
  const datasets = series.map((curve) =>
    lineDataset(
      curve,
      curve.runs.map((run) => ({ x: run.vms, y: run.delivered.gbps })),
    ),
  );
  const knees = input.knees;
  if (knees.length > 0) {
    datasets.push({
      label: 'knee',
      kind: 'knee',
      color: KNEE_STYLE.color,
      dash: [],
      marker: 'circle',
      points: knees.map((knee) => ({ x: knee.vms, y: knee.deliveredGbps })),
    });
  }
  const links = [...new Set(runs.map((run) => run.scenario.nic.linkGbps))];
  return {
    id: 'throughput',
    title: 'Delivered throughput vs VMs',
    caption:
      `Gbit/s that reached the guests (L2), all VMs together; the link runs at ${links.map((gbps) => formatSignificant(gbps)).join(' / ')} Gbit/s.` +
      (knees.length > 0
        ? ' Rings mark each mode’s knee: past it, more VMs add little throughput.'
        : ' A flat curve means one resource is saturated (see the bottleneck column below).'),
    type: 'line',
    stacked: false,
    x: vmAxis(runs),
    y: { title: 'delivered Gbit/s', scale: 'linear', beginAtZero: true },
    datasets,
  };
}

function hostCoresChart(series: readonly RunSeries[], runs: readonly RunResult[]): ChartSpec {
  return {
    id: 'host-cores',
    title: 'Host cores busy vs VMs',
    caption:
      'Host CPU busy over the measured window, in cores (1 = one core fully busy): switch, copies, device model, exits, interrupt relay and the host stack.',
    type: 'line',
    stacked: false,
    x: vmAxis(runs),
    y: { title: 'host cores', scale: 'linear', beginAtZero: true },
    datasets: series.map((curve) =>
      lineDataset(
        curve,
        curve.runs.map((run) => ({ x: run.vms, y: run.cpu.hostCores })),
      ),
    ),
  };
}

/** `SR-IOV · 64 VMs`: the category of a series at its representative run. */
function atVms(series: RunSeries): string {
  const vms = representativeRun(series).vms;
  return `${series.label} · ${vms} VM${vms === 1 ? '' : 's'}`;
}

function cpuBreakdownChart(series: readonly RunSeries[]): ChartSpec {
  const categories = series.map(atVms);
  const representatives = series.map(representativeRun);
  const components = CPU_COMPONENTS.filter((component) =>
    representatives.some((run) => run.cpu.byComponent[component] > 0),
  );
  return {
    id: 'cpu-breakdown',
    title: 'Where the CPU goes, by component',
    caption:
      'Busy cores per component for each mode at its largest VM count, host side (solid) below guest side (hatched). Tall bars for the same throughput mean an expensive path.',
    type: 'bar',
    stacked: true,
    x: { title: 'mode', scale: 'category', categories },
    y: { title: 'cores busy', scale: 'linear', beginAtZero: true },
    datasets: components.map((component) => ({
      label: CPU_COMPONENT_LABELS[component],
      kind: 'bar',
      color: COMPONENT_COLORS[component],
      dash: [],
      marker: 'rect',
      hatched: component === 'guestInterrupts' || component === 'guestStack',
      points: representatives.map((run, index) => ({
        x: categories[index] ?? '',
        y: run.cpu.byComponent[component],
      })),
    })),
  };
}

function positiveOrGap(value: number): number | null {
  return value > 0 && Number.isFinite(value) ? value : null;
}

function latencyChart(series: readonly RunSeries[]): ChartSpec {
  return {
    id: 'latency',
    title: 'Latency percentiles',
    caption:
      'Per-frame latency from generation to delivery, µs, for each mode at its largest VM count (logarithmic scale). A steep rise to p99 and beyond means queueing.',
    type: 'line',
    stacked: false,
    x: { title: 'percentile', scale: 'category', categories: LATENCY_PERCENTILES.map(([, label]) => label) },
    y: { title: 'latency µs', scale: 'logarithmic' },
    datasets: series.map((curve) => {
      const run = representativeRun(curve);
      return lineDataset(
        curve,
        LATENCY_PERCENTILES.map(([key, label]) => ({ x: label, y: positiveOrGap(run.latencyUs[key]) })),
        atVms(curve),
      );
    }),
  };
}

function fairnessLabel(series: RunSeries): string {
  const fairness = jainFairness(representativeRun(series));
  return `${atVms(series)} · fairness ${formatFixed(fairness, 2)}`;
}

function perVmAxis(series: readonly RunSeries[]): AxisSpec {
  const most = Math.max(1, ...series.map((curve) => representativeRun(curve).perVm.length));
  const step = Math.max(1, Math.ceil(most / 16));
  const ticks: number[] = [];
  for (let vm = 0; vm < most; vm += step) ticks.push(vm);
  return { title: 'VM', scale: 'linear', ticks };
}

function perVmThroughputChart(series: readonly RunSeries[]): ChartSpec {
  return {
    id: 'per-vm-throughput',
    title: 'Per-VM delivered throughput',
    caption:
      'Gbit/s each VM received, for each mode at its largest VM count. Fairness is Jain’s index of delivered ÷ offered per VM (1 = every VM got the same share); a noisy neighbour shows as one VM far from the rest.',
    type: 'line',
    stacked: false,
    x: perVmAxis(series),
    y: { title: 'delivered Gbit/s per VM', scale: 'linear', beginAtZero: true },
    datasets: series.map((curve) =>
      lineDataset(
        curve,
        representativeRun(curve).perVm.map((vm) => ({ x: vm.vm, y: vm.deliveredGbps })),
        fairnessLabel(curve),
      ),
    ),
  };
}

function perVmLatencyChart(series: readonly RunSeries[]): ChartSpec {
  return {
    id: 'per-vm-p99',
    title: 'Per-VM p99 latency',
    caption:
      'p99 latency of each VM’s frames, µs (logarithmic), for each mode at its largest VM count: isolation keeps one VM’s burst out of the others’ tail.',
    type: 'line',
    stacked: false,
    x: perVmAxis(series),
    y: { title: 'p99 µs per VM', scale: 'logarithmic' },
    datasets: series.map((curve) =>
      lineDataset(
        curve,
        representativeRun(curve).perVm.map((vm) => ({ x: vm.vm, y: positiveOrGap(vm.latencyUs.p99) })),
        atVms(curve),
      ),
    ),
  };
}

function ndrChart(input: ReportInput): ChartSpec {
  const sizes = [...new Set(input.ndr.map((point) => point.frameBytes))].sort((a, b) => a - b);
  const variantOf = (point: NdrPoint) => {
    const parts: string[] = [];
    if (new Set(input.ndr.map((other) => other.vms)).size > 1)
      parts.push(`${point.vms} VM${point.vms === 1 ? '' : 's'}`);
    if (new Set(input.ndr.map((other) => other.direction)).size > 1) parts.push(point.direction);
    return parts.join(' · ');
  };
  const variants = [...new Set(input.ndr.map(variantOf))];
  const datasets: DatasetSpec[] = [];
  for (const mode of MODE_IDS) {
    for (const [variantIndex, variant] of variants.entries()) {
      const points = input.ndr
        .filter((point) => point.mode === mode && variantOf(point) === variant)
        .sort((a, b) => a.frameBytes - b.frameBytes)
        .map((point) => ({ x: point.frameBytes, y: point.lineRatePct }));
      if (points.length === 0) continue;
      const style = seriesStyle({ mode, variantIndex });
      datasets.push({
        label: seriesLabel(mode, variant),
        kind: 'line',
        color: style.color,
        dash: style.dash,
        marker: style.marker,
        points,
      });
    }
  }
  const first = sizes[0] ?? 64;
  const last = sizes.at(-1) ?? first;
  return {
    id: 'ndr',
    title: 'No-drop rate vs frame size (RFC 2544)',
    caption:
      'Highest offered load with no frame lost, as % of line rate at each frame size (mean size for mixes). Small frames cost the same per-packet work for fewer bytes, so software paths fall furthest there.',
    type: 'line',
    stacked: false,
    x: { title: 'frame bytes', scale: last / first >= 8 ? 'logarithmic' : 'linear', ticks: sizes },
    y: { title: 'NDR % of line rate', scale: 'linear', beginAtZero: true },
    datasets,
  };
}
