/**
 * Where the repository keeps the generated JSON Schema of scenario files (nicvirt schema); bundled
 * scenarios point editors at it.
 */
export const SCENARIO_SCHEMA_FILE = 'scenarios/nicvirt.schema.json';
