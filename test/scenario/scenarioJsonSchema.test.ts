import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COST_NAMES } from '../../src/model/costTable.js';
import { SCHEMA_COVERS_SCENARIO_INPUT } from '../../src/scenario/scenarioFileSchema.js';
import {
  allowedKeysAt,
  scenarioJsonSchema,
  scenarioJsonSchemaText,
} from '../../src/scenario/scenarioJsonSchema.js';
import { SCENARIO_SCHEMA_FILE } from '../../src/scenario/scenarioSchemaFile.js';
import type { ScenarioInput } from '../../src/scenario/scenarioInput.js';

/** Every key of T, listed at runtime; adding a field to T without listing it here fails to compile. */
type AllKeys<T> = { [K in keyof Required<NonNullable<T>>]: true };

const TOP: AllKeys<ScenarioInput> = {
  name: true,
  description: true,
  mode: true,
  seed: true,
  host: true,
  nic: true,
  guest: true,
  vms: true,
  workload: true,
  fallback: true,
  costs: true,
};
const HOST: AllKeys<ScenarioInput['host']> = {
  profile: true,
  cores: true,
  ghz: true,
  ddio: true,
  postedInterrupts: true,
  crossSocket: true,
  iommu: true,
};
const NIC: AllKeys<ScenarioInput['nic']> = {
  profile: true,
  linkGbps: true,
  rxQueues: true,
  vmdqPools: true,
  vfs: true,
  pcieGbps: true,
  ringSize: true,
  itrUs: true,
  coalesceFrames: true,
};
const GUEST: AllKeys<ScenarioInput['guest']> = {
  ringSize: true,
  e1000ItrUs: true,
  virtualCoalesceUs: true,
  napiBudget: true,
  backendBatch: true,
  backlogFrames: true,
};
const VMS: AllKeys<ScenarioInput['vms']> = { count: true, vcpus: true, weights: true };
const WORKLOAD: AllKeys<ScenarioInput['workload']> = {
  direction: true,
  frame: true,
  load: true,
  arrivals: true,
  durationMs: true,
  warmupMs: true,
  sourceQueueFrames: true,
  appCyclesPerFrame: true,
};

const sorted = (keys: readonly string[]): string[] => [...keys].sort();

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

  it('allows exactly the ScenarioInput keys at the top level and in host, nic and guest', () => {
    expect(sorted(allowedKeysAt([]).filter((key) => key !== '$schema'))).toEqual(sorted(Object.keys(TOP)));
    expect(sorted(allowedKeysAt(['host']))).toEqual(sorted(Object.keys(HOST)));
    expect(sorted(allowedKeysAt(['nic']))).toEqual(sorted(Object.keys(NIC)));
    expect(sorted(allowedKeysAt(['guest']))).toEqual(sorted(Object.keys(GUEST)));
  });

  it('spells every ScenarioInput vms and workload field (frame as frameBytes)', () => {
    expect(allowedKeysAt(['vms'])).toEqual(expect.arrayContaining(Object.keys(VMS)));
    const workloadSpellings = Object.keys(WORKLOAD).map((key) => (key === 'frame' ? 'frameBytes' : key));
    expect(sorted(allowedKeysAt(['workload']))).toEqual(sorted(workloadSpellings));
  });
});
