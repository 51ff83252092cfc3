/**
 * Number formatting for humans (tables only; JSON keeps full precision). Every function returns
 * `—` for a value that is not a finite number, so a table never shows NaN or Infinity.
 */
export const MISSING = '—';

/** `1234567` → `1,234,567`; rounds to a whole number. */
export function formatCount(value: number): string {
  if (!Number.isFinite(value)) return MISSING;
  return groupThousands(Math.round(value).toFixed(0));
}

/** A configured value exactly as given, thousands grouped: 1300 → `1,300`, 0.302 → `0.302`, 2.6 → `2.6`. */
export function formatPlain(value: number): string {
  if (!Number.isFinite(value)) return MISSING;
  return groupThousands(String(value));
}

/** A fixed number of decimals, thousands grouped: `formatFixed(1234.5, 1)` → `1,234.5`. */
export function formatFixed(value: number, decimals: number): string {
  if (!Number.isFinite(value)) return MISSING;
  const text = value.toFixed(decimals);
  return text === `-${(0).toFixed(decimals)}` ? text.slice(1) : groupThousands(text);
}

/**
 * About `digits` significant digits, never in exponent notation: 9.8712 → `9.87`, 0.81274 → `0.813`,
 * 12.345 → `12.3`, 1234.5 → `1,235` (whole numbers from 1000 on; at most 6 decimals).
 */
export function formatSignificant(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return MISSING;
  if (value === 0) return '0';
  const magnitude = Math.floor(Math.log10(Math.abs(value)));
  const decimals = Math.min(6, Math.max(0, digits - 1 - magnitude));
  return formatFixed(value, decimals);
}

/** A 0..1 fraction as a percentage: 0.98712 → `98.7%`; tiny non-zero values → `<0.01%`. */
export function formatPercent(fraction: number, decimals = 1): string {
  if (!Number.isFinite(fraction)) return MISSING;
  if (fraction === 0) return '0%';
  const smallest = 10 ** -decimals;
  const percent = fraction * 100;
  if (percent > 0 && percent < smallest) return `<${smallest.toFixed(decimals)}%`;
  return `${formatFixed(percent, decimals)}%`;
}

/** A drop ratio (0..1) with enough decimals to see small losses: `0%`, `<0.01%`, `0.12%`, `12.5%`. */
export function formatDropRatio(ratio: number): string {
  return formatPercent(ratio, ratio >= 0.1 ? 1 : 2);
}

/** Events per second with an SI prefix: 1234567 → `1.23 M/s`, 640000 → `640 k/s`, 12 → `12 /s`. */
export function formatRate(perSecond: number): string {
  if (!Number.isFinite(perSecond)) return MISSING;
  const abs = Math.abs(perSecond);
  if (abs >= 1e9) return `${formatSignificant(perSecond / 1e9)} G/s`;
  if (abs >= 1e6) return `${formatSignificant(perSecond / 1e6)} M/s`;
  if (abs >= 1e3) return `${formatSignificant(perSecond / 1e3)} k/s`;
  return `${formatSignificant(perSecond)} /s`;
}

/** A ratio against a reference: 2.3 → `2.30×`; the reference itself reads `1.00×`. */
export function formatRatio(ratio: number): string {
  if (!Number.isFinite(ratio)) return MISSING;
  return `${formatFixed(ratio, ratio >= 100 ? 0 : 2)}×`;
}

function groupThousands(text: string): string {
  const match = /^(-?)(\d+)(\.\d+)?$/.exec(text);
  if (!match?.[2]) return text;
  const grouped = match[2].replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${match[1] ?? ''}${grouped}${match[3] ?? ''}`;
}
