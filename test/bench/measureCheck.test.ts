import { describe, expect, it } from 'vitest';
import { measureCheck } from '../../src/bench/measureCheck.js';

interface Row {
  readonly ratio: number;
  readonly noise: number;
}

/** A measurement that returns `rows` in turn, and how many times it ran. */
function attempts(...rows: Row[]) {
  let calls = 0;
  return {
    measure: (): Row => {
      const row = rows[calls++];
      if (row === undefined) throw new Error('measured more often than expected');
      return row;
    },
    calls: () => calls,
  };
}

const passOf = (row: Row) => row.ratio <= 1.3;

describe('measureCheck', () => {
  it('measures a passing check once, however noisy', () => {
    const run = attempts({ ratio: 1.1, noise: 0.9 });
    expect(measureCheck(run.measure, passOf, 0.1)).toEqual({ ratio: 1.1, noise: 0.9 });
    expect(run.calls()).toBe(1);
  });

  it('measures a check that fails with steady samples once: the failure stands', () => {
    const run = attempts({ ratio: 1.5, noise: 0.05 });
    expect(measureCheck(run.measure, passOf, 0.1)).toEqual({ ratio: 1.5, noise: 0.05 });
    expect(run.calls()).toBe(1);
  });

  it('measures a noisy failure again and keeps the quieter attempt, saying so', () => {
    const run = attempts({ ratio: 1.5, noise: 0.4 }, { ratio: 1.2, noise: 0.03 });
    expect(measureCheck(run.measure, passOf, 0.1)).toEqual({
      ratio: 1.2,
      noise: 0.03,
      firstAttempt: { pass: false, noise: 0.4 },
    });
    expect(run.calls()).toBe(2);
  });

  it('keeps the first attempt when the second is noisier, even if the second passes', () => {
    const run = attempts({ ratio: 1.5, noise: 0.2 }, { ratio: 1.1, noise: 0.5 });
    const result = measureCheck(run.measure, passOf, 0.1);
    expect(result).toEqual({ ratio: 1.5, noise: 0.2, firstAttempt: { pass: false, noise: 0.2 } });
    expect(passOf(result)).toBe(false);
  });

  it('keeps a quieter second failure: measured twice, still failing', () => {
    const run = attempts({ ratio: 1.5, noise: 0.3 }, { ratio: 1.45, noise: 0.02 });
    const result = measureCheck(run.measure, passOf, 0.1);
    expect(result).toMatchObject({ ratio: 1.45, firstAttempt: { noise: 0.3 } });
    expect(passOf(result)).toBe(false);
    expect(run.calls()).toBe(2);
  });
});
