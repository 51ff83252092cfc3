import { describe, expect, it } from 'vitest';
import {
  formatCount,
  formatDropRatio,
  formatFixed,
  formatPercent,
  formatRate,
  formatRatio,
  formatSignificant,
} from '../../src/report/formatNumbers.js';

describe('number formatting for tables', () => {
  it('keeps about three significant digits without exponents', () => {
    expect(formatSignificant(9.8712)).toBe('9.87');
    expect(formatSignificant(0.81274)).toBe('0.813');
    expect(formatSignificant(12.345)).toBe('12.3');
    expect(formatSignificant(1234.5)).toBe('1,235');
    expect(formatSignificant(0)).toBe('0');
    expect(formatSignificant(1e-9)).toBe('0.000000');
  });

  it('groups thousands and rounds counts', () => {
    expect(formatCount(1234567.4)).toBe('1,234,567');
    expect(formatFixed(-0.001, 2)).toBe('0.00');
    expect(formatFixed(-1234.5, 1)).toBe('-1,234.5');
  });

  it('formats percentages, drop ratios, rates and ratios', () => {
    expect(formatPercent(0.98712)).toBe('98.7%');
    expect(formatPercent(0)).toBe('0%');
    expect(formatDropRatio(0.00001)).toBe('<0.01%');
    expect(formatDropRatio(0.0123)).toBe('1.23%');
    expect(formatDropRatio(0.5)).toBe('50.0%');
    expect(formatRate(1_234_567)).toBe('1.23 M/s');
    expect(formatRate(640_000)).toBe('640 k/s');
    expect(formatRate(12)).toBe('12.0 /s');
    expect(formatRatio(2.3)).toBe('2.30×');
  });

  it('shows a dash for values that are not finite', () => {
    for (const format of [formatCount, formatSignificant, formatPercent, formatRate, formatRatio]) {
      expect(format(Number.NaN)).toBe('—');
      expect(format(Infinity)).toBe('—');
    }
  });
});
