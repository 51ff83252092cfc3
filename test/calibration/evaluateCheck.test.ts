import { describe, expect, it } from 'vitest';
import { evaluateCheck, summarizeValidation } from '../../src/calibration/evaluateCheck.js';
import type { PublishedCheck } from '../../src/calibration/publishedChecks.js';

function check(
  published: PublishedCheck['published'],
  tolerancePct: number,
  simulated: number,
): PublishedCheck {
  return {
    id: 'X1',
    result: 'X',
    source: 'test',
    what: 'a figure',
    unit: 'Gb/s',
    published,
    tolerancePct,
    inputs: [],
    measure: () => simulated,
  };
}

describe('evaluateCheck', () => {
  it('measures the relative error from a published value against the tolerance', () => {
    const inside = evaluateCheck(check({ kind: 'value', value: 4 }, 5, 3.9), []);
    expect(inside.errorPct).toBeCloseTo(-2.5, 9);
    expect(inside.pass).toBe(true);
    const outside = evaluateCheck(check({ kind: 'value', value: 4 }, 5, 4.3), []);
    expect(outside.errorPct).toBeCloseTo(7.5, 9);
    expect(outside.pass).toBe(false);
  });

  it('treats a published range as zero error inside and measures from the nearest end outside', () => {
    expect(evaluateCheck(check({ kind: 'range', low: 3, high: 5 }, 0, 4.2), []).errorPct).toBe(0);
    const low = evaluateCheck(check({ kind: 'range', low: 3, high: 5 }, 0, 2.7), []);
    expect(low.errorPct).toBeCloseTo(-10, 9);
    expect(low.pass).toBe(false);
    const high = evaluateCheck(check({ kind: 'range', low: 3, high: 5 }, 10, 5.4), []);
    expect(high.errorPct).toBeCloseTo(8, 9);
    expect(high.pass).toBe(true);
    expect(high.published).toBe('3 – 5');
  });

  it('never passes a non-finite simulated figure', () => {
    expect(evaluateCheck(check({ kind: 'value', value: 4 }, 100, Number.NaN), []).pass).toBe(false);
  });

  it('counts passes and failures', () => {
    const rows = [
      evaluateCheck(check({ kind: 'value', value: 1 }, 1, 1), []),
      evaluateCheck(check({ kind: 'value', value: 1 }, 1, 2), []),
    ];
    expect(summarizeValidation(rows)).toMatchObject({ passed: 1, failed: 1 });
  });
});
