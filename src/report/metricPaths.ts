import { CPU_COMPONENTS, DROP_LOCATIONS, type RunResult } from '../run/runResult.js';

/**
 * The numeric fields of a run, as dotted paths into the JSON result (`delivered.gbps`,
 * `latencyUs.p99`, `cpu.byComponent.switch`). `--fail-on`, `--assert` and the CSV columns all name
 * metrics this way, so a path that works in one works in the others.
 */
export const METRIC_PATHS: readonly string[] = [
  'vms',
  'frameBytes',
  'offered.gbps',
  'offered.mpps',
  'delivered.gbps',
  'delivered.mpps',
  'delivered.lineRatePct',
  'dropRatio',
  ...DROP_LOCATIONS.map((location) => `drops.${location}`),
  'frames.offered',
  'frames.delivered',
  'frames.dropped',
  'frames.inFlight',
  'latencyUs.p50',
  'latencyUs.p90',
  'latencyUs.p99',
  'latencyUs.p999',
  'latencyUs.max',
  'cpu.hostCores',
  'cpu.guestCores',
  'cpu.hostCyclesPerPacket',
  'cpu.guestCyclesPerPacket',
  ...CPU_COMPONENTS.map((component) => `cpu.byComponent.${component}`),
  'rates.vmExitsPerSec',
  'rates.interruptsPerSec',
  'placement.dedicated',
  'placement.fallback',
  'sim.packets',
  'sim.events',
  'sim.simulatedMs',
];

export function isMetricPath(path: string): boolean {
  return METRIC_PATHS.includes(path);
}

/** The value at a metric path, or undefined when the run does not have a finite number there. */
export function metricValue(run: RunResult, path: string): number | undefined {
  let value: unknown = run;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** `a, b, c` wrapped for an error message: every valid metric path. */
export function metricPathList(): string {
  return METRIC_PATHS.join(', ');
}
