import { describe, expect, it } from 'vitest';
import { benchGateFailures, type BenchTargetVerdicts } from '../../src/bench/benchGateFailures.js';
import type { BenchComparison, BenchComparisonRow } from '../../src/bench/compareBenchReports.js';

const allPass: BenchTargetVerdicts = { speed: true, scaling: true, linear: true, memory: true, sweep: true };

function row(overrides: Partial<BenchComparisonRow>): BenchComparisonRow {
  return {
    section: 'speed',
    subject: 'vmq 1518 B',
    measure: 'Mpkt per CPU s',
    before: 3.7,
    after: 3.7,
    change: 0,
    higherIsBetter: true,
    allowance: 0.05,
    verdict: 'same',
    ...overrides,
  };
}

function comparison(rows: BenchComparisonRow[]): BenchComparison {
  const counts = { better: 0, worse: 0, same: 0, new: 0, gone: 0 };
  for (const r of rows) counts[r.verdict]++;
  return { rows, differences: [], counts };
}

const slower = row({ after: 3.0, change: 3.0 / 3.7 - 1, verdict: 'worse' });
const biggerRss = row({
  section: 'memory',
  subject: 'vmq 4096 VMs',
  measure: 'peak RSS MB',
  before: 130,
  after: 160,
  change: 160 / 130 - 1,
  higherIsBetter: false,
  verdict: 'worse',
});

describe('benchGateFailures', () => {
  it('trips nothing without --fail-on, whatever failed', () => {
    const failed = { ...allPass, speed: false };
    expect(benchGateFailures([], failed, comparison([slower]))).toEqual([]);
  });

  it('targets: names every target that ran and failed, not those that passed or did not run', () => {
    const verdicts: BenchTargetVerdicts = {
      speed: true,
      scaling: false,
      linear: false,
      memory: null,
      sweep: null,
    };
    expect(benchGateFailures(['targets'], verdicts, null)).toEqual([
      'targets: scaling FAIL (see its table above)',
      'targets: linearity FAIL (see its table above)',
    ]);
    expect(benchGateFailures(['targets'], allPass, null)).toEqual([]);
    expect(
      benchGateFailures(
        ['targets'],
        { speed: null, scaling: null, linear: null, memory: null, sweep: null },
        null,
      ),
    ).toEqual([]);
  });

  it('worse: names each measure that moved the wrong way beyond its allowance, with its change', () => {
    const rows = [
      row({}),
      slower,
      row({ change: 0.2, after: 4.44, verdict: 'better' }),
      biggerRss,
      row({ verdict: 'new', before: null, change: null }),
    ];
    expect(benchGateFailures(['worse'], allPass, comparison(rows))).toEqual([
      'worse: speed vmq 1518 B, Mpkt per CPU s -18.9% (higher is better; noise allowance ±5%)',
      'worse: memory vmq 4096 VMs, peak RSS MB +23.1% (lower is better; noise allowance ±5%)',
    ]);
    expect(
      benchGateFailures(['worse'], allPass, comparison([row({}), row({ verdict: 'better', change: 0.3 })])),
    ).toEqual([]);
    const moreAllocation = row({
      measure: 'bytes allocated per packet',
      before: 88,
      after: 140,
      change: 140 / 88 - 1,
      higherIsBetter: false,
      absoluteAllowance: 20,
      verdict: 'worse',
    });
    expect(benchGateFailures(['worse'], allPass, comparison([moreAllocation]))).toEqual([
      'worse: speed vmq 1518 B, bytes allocated per packet +59.1% (lower is better; noise allowance ±5% or ±20)',
    ]);
  });

  it('worse on its own ignores failed targets; both gates report both', () => {
    const failed = { ...allPass, memory: false };
    expect(benchGateFailures(['worse'], failed, comparison([row({})]))).toEqual([]);
    expect(benchGateFailures(['targets', 'worse'], failed, comparison([slower]))).toHaveLength(2);
  });

  it('--compare (no run: no verdicts) gates on the comparison alone', () => {
    expect(benchGateFailures(['worse'], null, comparison([slower]))).toHaveLength(1);
  });
});
