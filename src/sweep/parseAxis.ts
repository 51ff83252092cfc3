/**
 * Sweep axes from flag text: comma-separated lists whose items may be ranges
 * `START..END[:STEP]`. STEP is `+N` or `N` (add N, the default is +1) or `xN` / `*N` (multiply by
 * N > 1). A range runs from START up to END, including END when a step lands on it. Problems come
 * back as data (the caller names the flag); nothing here throws for bad input.
 */

import { roundScaled } from '../scenario/parseLoad.js';

/** Upper bound on the values one axis may expand to. */
export const MAX_AXIS_VALUES = 10_000;

export type AxisResult<T> =
  { readonly ok: true; readonly values: T[] } | { readonly ok: false; readonly reason: string };

/** A parsed range bound: the number and the unit suffix it was written with (`%`, `gbps`, …). */
export interface RangeNumber {
  readonly value: number;
  readonly unit: string;
}

const NUMBER = String.raw`(?:\d+(?:\.\d*)?|\.\d+)`;
const RANGE = new RegExp(
  String.raw`^(${NUMBER})([a-z%]*)\.\.(${NUMBER})([a-z%]*)(?::([x*+]?)(${NUMBER})([a-z%]*))?$`,
  'i',
);

export function isRange(item: string): boolean {
  return item.includes('..');
}

/**
 * Expand one range item to numbers (and the unit its bounds were written with). `integers`
 * requires whole-number bounds and steps.
 */
export function expandRange(item: string, integers: boolean): AxisResult<RangeNumber> {
  const match = RANGE.exec(item.trim());
  if (!match) {
    return {
      ok: false,
      reason: `"${item}" is not a range START..END[:STEP] (STEP: +N to add, xN to multiply), e.g. 1..64:x2 or 10..100:+10`,
    };
  }
  const [, startText = '', startUnit = '', endText = '', endUnitRaw = '', op = '', stepText, stepUnit = ''] =
    match;
  const unit = (startUnit || endUnitRaw).toLowerCase();
  const endUnit = (endUnitRaw || startUnit).toLowerCase();
  if (unit !== endUnit || (stepUnit !== '' && stepUnit.toLowerCase() !== unit)) {
    return {
      ok: false,
      reason: `"${item}" mixes units; write both ends and the step in one unit, e.g. 10%..100%:+10%`,
    };
  }
  const start = Number(startText);
  const end = Number(endText);
  const step = stepText === undefined ? 1 : Number(stepText);
  const multiply = op === 'x' || op === 'X' || op === '*';
  if (
    integers &&
    (!Number.isInteger(start) || !Number.isInteger(end) || (!multiply && !Number.isInteger(step)))
  ) {
    return { ok: false, reason: `"${item}" needs whole numbers, e.g. 1..64:x2` };
  }
  if (end < start)
    return {
      ok: false,
      reason: `"${item}" ends below its start; write the smaller value first, e.g. ${endText}..${startText}`,
    };
  if (multiply && !(step > 1))
    return { ok: false, reason: `"${item}": a multiplying step must be above 1, e.g. :x2` };
  if (!multiply && !(step > 0)) return { ok: false, reason: `"${item}": the step must be above 0, e.g. :+1` };
  if (multiply && start <= 0)
    return { ok: false, reason: `"${item}": a multiplying range must start above 0, e.g. 1..64:x2` };

  const values: RangeNumber[] = [];
  const tolerance = Math.abs(end) * 1e-9;
  for (let i = 0; ; i++) {
    const raw = multiply ? start * step ** i : start + step * i;
    const value = integers ? Math.round(raw) : roundScaled(raw);
    if (value > end + tolerance) break;
    values.push({ value, unit });
    if (values.length > MAX_AXIS_VALUES) {
      return {
        ok: false,
        reason: `"${item}" expands to more than ${MAX_AXIS_VALUES} values; use a larger step`,
      };
    }
  }
  return { ok: true, values };
}

/** Split a flag value on commas, trimming; empty items are an error (`1,,2`, `,`, ``). */
export function splitList(raw: string): AxisResult<string> {
  const items = raw.split(',').map((item) => item.trim());
  if (items.some((item) => item === '')) {
    return {
      ok: false,
      reason:
        raw.trim() === ''
          ? 'the list is empty'
          : `"${raw}" has an empty item; separate values with single commas, e.g. 1,2,4`,
    };
  }
  return { ok: true, values: items };
}

/**
 * A list whose items are single values or ranges. `parseItem` turns one item (or one expanded
 * range value, written back as text with its unit) into a value; it returns undefined for text it
 * does not accept, and `accepted` describes what it accepts.
 */
export function parseAxis<T>(
  raw: string,
  parseItem: (text: string) => T | undefined,
  settings: { readonly integers: boolean; readonly accepted: string },
): AxisResult<T> {
  const items = splitList(raw);
  if (!items.ok) return items;
  const values: T[] = [];
  for (const item of items.values) {
    if (isRange(item)) {
      const range = expandRange(item, settings.integers);
      if (!range.ok) return range;
      for (const number of range.values) {
        const value = parseItem(`${number.value}${number.unit}`);
        if (value === undefined)
          return {
            ok: false,
            reason: `"${item}" gives ${number.value}${number.unit}, which is not ${settings.accepted}`,
          };
        values.push(value);
      }
    } else {
      const value = parseItem(item);
      if (value === undefined) return { ok: false, reason: `"${item}" is not ${settings.accepted}` };
      values.push(value);
    }
    if (values.length > MAX_AXIS_VALUES)
      return { ok: false, reason: `the list expands to more than ${MAX_AXIS_VALUES} values` };
  }
  return { ok: true, values };
}
