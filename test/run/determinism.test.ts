import { describe, expect, it } from 'vitest';
import { runScenario, startScenario } from '../../src/run/runScenario.js';
import { ALL_MODES, frame, percent, runShort, shortConfig } from './scenarioRuns.js';

/** Both directions, Poisson arrivals, IMIX frames, 60% load, 8 VMs: every path busy, 4 ms. */
function mixedTraffic(mode: (typeof ALL_MODES)[number]) {
  return shortConfig({
    mode,
    vms: { count: 8 },
    workload: {
      direction: 'bidir',
      arrivals: 'poisson',
      frame: { kind: 'imix' },
      load: percent(60),
      durationMs: 4,
    },
  });
}

describe('determinism', () => {
  it.each(ALL_MODES)('%s: the same config and seed give byte-identical results', (mode) => {
    const config = mixedTraffic(mode);
    const first = JSON.stringify(runScenario(config));
    const second = JSON.stringify(runScenario(config));
    expect(second).toBe(first);
  });

  it.each(ALL_MODES)('%s: a run in slices (as the CLI runs it) gives the byte-identical result', (mode) => {
    const config = mixedTraffic(mode);
    const run = startScenario(config);
    let slices = 1;
    const progress = [run.progress];
    // One step a slice: the shortest the engine takes (a chunk of a few thousand steps).
    while (!run.advance(1)) {
      slices++;
      progress.push(run.progress);
    }
    expect(slices).toBeGreaterThan(3);
    // How far it has got: from 0, rising, short of 1 until it is over.
    expect(progress[0]).toBe(0);
    expect(progress.every((fraction, i) => fraction < 1 && (i === 0 || fraction > progress[i - 1]!))).toBe(
      true,
    );
    expect(run.progress).toBe(1);
    expect(run.advance(1)).toBe(true); // over stays over
    expect(JSON.stringify(run.finish())).toBe(JSON.stringify(runScenario(config)));
  });

  it('refuses a result before the run is over', () => {
    const run = startScenario(shortConfig({ mode: 'sriov', vms: { count: 2 } }));
    expect(() => run.finish()).toThrow(/before the run is over/);
  });

  it('is unaffected by other runs in between (no state leaks from one run into the next)', () => {
    const config = shortConfig({ mode: 'paravirt', vms: { count: 4 }, workload: { arrivals: 'poisson' } });
    const before = JSON.stringify(runScenario(config));
    runShort({
      mode: 'vmdq',
      vms: { count: 20 },
      nic: { profile: '82598' },
      workload: { direction: 'bidir' },
    });
    runShort({
      mode: 'emulated',
      vms: { count: 3 },
      workload: { frame: frame(64), durationMs: 1, warmupMs: 1 },
    });
    expect(JSON.stringify(runScenario(config))).toBe(before);
  });

  it('a different seed with Poisson arrivals gives a different result', () => {
    const input = {
      mode: 'sriov',
      vms: { count: 8 },
      workload: { arrivals: 'poisson', load: percent(50) },
    } as const;
    const a = runShort({ ...input, seed: 1 });
    const b = runShort({ ...input, seed: 2 });
    expect(JSON.stringify(b)).not.toBe(JSON.stringify(a));
    expect(b.frames.offered).not.toBe(a.frames.offered);
    expect(b.latencyUs).not.toEqual(a.latencyUs);
  });

  it('the seed does not matter for CBR with fixed frames (nothing random is drawn)', () => {
    const input = { mode: 'vmq', vms: { count: 8 } } as const;
    const a = runShort({ ...input, seed: 1 });
    const b = runShort({ ...input, seed: 99 });
    expect({ ...b, scenario: null }).toEqual({ ...a, scenario: null });
  });
});
