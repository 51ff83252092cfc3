/** Where the repository keeps the generated JSON Schema of scenario files (nicvirt schema). */
export const SCENARIO_SCHEMA_FILE = 'scenarios/nicvirt.schema.json';
