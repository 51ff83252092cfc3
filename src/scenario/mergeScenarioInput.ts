import type { ScenarioInput } from './scenarioInput.js';

const SECTIONS = ['host', 'nic', 'guest', 'vms', 'workload', 'costs'] as const;

/**
 * `override` on top of `base`, field by field inside each section (precedence: defaults < file <
 * flags). Fields that are undefined in `override` keep the base value.
 */
export function mergeScenarioInput(base: ScenarioInput, override: ScenarioInput): ScenarioInput {
  const merged: Record<string, unknown> = { ...definedOnly(base) };
  for (const [key, value] of Object.entries(definedOnly(override))) {
    if ((SECTIONS as readonly string[]).includes(key)) {
      merged[key] = {
        ...definedOnly(merged[key] as object | undefined),
        ...definedOnly(value as object | undefined),
      };
    } else {
      merged[key] = value;
    }
  }
  return merged as ScenarioInput;
}

export type DefinedOnly<T> = { [K in keyof T]?: Exclude<T[K], undefined> };

/**
 * Drop keys whose value is undefined (zod's optional output allows them; ScenarioInput does not).
 * Anything that is not an object yields `{}`.
 */
export function definedOnly<T extends object>(value: T | undefined): DefinedOnly<T> {
  if (typeof value !== 'object' || value === null) return {};
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as DefinedOnly<T>;
}

/** The value at a dotted ScenarioInput path (`vms.count`), or undefined. */
export function scenarioInputValueAt(input: ScenarioInput, path: string): unknown {
  let value: unknown = input;
  for (const key of path.split('.')) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}
