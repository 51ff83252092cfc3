import { describe, expect, it } from 'vitest';
import {
  EVENTS_PER_FRAME_BOUND,
  PLANNING_FRAMES_PER_SECOND,
  estimateWork,
  wallSeconds,
} from '../../src/run/estimateWork.js';
import { runScenario } from '../../src/run/runScenario.js';
import { feasibility } from '../../src/scenario/feasibility.js';
import { resolveScenario } from '../../src/scenario/resolveScenario.js';
import type { Direction, ModeId, ScenarioConfig } from '../../src/scenario/scenarioConfig.js';
import type { ScenarioInput } from '../../src/scenario/scenarioInput.js';
import { ALL_MODES } from './scenarioRuns.js';

function config(input: ScenarioInput): ScenarioConfig {
  const resolved = resolveScenario({ fallback: true, ...input });
  if (!resolved.ok) throw new Error(JSON.stringify(resolved.problems));
  return resolved.value;
}

describe('estimateWork', () => {
  it('counts frames exactly as run --dry-run does (feasibility), summed over runs', () => {
    const configs = [
      config({ mode: 'sriov' }),
      config({ mode: 'paravirt', workload: { direction: 'bidir', frame: { kind: 'imix' } } }),
      config({ mode: 'native', nic: { linkGbps: 100 }, workload: { frame: { kind: 'fixed', bytes: 64 } } }),
    ];
    const estimate = estimateWork(configs);
    expect(estimate.runs).toBe(3);
    expect(estimate.frames).toBe(configs.reduce((sum, c) => sum + feasibility(c).packets, 0));
    expect(estimate.vms).toBe(96);
    // 10 GbE, 1518 B, 110 ms: 812,744 frames/s × 0.11 s
    expect(estimateWork([configs[0] as ScenarioConfig]).frames).toBe(89_402);
  });

  it('bounds events by the per-mode factor and times runs at the planning speed', () => {
    const sriov = config({ mode: 'sriov', vms: { count: 4 } });
    const estimate = estimateWork([sriov]);
    expect(estimate.events).toBeCloseTo(estimate.frames * EVENTS_PER_FRAME_BOUND.sriov, 6);
    expect(estimate.seconds).toBeGreaterThan(estimate.frames / PLANNING_FRAMES_PER_SECOND);
    expect(estimate.longestRunSeconds).toBe(estimate.seconds);
  });

  it('shares the time out over parallel workers, never below the longest run', () => {
    const configs = [1, 2, 4, 8].map((vms) => config({ mode: 'paravirt', vms: { count: vms } }));
    const estimate = estimateWork(configs);
    expect(wallSeconds(estimate, 1)).toBeCloseTo(estimate.seconds, 12);
    expect(wallSeconds(estimate, 2)).toBeCloseTo(estimate.seconds / 2, 12);
    expect(wallSeconds(estimate, 100)).toBe(estimate.longestRunSeconds);
    expect(wallSeconds(estimateWork([]), 4)).toBe(0);
  });

  it('stays finite at the extremes the validator allows', () => {
    const extreme = config({
      mode: 'emulated',
      vms: { count: 4096 },
      nic: { linkGbps: 800 },
      workload: {
        frame: { kind: 'fixed', bytes: 64 },
        durationMs: 60_000,
        warmupMs: 60_000,
        direction: 'bidir',
      },
    });
    const estimate = estimateWork([extreme]);
    for (const value of Object.values(estimate)) expect(Number.isFinite(value)).toBe(true);
    expect(estimate.frames).toBeGreaterThan(2e11);
  });
});

describe('the estimate against the engine (small runs; keeps the constants honest)', () => {
  const DIRECTIONS: readonly Direction[] = ['rx', 'bidir'];
  const cases: { mode: ModeId; input: ScenarioInput }[] = [];
  for (const mode of ALL_MODES) {
    for (const direction of DIRECTIONS) {
      // Light load is the worst case for events per frame; full load for the frame count.
      cases.push({
        mode,
        input: {
          workload: { load: { unit: 'percent', value: 0.5 }, direction, durationMs: 20, warmupMs: 1 },
        },
      });
      cases.push({
        mode,
        input: { workload: { frame: { kind: 'fixed', bytes: 64 }, direction, durationMs: 1, warmupMs: 0.5 } },
      });
    }
  }

  it.each(cases.map((entry) => [entry.mode, JSON.stringify(entry.input.workload), entry] as const))(
    '%s %s: frames as estimated, events within the bound',
    (_mode, _workload, { mode, input }) => {
      const runConfig = config({ ...input, mode, vms: { count: 4 } });
      const estimate = estimateWork([runConfig]);
      const result = runScenario(runConfig);
      // The estimate is the offered rate × time; the source rounds per VM and per direction.
      expect(Math.abs(result.sim.packets - estimate.frames)).toBeLessThanOrEqual(8 + estimate.frames * 1e-3);
      expect(result.sim.events).toBeLessThanOrEqual(estimate.events + 50);
    },
  );
});
