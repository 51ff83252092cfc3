import { describe, expect, it } from 'vitest';
import type { BenchComparison } from '../../src/bench/compareBenchReports.js';
import { formatBenchComparison } from '../../src/bench/formatBenchComparison.js';

const comparison: BenchComparison = {
  rows: [
    {
      section: 'speed',
      subject: 'vmq 1518 B',
      measure: 'Mpkt per CPU s',
      before: 3.84,
      after: 4.8,
      change: 0.25,
      higherIsBetter: true,
      allowance: 0.05,
      verdict: 'better',
    },
    {
      section: 'scaling',
      subject: 'sriov 64 B',
      measure: 'cost ratio 256/32 VMs',
      before: 1.37,
      after: 1.36,
      change: 1.36 / 1.37 - 1,
      higherIsBetter: false,
      allowance: 0.12,
      verdict: 'same',
    },
    {
      section: 'memory',
      subject: 'vmq 4096 VMs',
      measure: 'peak RSS MB',
      before: null,
      after: 244.2,
      change: null,
      higherIsBetter: false,
      allowance: 0.05,
      verdict: 'new',
    },
    {
      section: 'reference',
      subject: 'SimPy',
      measure: 'Mpkt per CPU s',
      before: 0.0672,
      after: null,
      change: null,
      higherIsBetter: true,
      allowance: 0.05,
      verdict: 'gone',
    },
  ],
  differences: ['arrivals: cbr → poisson'],
  counts: { better: 1, worse: 0, same: 1, new: 1, gone: 1 },
};

describe('formatBenchComparison', () => {
  it('prints the set-up differences, a row per measure with its change and verdict, and the counts', () => {
    // The baseline's SimPy row was not measured now: counted, not listed.
    const lines = formatBenchComparison(comparison);
    expect(lines[0]).toBe('the two runs were set up differently: arrivals: cbr → poisson');
    expect(lines[1]).toMatch(/^section\s+what\s+measure\s+before\s+after\s+change\s+verdict$/);
    expect(lines[2]).toMatch(/^speed\s+vmq 1518 B\s+Mpkt per CPU s\s+3\.84\s+4\.80\s+\+25\.0%\s+better$/);
    expect(lines[3]).toMatch(/^scaling\s+sriov 64 B\s+.*1\.37\s+1\.36\s+-0\.7%\s+same \(within ±12%\)$/);
    expect(lines[4]).toMatch(
      /^memory\s+vmq 4096 VMs\s+peak RSS MB\s+-\s+244\s+-\s+new \(not in the baseline\)$/,
    );
    expect(lines[5]).toBe(
      '1 better, 0 worse, 1 within noise, 1 new; 1 in the baseline only (not measured now)',
    );
    expect(lines).toHaveLength(6);
    expect(lines.join('\n')).not.toContain('SimPy');
  });

  it('lines the columns up: every row as wide as the header up to the verdict', () => {
    const lines = formatBenchComparison({ ...comparison, differences: [] });
    const verdictAt = lines[0]!.indexOf('verdict');
    for (const line of lines.slice(1, -1)) {
      expect(line.slice(verdictAt - 2, verdictAt)).toBe('  ');
      expect(line[verdictAt]).not.toBe(' ');
    }
    expect(lines.at(-1)).toMatch(/^1 better, 0 worse, 1 within noise, 1 new; 1 in the baseline only/);
  });
});
