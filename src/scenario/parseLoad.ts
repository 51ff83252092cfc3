import { didYouMean } from './didYouMean.js';
import type { LoadSpec } from './scenarioConfig.js';

/** Load units a scenario file may write, and how each maps onto a LoadSpec. */
const LOAD_UNITS = {
  '%': { unit: 'percent', scale: 1 },
  gbps: { unit: 'gbps', scale: 1 },
  mbps: { unit: 'gbps', scale: 1e-3 },
  mpps: { unit: 'mpps', scale: 1 },
  kpps: { unit: 'mpps', scale: 1e-3 },
} as const satisfies Record<string, { unit: LoadSpec['unit']; scale: number }>;

type LoadUnitText = keyof typeof LOAD_UNITS;

function caseInsensitive(text: string): string {
  return [...text].map((ch) => (/[a-z]/.test(ch) ? `[${ch}${ch.toUpperCase()}]` : ch)).join('');
}

/**
 * Pattern of a load written as text: a number and a unit, `100%`, `5gbps`, `800mbps`, `1.2mpps`,
 * `500kpps` (units in any case). Written without regex flags so JSON Schema editors can use it.
 */
export const LOAD_TEXT_PATTERN = new RegExp(
  `^\\s*(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)\\s*(?:${Object.keys(LOAD_UNITS)
    .map(caseInsensitive)
    .join('|')})\\s*$`,
);

/** A load as a file writes it (a bare number is a percentage of line rate) → LoadSpec. */
export function parseLoad(value: number | string): LoadSpec {
  if (typeof value === 'number') return { unit: 'percent', value };
  const match = /^\s*([0-9.]+)\s*([a-z%]+)\s*$/i.exec(value);
  const unitText = (match?.[2] ?? '').toLowerCase();
  const number = Number(match?.[1] ?? Number.NaN);
  if (!isLoadUnitText(unitText)) return { unit: 'percent', value: Number.NaN };
  const { unit, scale } = LOAD_UNITS[unitText];
  return { unit, value: roundScaled(number * scale) };
}

function isLoadUnitText(text: string): text is LoadUnitText {
  return Object.hasOwn(LOAD_UNITS, text);
}

/**
 * Undo binary floating-point noise from scaling or summing loads (800 × 0.001 → 0.8, not
 * 0.8000000000000002): 12 significant digits.
 */
export function roundScaled(value: number): number {
  return Number(value.toPrecision(12));
}

/** `5gbs` → `5gbps`: the closest valid spelling of a mistyped load, or undefined. */
export function suggestLoadText(text: string): string | undefined {
  const match = /^\s*((?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))\s*([a-z/%]+)\s*$/i.exec(text);
  if (match?.[1] === undefined || match[2] === undefined) return undefined;
  const unit = didYouMean(
    match[2].toLowerCase().replace('gbit/s', 'gbps').replace('/', ''),
    Object.keys(LOAD_UNITS),
  );
  return unit === undefined ? undefined : `${match[1]}${unit}`;
}
