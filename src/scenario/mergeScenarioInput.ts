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
      merged[key] = { ...definedOnly(merged[key]), ...definedOnly(value) };
    } else {
      merged[key] = value;
    }
  }
  return merged as ScenarioInput;
}

function definedOnly(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return {};
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
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
