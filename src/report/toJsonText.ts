/**
 * Preferred key order per parent key (`''` is the top level; array elements use the array's key).
 * Keys an object has that its parent's list does not name follow, in insertion order.
 */
export type JsonKeyOrder = Readonly<Record<string, readonly string[]>>;

/**
 * Serialize plain data as 2-space indented JSON with a trailing newline and a stable key order.
 * Throws, naming the path, on NaN, ±Infinity, functions, symbols, bigints or cycles: JSON output
 * must parse everywhere, so a non-finite number is a bug upstream, never silently `null`.
 */
export function toJsonText(value: unknown, keyOrder: JsonKeyOrder = {}): string {
  return `${JSON.stringify(normalize(value, keyOrder), null, 2)}\n`;
}

/**
 * The plain data toJsonText writes for `value`: keys in `keyOrder`, undefined properties left out,
 * and the same errors. JSON.stringify of it is toJsonText's text without the indentation.
 */
export function normalize(value: unknown, keyOrder: JsonKeyOrder = {}): unknown {
  return normalizeAt(value, '$', '', keyOrder, new Set());
}

function normalizeAt(
  value: unknown,
  path: string,
  parentKey: string,
  keyOrder: JsonKeyOrder,
  seen: Set<object>,
): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`JSON output would contain ${String(value)} at ${path}`);
    return value;
  }
  if (typeof value !== 'object') throw new Error(`JSON output cannot hold a ${typeof value} at ${path}`);
  if (seen.has(value)) throw new Error(`JSON output would contain a cycle at ${path}`);
  seen.add(value);
  try {
    if (Array.isArray(value)) {
      return value.map((item: unknown, index) =>
        normalizeAt(item, `${path}[${index}]`, parentKey, keyOrder, seen),
      );
    }
    const record = value as Record<string, unknown>;
    const preferred = keyOrder[parentKey] ?? [];
    const keys = [
      ...preferred.filter((key) => Object.hasOwn(record, key)),
      ...Object.keys(record).filter((key) => !preferred.includes(key)),
    ];
    const result: Record<string, unknown> = {};
    for (const key of keys) {
      const child = record[key];
      if (child === undefined) continue;
      result[key] = normalizeAt(child, `${path}.${key}`, key, keyOrder, seen);
    }
    return result;
  } finally {
    seen.delete(value);
  }
}
