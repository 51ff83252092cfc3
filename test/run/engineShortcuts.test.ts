import { describe, expect, it } from 'vitest';
import { runScenario, type EngineStats } from '../../src/run/runScenario.js';
import type { ScenarioInput } from '../../src/scenario/scenarioInput.js';
import { ALL_MODES, frame, percent, shortConfig } from './scenarioRuns.js';

/**
 * The engine applies some events off the heap (deferred quiet job ends, lazy clock groups, early
 * wake-ups of followers). These tests hold it to its promise: with the shortcuts on, every result
 * — down to the event count — is what the plain heap-only engine gives.
 */
function both(input: ScenarioInput): { reference: string; fast: string; stats: EngineStats } {
  const config = shortConfig(input);
  const stats: EngineStats = { heapEvents: 0, deferredEvents: 0 };
  const reference = JSON.stringify(runScenario(config, { shortcuts: false }));
  const fast = JSON.stringify(runScenario(config, { stats }));
  return { reference, fast, stats };
}

const SHAPES: readonly [string, ScenarioInput][] = [
  [
    'cbr 1518 B, 32 VMs',
    { vms: { count: 32 }, workload: { frame: frame(1518), durationMs: 4, warmupMs: 1 } },
  ],
  [
    'poisson imix bidir, 8 VMs',
    {
      vms: { count: 8 },
      workload: { direction: 'bidir', arrivals: 'poisson', frame: { kind: 'imix' }, durationMs: 3 },
    },
  ],
  [
    'cbr 64 B tx, 4 VMs',
    { vms: { count: 4 }, workload: { direction: 'tx', frame: frame(64), durationMs: 2 } },
  ],
  [
    'overload with tiny rings and frame-count coalescing',
    {
      vms: { count: 3 },
      nic: { ringSize: 8, coalesceFrames: 4 },
      guest: { ringSize: 8, napiBudget: 4, backendBatch: 4 },
      workload: { frame: frame(64), durationMs: 2, warmupMs: 0.5 },
    },
  ],
  [
    'virtual interrupt coalescing, no ITR, weighted VMs, posted interrupts',
    {
      vms: { count: 5, weights: [1, 2, 3, 1, 1] },
      nic: { itrUs: 0 },
      host: { postedInterrupts: true },
      guest: { virtualCoalesceUs: 5 },
      workload: { arrivals: 'poisson', frame: frame(512), load: percent(70), durationMs: 3 },
    },
  ],
  [
    // 100 ns between frames, 1 ns cycles, an ITR of exactly 100 frames: a lattice of round times
    // where events of different stages can meet. (Here insertion order alone happens to give the
    // same result; test/model/assignClocks.test.ts builds a tie whose order matters.)
    'same-picosecond events everywhere (CBR on a round period, 1 GHz cores)',
    {
      vms: { count: 6 },
      nic: { linkGbps: 6.72, itrUs: 10 },
      host: { ghz: 1, cores: 3 },
      guest: { virtualCoalesceUs: 2 },
      workload: { frame: frame(64), durationMs: 2, warmupMs: 0.5 },
    },
  ],
  [
    'one host core, VMs beyond the NIC queues',
    { vms: { count: 70 }, host: { cores: 1 }, workload: { frame: frame(512), durationMs: 2, warmupMs: 0.5 } },
  ],
];

describe('engine shortcuts', () => {
  for (const [label, input] of SHAPES) {
    it.each(ALL_MODES)(`${label}: %s gives the heap-only engine's result exactly`, (mode) => {
      const { reference, fast } = both({ ...input, mode, fallback: true });
      expect(fast).toBe(reference);
    });
  }

  it('runs RX without the heap in every mode (lazy clock groups), and bidirectional traffic partly', () => {
    for (const mode of ALL_MODES) {
      const { stats } = both({ mode, vms: { count: 32 }, workload: { frame: frame(1518), durationMs: 4 } });
      expect(stats.heapEvents, mode).toBe(0);
      expect(stats.deferredEvents, mode).toBeGreaterThan(0);
    }
    // TX ends at the NIC's shared TX port: those cores stay on the heap (quiet ends still deferred)
    for (const mode of ['sriov', 'native', 'vmq'] as const) {
      const { stats } = both({
        mode,
        vms: { count: 32 },
        workload: { direction: 'bidir', frame: frame(1518), durationMs: 4 },
      });
      expect(stats.heapEvents, mode).toBeGreaterThan(0);
      expect(stats.deferredEvents, mode).toBeGreaterThan(stats.heapEvents / 10);
    }
  });
});
