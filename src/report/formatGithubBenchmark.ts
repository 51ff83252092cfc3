import type { BenchResult, RunResult } from '../run/runResult.js';
import { runKeyParts } from './runNames.js';
import { toJsonText } from './toJsonText.js';

/** One entry of github-action-benchmark's `customBiggerIsBetter` / `customSmallerIsBetter` input. */
export interface GithubBenchmarkEntry {
  readonly name: string;
  readonly unit: string;
  readonly value: number;
  readonly extra?: string;
}

interface GithubMetric {
  readonly label: string;
  readonly unit: string;
  readonly value: (run: RunResult) => number;
}

const BIGGER_IS_BETTER: readonly GithubMetric[] = [
  { label: 'delivered Gbit/s', unit: 'Gbit/s', value: (run) => run.delivered.gbps },
  { label: 'delivered Mpps', unit: 'Mpps', value: (run) => run.delivered.mpps },
];

const SMALLER_IS_BETTER: readonly GithubMetric[] = [
  { label: 'p99 latency', unit: 'us', value: (run) => run.latencyUs.p99 },
  { label: 'host CPU', unit: 'cores', value: (run) => run.cpu.hostCores },
  { label: 'host cycles per packet', unit: 'cycles', value: (run) => run.cpu.hostCyclesPerPacket },
  { label: 'drop ratio', unit: 'ratio', value: (run) => run.dropRatio },
];

function entries(result: BenchResult, metrics: readonly GithubMetric[]): GithubBenchmarkEntry[] {
  return result.runs.flatMap((run) =>
    metrics.map((metric) => ({
      name: `${runKeyParts(run).join('/')} ${metric.label}`,
      unit: metric.unit,
      value: metric.value(run),
      extra: `bottleneck: ${run.bottleneck}`,
    })),
  );
}

/** github-action-benchmark `tool: customBiggerIsBetter`: delivered Gbit/s and Mpps per run. */
export function formatGithubBigger(result: BenchResult): string {
  return toJsonText(entries(result, BIGGER_IS_BETTER), { '': ['name', 'unit', 'value', 'extra'] });
}

/** github-action-benchmark `tool: customSmallerIsBetter`: p99 latency, host CPU, cycles, drops. */
export function formatGithubSmaller(result: BenchResult): string {
  return toJsonText(entries(result, SMALLER_IS_BETTER), { '': ['name', 'unit', 'value', 'extra'] });
}
