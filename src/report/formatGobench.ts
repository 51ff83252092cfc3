import type { BenchResult, RunResult } from '../run/runResult.js';
import { runKeyParts } from './runNames.js';

interface GoMetric {
  readonly unit: string;
  readonly better: 'higher' | 'lower';
  readonly value: (run: RunResult) => number;
}

/** Metrics of each benchmark line, in order; units without spaces, as the Go format requires. */
const GO_METRICS: readonly GoMetric[] = [
  { unit: 'Gbps', better: 'higher', value: (run) => run.delivered.gbps },
  { unit: 'Mpps', better: 'higher', value: (run) => run.delivered.mpps },
  { unit: 'host-cores', better: 'lower', value: (run) => run.cpu.hostCores },
  { unit: 'guest-cores', better: 'lower', value: (run) => run.cpu.guestCores },
  { unit: 'host-cycles/pkt', better: 'lower', value: (run) => run.cpu.hostCyclesPerPacket },
  { unit: 'p50-us', better: 'lower', value: (run) => run.latencyUs.p50 },
  { unit: 'p99-us', better: 'lower', value: (run) => run.latencyUs.p99 },
  { unit: 'drop-ratio', better: 'lower', value: (run) => run.dropRatio },
];

/** What is the same for a group of benchmark lines: benchstat configuration lines (`key: value`). */
function configLines(run: RunResult): string[] {
  const { scenario } = run;
  const model = (run as { modelVersion?: unknown }).modelVersion;
  return [
    `nic: ${scenario.nic.profile}`,
    `host: ${scenario.host.profile}`,
    `seed: ${scenario.seed}`,
    `duration-ms: ${scenario.workload.durationMs}`,
    ...(typeof model === 'string' ? [`model: ${model}`] : []),
  ];
}

/**
 * Go benchmark format (golang.org/design/14313-benchmark-format), which benchstat reads:
 * `BenchmarkNicvirt/mode=sriov/vms=32/frame=1518 1 9.41 Gbps 0.61 host-cores …`. Unit lines say
 * which direction is better and that values are exact (the simulation is deterministic); NIC, host,
 * seed and duration are configuration lines, repeated whenever they change.
 */
export function formatGobench(result: BenchResult): string {
  const lines = [`pkg: nicvirt`, `nicvirt-version: ${result.tool.version}`];
  for (const metric of GO_METRICS) lines.push(`Unit ${metric.unit} better=${metric.better} assume=exact`);
  let current = '';
  for (const run of result.runs) {
    const config = configLines(run).join('\n');
    if (config !== current) {
      lines.push(config);
      current = config;
    }
    const values = GO_METRICS.map((metric) => `${goNumber(metric.value(run))} ${metric.unit}`);
    lines.push(`BenchmarkNicvirt/${runKeyParts(run).join('/')} 1 ${values.join(' ')}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Full precision, never exponent-free garbage: finite numbers only (non-finite → 0). */
function goNumber(value: number): string {
  return Number.isFinite(value) ? String(value) : '0';
}
