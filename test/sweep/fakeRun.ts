import type { RunResult } from '../../src/run/runResult.js';
import { resolveScenario } from '../../src/scenario/resolveScenario.js';
import type { ModeId } from '../../src/scenario/scenarioConfig.js';

export interface FakeRunSettings {
  readonly mode: ModeId;
  readonly vms: number;
  readonly offeredGbps: number;
  readonly deliveredGbps: number;
  /** Per-VM delivered ÷ offered of the worst VM (others get their full share). */
  readonly worstShare?: number;
  readonly fallback?: number;
  readonly saturated?: readonly string[];
  readonly bottleneck?: string;
}

/** A RunResult with just what the knee finder and the formatters read; scenario resolved for real. */
export function fakeRun(settings: FakeRunSettings): RunResult {
  const resolved = resolveScenario({ mode: settings.mode, vms: { count: settings.vms }, fallback: true });
  if (!resolved.ok) throw new Error(resolved.problems[0]?.message);
  const perVmOffered = settings.offeredGbps / settings.vms;
  const fallback = settings.fallback ?? (settings.mode === 'paravirt' ? settings.vms : 0);
  return {
    mode: settings.mode,
    vms: settings.vms,
    frameLabel: '1518',
    direction: 'rx',
    scenario: resolved.value,
    offered: { gbps: settings.offeredGbps, mpps: 0 },
    delivered: { gbps: settings.deliveredGbps, mpps: 0, lineRatePct: 0 },
    perVm: Array.from({ length: settings.vms }, (_, vm) => ({
      vm,
      offeredGbps: perVmOffered,
      deliveredGbps: perVmOffered * (vm === 0 ? (settings.worstShare ?? 1) : 1),
    })),
    placement: { dedicated: settings.vms - fallback, fallback, note: '' },
    utilization: (settings.saturated ?? []).map((name) => ({ name, utilization: 1 })),
    bottleneck: settings.bottleneck ?? 'line rate: wire RX 100.0%',
  } as unknown as RunResult;
}
