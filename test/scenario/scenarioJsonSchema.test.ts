import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COST_NAMES } from '../../src/model/costTable.js';
import { SCHEMA_COVERS_SCENARIO_INPUT } from '../../src/scenario/scenarioFileSchema.js';
import {
  allowedKeysAt,
  SCENARIO_SCHEMA_FILE,
  scenarioJsonSchema,
  scenarioJsonSchemaText,
} from '../../src/scenario/scenarioJsonSchema.js';

describe('the scenario JSON Schema', () => {
  it(`the committed ${SCENARIO_SCHEMA_FILE} is the generated one (regenerate: nicvirt schema > ${SCENARIO_SCHEMA_FILE})`, () => {
    const committed = readFileSync(new URL(`../../${SCENARIO_SCHEMA_FILE}`, import.meta.url), 'utf8');
    expect(committed).toBe(scenarioJsonSchemaText());
  });

  it('is draft-07, closed to unknown keys, and documents its fields', () => {
    const schema = scenarioJsonSchema();
    expect(schema['$schema']).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema['additionalProperties']).toBe(false);
    expect(schema.properties?.['workload']?.['additionalProperties']).toBe(false);
    expect(schema.properties?.['mode']?.['description']).toMatch(/a list runs each/);
  });

  it('knows the keys allowed at every level (used for "did you mean")', () => {
    expect(allowedKeysAt([])).toContain('workload');
    expect(allowedKeysAt(['vms'])).toEqual(['count', 'vcpus', 'weights', 'load', 'pinned']);
    expect(allowedKeysAt(['workload', 'frameBytes', 0])).toEqual(['bytes', 'weight']);
    expect(allowedKeysAt(['costs'])).toEqual([...COST_NAMES]);
  });

  it('covers every ScenarioInput field (checked at compile time)', () => {
    expect(SCHEMA_COVERS_SCENARIO_INPUT).toBe(true);
  });
});
