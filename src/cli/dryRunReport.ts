import { stringify } from 'yaml';
import { defaultCosts, isCostName } from '../model/costTable.js';
import { formatCount } from '../report/formatNumbers.js';
import { toJsonText } from '../report/toJsonText.js';
import type { CompiledScenario } from '../scenario/compileScenario.js';
import { feasibility, type FeasibilityReport, type VmRange } from '../scenario/feasibility.js';
import type { FrameSpec, LoadSpec, ScenarioConfig } from '../scenario/scenarioConfig.js';
import { frameLabel } from '../workload/frameMix.js';
import { loadLabel } from '../workload/offeredLoad.js';

/**
 * `nicvirt run --dry-run`: the effective configuration of every run and what it would do (which VMs
 * get a queue/pool/VF, which fall back, how many frames it simulates), without running anything.
 */
export function formatDryRunText(scenario: CompiledScenario): string {
  const lines: string[] = [];
  const count = scenario.runs.length;
  lines.push(`dry run: ${scenario.source}, ${count} run${count === 1 ? '' : 's'} (nothing simulated)`);
  const first = scenario.runs[0];
  if (first && first.config.name !== '') lines.push(`name: ${first.config.name}`);
  if (first && first.config.description !== '') lines.push(`description: ${first.config.description}`);
  let packets = 0;
  for (const [index, run] of scenario.runs.entries()) {
    lines.push('', `run ${index + 1}/${count}: ${run.label}`);
    if (index === 0 || !first) {
      lines.push('  effective configuration:');
      lines.push(...indent(stringify(configForHumans(run.config), { lineWidth: 0 }), '    '));
      const overridden = Object.keys(overriddenCostsOf(run.config)).length;
      lines.push(
        overridden === 0
          ? '    # costs: all defaults (nicvirt costs)'
          : `    # costs: ${overridden} overridden, the rest defaults (nicvirt costs)`,
      );
    } else {
      const changes = differences(first.config, run.config);
      lines.push(`  configuration: as run 1${changes.length > 0 ? ` except ${changes.join(', ')}` : ''}`);
    }
    const report = feasibility(run.config);
    packets += report.packets;
    lines.push(...feasibilityLines(report));
  }
  lines.push(
    '',
    `total: ${formatCount(packets)} frames to simulate over ${count} run${count === 1 ? '' : 's'}`,
  );
  return `${lines.join('\n')}\n`;
}

/** The same as data, for `--dry-run --format json`. */
export function formatDryRunJson(scenario: CompiledScenario): string {
  return toJsonText({
    dryRun: true,
    source: scenario.source,
    runs: scenario.runs.map((run) => {
      const report = feasibility(run.config);
      return {
        label: run.label,
        config: run.config,
        feasibility: {
          dedicated: report.placement.dedicated,
          fallback: report.placement.fallback,
          note: report.placement.note,
          vmRanges: report.vmRanges,
          directions: report.directions,
          offeredPpsPerDirection: report.offeredPpsPerDirection,
          offeredGbpsPerDirection: report.offeredGbpsPerDirection,
          lineRatePct: report.lineRatePct,
          simulatedMs: report.simulatedMs,
          packets: report.packets,
        },
      };
    }),
  });
}

function feasibilityLines(report: FeasibilityReport): string[] {
  const lines = [`  placement: ${report.placement.note}`];
  for (const range of report.vmRanges) lines.push(`    ${rangeLabel(range)}: ${pathLabel(range, report)}`);
  const perDirection = report.directions === 2 ? ' in each direction' : '';
  lines.push(
    `  offered: ${formatSignificant(report.offeredPpsPerDirection / 1e6)} Mpps, ${formatSignificant(report.offeredGbpsPerDirection)} Gbit/s L2 (${report.lineRatePct.toFixed(1)}% of line rate)${perDirection}`,
  );
  lines.push(
    `  simulates: ${formatSignificant(report.simulatedMs)} ms (warm-up included), about ${formatCount(report.packets)} frames`,
  );
  return lines;
}

function rangeLabel(range: VmRange): string {
  if (range.path === 'native')
    return range.first === range.last ? `flow ${range.first}` : `flows ${range.first}–${range.last}`;
  return range.first === range.last ? `VM ${range.first}` : `VMs ${range.first}–${range.last}`;
}

function pathLabel(range: VmRange, report: FeasibilityReport): string {
  switch (range.path) {
    case 'dedicated':
      return `own ${report.resourceName}`;
    case 'native':
      return 'RSS on the host (no VM)';
    case 'softwareSwitch':
      return report.placement.dedicated > 0 ? 'software switch (fallback, default queue)' : 'software switch';
  }
}

/** The configuration with costs cut to the overridden ones (the full table is `nicvirt costs`). */
function configForHumans(config: ScenarioConfig): unknown {
  const costs = overriddenCostsOf(config);
  const rest = Object.fromEntries(Object.entries(config).filter(([key]) => key !== 'costs'));
  return Object.keys(costs).length > 0 ? { ...rest, costs } : rest;
}

/** The costs that differ from the defaults, by name. */
function overriddenCostsOf(config: ScenarioConfig): Record<string, number> {
  const defaults = defaultCosts();
  return Object.fromEntries(
    Object.entries(config.costs).filter(([name, value]) => isCostName(name) && defaults[name] !== value),
  );
}

/** `mode: vmdq`, `vms.count: 16`: the leaves that differ between two configurations. */
function differences(a: ScenarioConfig, b: ScenarioConfig): string[] {
  const left = leaves(a, '');
  const right = leaves(b, '');
  const changes: string[] = [];
  for (const [path, value] of right) if (left.get(path) !== value) changes.push(`${path}: ${value}`);
  return changes;
}

function leaves(value: unknown, prefix: string, into = new Map<string, string>()): Map<string, string> {
  if (prefix === 'workload.frame') {
    into.set(prefix, frameLabel(value as FrameSpec));
  } else if (prefix === 'workload.load') {
    into.set(prefix, loadLabel(value as LoadSpec));
  } else if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value))
      leaves(child, prefix === '' ? key : `${prefix}.${key}`, into);
  } else {
    into.set(prefix, typeof value === 'string' ? value : JSON.stringify(value));
  }
  return into;
}

function indent(text: string, prefix: string): string[] {
  return text
    .trimEnd()
    .split('\n')
    .map((line) => `${prefix}${line}`);
}

function formatSignificant(value: number): string {
  if (value === 0) return '0';
  return Number(value.toPrecision(4)).toString();
}
