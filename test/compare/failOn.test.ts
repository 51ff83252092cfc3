import { describe, expect, it } from 'vitest';
import { compareRuns, matchRuns } from '../../src/compare/compareRuns.js';
import { parseFailOn, tripped } from '../../src/compare/failOn.js';
import { withConfigHash } from '../../src/run/withConfigHash.js';
import { fakeRun } from '../sweep/fakeRun.js';

describe('--fail-on', () => {
  it('parses relative and absolute gates', () => {
    const parsed = parseFailOn('delivered.gbps<-2%, latencyUs.p99 > +10%,dropRatio>=0.001');
    expect(parsed.ok && parsed.thresholds).toEqual([
      { path: 'delivered.gbps', operator: '<', limit: -2, relative: true, text: 'delivered.gbps<-2%' },
      { path: 'latencyUs.p99', operator: '>', limit: 10, relative: true, text: 'latencyUs.p99>+10%' },
      { path: 'dropRatio', operator: '>=', limit: 0.001, relative: false, text: 'dropRatio>=0.001' },
    ]);
  });

  it('lists the valid fields for an unknown one, with a suggestion', () => {
    const parsed = parseFailOn('delivered.gpbs<-2%');
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.reason).toContain('unknown field "delivered.gpbs"');
    expect(parsed.reason).toContain('did you mean "delivered.gbps"');
    expect(parsed.reason).toContain('latencyUs.p99');
    expect(parseFailOn('delivered.gbps~2%').ok).toBe(false);
    expect(parseFailOn(' , ').ok).toBe(false);
  });

  it('trips on the right side of the limit only', () => {
    const parsed = parseFailOn('delivered.gbps<-2%');
    const gate = parsed.ok ? parsed.thresholds[0] : undefined;
    if (!gate) throw new Error('no gate');
    expect(tripped(gate, -2.1)).toBe(true);
    expect(tripped(gate, -2)).toBe(false);
    expect(tripped(gate, Number.NaN)).toBe(false);
  });
});

describe('compareRuns', () => {
  const base = [1, 4].map((vms) =>
    withConfigHash(fakeRun({ mode: 'sriov', vms, offeredGbps: 10, deliveredGbps: 10 })),
  );

  it('matches by configHash and counts regressions per gate', () => {
    const next = base.map((run, index) => ({
      ...run,
      delivered: { ...run.delivered, gbps: index === 0 ? 9.7 : 9.9 },
    }));
    const parsed = parseFailOn('delivered.gbps<-2%');
    const comparison = compareRuns(matchRuns(base, next, false), parsed.ok ? parsed.thresholds : []);
    expect(comparison.runs.map((run) => run.violations.length)).toEqual([1, 0]);
    expect(comparison.runs[0]?.changes[0]?.percent).toBeCloseTo(-3, 9);
    expect(comparison.regressions).toBe(1);
  });

  it('leaves runs of other configurations unmatched unless loose, then pairs them by title', () => {
    const other = base.map((run) => ({ ...run, configHash: `x${run.configHash}` }));
    expect(matchRuns(base, other, false).pairs).toHaveLength(0);
    const loose = matchRuns(base, other, true);
    expect(loose.pairs.map((pair) => pair.matchedBy)).toEqual(['title', 'title']);
  });
});
