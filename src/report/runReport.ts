import { CPU_COMPONENTS, DROP_LOCATIONS, type RunResult } from '../run/runResult.js';
import {
  formatCount,
  formatDropRatio,
  formatFixed,
  formatPercent,
  formatRate,
  formatSignificant,
} from './formatNumbers.js';
import { perVmSection } from './perVmSection.js';
import { CPU_COMPONENT_LABELS, DROP_LOCATION_LABELS } from './reportLabels.js';
import { keyValueLines, type ReportStyle } from './reportStyle.js';
import { scenarioHeadline } from './scenarioHeadline.js';

/** How many of the busiest resources the report names. */
const BUSIEST_SHOWN = 4;

/** The full human report of one run: summary, CPU, bottleneck, placement, trade-offs, per VM. */
export function runReport(run: RunResult, style: ReportStyle): string {
  const [workload, host] = scenarioHeadline(run);
  const showId = !run.modeName.toLowerCase().startsWith(run.mode);
  const title = showId
    ? `${style.heading(run.modeName)} ${style.dim(`(${run.mode})`)}`
    : style.heading(run.modeName);
  const sections = [
    `${title}\n${workload}\n${style.dim(host)}`,
    keyValueLines(style, summaryRows(run, style)),
    perVmSection(run.perVm, style),
    style.dim(
      `simulated ${formatSignificant(run.sim.simulatedMs)} ms: ${formatCount(run.sim.packets)} packets, ${formatCount(run.sim.events)} events`,
    ),
  ];
  return `${sections.filter((section) => section !== '').join('\n\n')}\n`;
}

function summaryRows(run: RunResult, style: ReportStyle): [string, string][] {
  const offeredLinePct = offeredLineRatePct(run);
  const rows: [string, string][] = [
    [
      'offered',
      `${formatSignificant(run.offered.gbps)} Gbit/s · ${formatSignificant(run.offered.mpps)} Mpps` +
        (offeredLinePct === undefined ? '' : ` · ${formatFixed(offeredLinePct, 1)}% of line rate`),
    ],
    [
      'delivered',
      style.good(
        `${formatSignificant(run.delivered.gbps)} Gbit/s · ${formatSignificant(run.delivered.mpps)} Mpps · ${formatFixed(run.delivered.lineRatePct, 1)}% of line rate`,
      ),
    ],
    ['drops', dropsText(run, style)],
    [
      'latency µs',
      `p50 ${formatSignificant(run.latencyUs.p50)} · p90 ${formatSignificant(run.latencyUs.p90)} · p99 ${formatSignificant(run.latencyUs.p99)} · p99.9 ${formatSignificant(run.latencyUs.p999)} · max ${formatSignificant(run.latencyUs.max)}`,
    ],
    ['CPU cores', `host ${formatFixed(run.cpu.hostCores, 2)} · guest ${formatFixed(run.cpu.guestCores, 2)}`],
    [
      'cycles/packet',
      `host ${formatCount(run.cpu.hostCyclesPerPacket)} · guest ${formatCount(run.cpu.guestCyclesPerPacket)}`,
    ],
    [
      'events/s',
      `VM exits ${formatRate(run.rates.vmExitsPerSec)} · interrupts ${formatRate(run.rates.interruptsPerSec)}`,
    ],
    ['CPU by component', cpuByComponentText(run)],
    ['bottleneck', style.warn(run.bottleneck)],
  ];
  const busiest = run.utilization.slice(0, BUSIEST_SHOWN);
  if (busiest.length > 0) {
    rows.push([
      'busiest',
      busiest.map((resource) => `${resource.name} ${formatPercent(resource.utilization)}`).join(' · '),
    ]);
  }
  const placement = `${formatCount(run.placement.dedicated)} dedicated · ${formatCount(run.placement.fallback)} on the software switch`;
  rows.push([
    'placement',
    run.placement.note === '' ? placement : `${placement}\n${style.dim(run.placement.note)}`,
  ]);
  if (run.tradeoffs.length > 0)
    rows.push(['trade-offs', run.tradeoffs.map((line) => `- ${line}`).join('\n')]);
  return rows;
}

function dropsText(run: RunResult, style: ReportStyle): string {
  const ratio = formatDropRatio(run.dropRatio);
  const where = DROP_LOCATIONS.filter((location) => run.drops[location] > 0).map(
    (location) => `${DROP_LOCATION_LABELS[location]} ${formatCount(run.drops[location])}`,
  );
  if (where.length === 0 && run.dropRatio === 0) return `${ratio} of offered frames`;
  const text = `${ratio} of offered frames${where.length > 0 ? `: ${where.join(' · ')}` : ''}`;
  return style.bad(text);
}

function cpuByComponentText(run: RunResult): string {
  const busy = CPU_COMPONENTS.filter((component) => run.cpu.byComponent[component] > 0)
    .map((component) => ({ component, cores: run.cpu.byComponent[component] }))
    .sort((a, b) => b.cores - a.cores);
  if (busy.length === 0) return 'none';
  return `${busy.map(({ component, cores }) => `${CPU_COMPONENT_LABELS[component]} ${cores < 0.005 ? '<0.01' : formatFixed(cores, 2)}`).join(' · ')} (cores)`;
}

/** Offered load as % of line rate, on the same scale as delivered.lineRatePct. */
export function offeredLineRatePct(run: RunResult): number | undefined {
  if (!(run.delivered.gbps > 0) || !Number.isFinite(run.delivered.lineRatePct)) return undefined;
  return (run.offered.gbps / run.delivered.gbps) * run.delivered.lineRatePct;
}
