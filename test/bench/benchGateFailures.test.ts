import { describe, expect, it } from 'vitest';
import { benchGateFailures, type BenchTargetVerdicts } from '../../src/bench/benchGateFailures.js';
import type { BenchGate } from '../../src/bench/benchOptions.js';
import { comparisonOf, comparisonRow } from './comparisonRows.js';

/** The gates asked for, `--worse-by` at `worseBy` (default 10%: the rows below are 19-59% worse). */
const gates = (failOn: BenchGate[], worseBy = 0.1) => ({ failOn, worseBy });

const allPass: BenchTargetVerdicts = { speed: true, scaling: true, linear: true, memory: true, sweep: true };

const row = comparisonRow;
const comparison = comparisonOf;

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
    expect(benchGateFailures(gates([]), failed, comparison([slower]))).toEqual([]);
  });

  it('targets: names every target that ran and failed, not those that passed or did not run', () => {
    const verdicts: BenchTargetVerdicts = {
      speed: true,
      scaling: false,
      linear: false,
      memory: null,
      sweep: null,
    };
    expect(benchGateFailures(gates(['targets']), verdicts, null)).toEqual([
      'targets: scaling FAIL (see its table above)',
      'targets: linearity FAIL (see its table above)',
    ]);
    expect(benchGateFailures(gates(['targets']), allPass, null)).toEqual([]);
    expect(
      benchGateFailures(
        gates(['targets']),
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
    expect(benchGateFailures(gates(['worse']), allPass, comparison(rows))).toEqual([
      'worse: speed vmq 1518 B, Mpkt per CPU s -18.9% (higher is better; noise allowance ±5%)',
      'worse: memory vmq 4096 VMs, peak RSS MB +23.1% (lower is better; noise allowance ±5%)',
    ]);
    expect(
      benchGateFailures(
        gates(['worse']),
        allPass,
        comparison([row({}), row({ verdict: 'better', change: 0.3 })]),
      ),
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
    expect(benchGateFailures(gates(['worse']), allPass, comparison([moreAllocation]))).toEqual([
      'worse: speed vmq 1518 B, bytes allocated per packet +59.1% (lower is better; noise allowance ±5% or ±20)',
    ]);
  });

  it('worse on its own ignores failed targets; both gates report both', () => {
    const failed = { ...allPass, memory: false };
    expect(benchGateFailures(gates(['worse']), failed, comparison([row({})]))).toEqual([]);
    expect(benchGateFailures(gates(['targets', 'worse']), failed, comparison([slower]))).toHaveLength(2);
  });

  it('with a second run: only a measure worse in both trips, saying both changes', () => {
    const slowerVmdq = row({ subject: 'vmdq 1518 B', after: 3.3, change: 3.3 / 3.7 - 1, verdict: 'worse' });
    const again = comparison([
      row({ after: 2.9, change: 2.9 / 3.7 - 1, verdict: 'worse' }),
      row({ subject: 'vmdq 1518 B', after: 3.6, change: 3.6 / 3.7 - 1, verdict: 'same' }),
    ]);
    expect(benchGateFailures(gates(['worse']), allPass, comparison([slower, slowerVmdq]), again)).toEqual([
      'worse: speed vmq 1518 B, Mpkt per CPU s -18.9% (higher is better; noise allowance ±5%), and -21.6% on a second run',
    ]);
    expect(benchGateFailures(gates(['worse']), allPass, comparison([slowerVmdq]), again)).toEqual([]);
  });

  it('worse: a measure must be worse by --worse-by too, in both runs when measured again', () => {
    // slower: -18.9%.
    expect(benchGateFailures(gates(['worse'], 0.2), allPass, comparison([slower]))).toEqual([]);
    expect(benchGateFailures(gates(['worse'], 0.18), allPass, comparison([slower]))).toHaveLength(1);
    const lessAgain = comparison([row({ after: 3.1, change: 3.1 / 3.7 - 1, verdict: 'worse' })]); // -16.2%
    expect(benchGateFailures(gates(['worse'], 0.18), allPass, comparison([slower]), lessAgain)).toEqual([]);
    expect(benchGateFailures(gates(['worse'], 0.15), allPass, comparison([slower]), lessAgain)).toHaveLength(
      1,
    );
  });

  it('--compare (no run: no verdicts) gates on the comparison alone', () => {
    expect(benchGateFailures(gates(['worse']), null, comparison([slower]))).toHaveLength(1);
  });
});
