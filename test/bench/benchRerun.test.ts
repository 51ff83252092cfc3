import { describe, expect, it } from 'vitest';
import { confirmWorse, rerunPlan, worseRows } from '../../src/bench/benchRerun.js';
import type { BenchComparisonRow } from '../../src/bench/compareBenchReports.js';
import { comparisonOf, comparisonRow } from './comparisonRows.js';

/** A row 18.9% worse (3.7 → 3.0 Mpkt per CPU s), unless overridden. */
const row = (overrides: Partial<BenchComparisonRow>): BenchComparisonRow =>
  comparisonRow({ after: 3.0, change: 3.0 / 3.7 - 1, verdict: 'worse', ...overrides });

describe('rerunPlan', () => {
  it('measures again the sections, modes and frame sizes the worse rows name, in the bench order', () => {
    const plan = rerunPlan([
      row({ section: 'linear', subject: 'sriov', measure: 'ns per packet, 1 s run' }),
      row({ section: 'scaling', subject: 'vmdq 64 B', measure: 'cost ratio 256/32 VMs' }),
      row({ section: 'speed', subject: 'vmq 1518 B' }),
      row({ section: 'memory', subject: 'paravirt 2048 VMs', measure: 'peak RSS MB' }),
      row({ section: 'memory', subject: 'vmq 4096 VMs, 1 s', measure: 'peak RSS MB' }),
    ]);
    expect(plan).toEqual({
      sections: ['speed', 'scaling', 'linear', 'memory'],
      modes: ['paravirt', 'vmq', 'vmdq', 'sriov'],
      frames: [64, 1518],
    });
  });

  it('leaves modes and frames to the first run where no row names them', () => {
    expect(
      rerunPlan([
        row({ section: 'sweep', subject: '--jobs 2', measure: 'wall s, 126 points' }),
        row({ section: 'reference', subject: 'nicvirt on the tandem' }),
      ]),
    ).toEqual({ sections: ['reference', 'sweep'], modes: null, frames: null });
    // A memory row names a mode but no frame size (its runs are 64 B by definition).
    expect(rerunPlan([row({ section: 'memory', subject: 'sriov 256 VMs' })])).toMatchObject({
      modes: ['sriov'],
      frames: null,
    });
  });
});

describe('confirmWorse', () => {
  const first = comparisonOf([
    row({ subject: 'vmq 1518 B' }),
    row({ subject: 'vmdq 1518 B' }),
    row({ subject: 'sriov 64 B' }),
    row({ subject: 'native 64 B', verdict: 'same', change: 0.01 }),
  ]);

  it('confirms a worse row only where the second run finds the same measure worse', () => {
    const again = comparisonOf([
      row({ subject: 'vmq 1518 B', change: -0.3 }),
      row({ subject: 'vmdq 1518 B', verdict: 'same', change: -0.02 }),
      // Same subject, another measure: not the row.
      row({ subject: 'sriov 64 B', measure: 'bytes allocated per packet' }),
    ]);
    const { confirmed, unconfirmed } = confirmWorse(first, again, 0.1);
    expect(confirmed.map((o) => [o.first.subject, o.again?.change])).toEqual([['vmq 1518 B', -0.3]]);
    expect(unconfirmed.map((o) => [o.first.subject, o.again?.verdict])).toEqual([
      ['vmdq 1518 B', 'same'],
      ['sriov 64 B', undefined],
    ]);
    // Worse again, but by less than asked: not confirmed.
    const lessAgain = comparisonOf([row({ subject: 'vmq 1518 B', change: -0.08 })]);
    expect(confirmWorse(first, lessAgain, 0.1).confirmed).toEqual([]);
  });

  it('worseRows: only the rows that came out worse, by as much as asked', () => {
    expect(worseRows(first, 0.1).map((r) => r.subject)).toEqual(['vmq 1518 B', 'vmdq 1518 B', 'sriov 64 B']);
    // By 20% at least: the rows are 18.9% worse.
    expect(worseRows(first, 0.2)).toEqual([]);
  });
});
