import { describe, expect, it } from 'vitest';
import { expandRange, parseAxis, splitList } from '../../src/sweep/parseAxis.js';

const integer = (text: string) => (/^\d+$/.test(text) ? Number(text) : undefined);
const values = <T>(result: { ok: true; values: T[] } | { ok: false; reason: string }) => {
  if (!result.ok) throw new Error(result.reason);
  return result.values;
};

describe('parseAxis', () => {
  it('expands lists and ranges: +N adds, xN multiplies, the end is kept when a step lands on it', () => {
    expect(values(parseAxis('1,2,4', integer, { integers: true, accepted: 'n' }))).toEqual([1, 2, 4]);
    expect(values(parseAxis('1..64:x2', integer, { integers: true, accepted: 'n' }))).toEqual([
      1, 2, 4, 8, 16, 32, 64,
    ]);
    expect(values(parseAxis('1..5', integer, { integers: true, accepted: 'n' }))).toEqual([1, 2, 3, 4, 5]);
    expect(values(parseAxis('4..14:+4,100', integer, { integers: true, accepted: 'n' }))).toEqual([
      4, 8, 12, 100,
    ]);
    expect(values(parseAxis('3..100:*3', integer, { integers: true, accepted: 'n' }))).toEqual([
      3, 9, 27, 81,
    ]);
  });

  it('keeps units on ranges of loads and avoids binary fractions', () => {
    const range = expandRange('10%..100%:+30%', false);
    expect(range.ok && range.values.map((v) => `${v.value}${v.unit}`)).toEqual(['10%', '40%', '70%', '100%']);
    const decimals = expandRange('0.1..0.5:+0.1', false);
    expect(decimals.ok && decimals.values.map((v) => v.value)).toEqual([0.1, 0.2, 0.3, 0.4, 0.5]);
  });

  it.each([
    ['64..1', 'ends below its start'],
    ['1..64:x1', 'above 1'],
    ['1..64:+0', 'above 0'],
    ['1..', 'not a range'],
    ['a..b', 'not a range'],
    ['1.5..4', 'whole numbers'],
    ['1..1000000', 'more than'],
    ['10%..5gbps', 'mixes units'],
  ])('refuses the malformed range %s', (item, reason) => {
    const result = parseAxis(item, integer, { integers: !item.includes('%'), accepted: 'n' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });

  it('refuses empty lists and empty items, and items the value parser rejects', () => {
    expect(splitList('').ok).toBe(false);
    expect(splitList('1,,2').ok).toBe(false);
    const bad = parseAxis('1,x', integer, { integers: true, accepted: 'a whole number' });
    expect(bad.ok || bad.reason).toBe('"x" is not a whole number');
  });
});
