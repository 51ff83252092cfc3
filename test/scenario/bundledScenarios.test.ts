import { readdirSync, readFileSync } from 'node:fs';
import { sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/run/runScenario.js';
import { compileScenario } from '../../src/scenario/compileScenario.js';

const scenariosUrl = new URL('../../scenarios/', import.meta.url);
/** Every scenario under scenarios/, subfolders (published/) included, as paths relative to it. */
const bundled = (readdirSync(scenariosUrl, { recursive: true }) as string[])
  .map((name) => name.split(sep).join('/'))
  .filter((name) => /\.(ya?ml|json)$/.test(name) && !name.endsWith('.schema.json'))
  .sort();
const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/** Short runs: the bundled durations are for people; the suite only checks that each one runs. */
const SHORT = { workload: { durationMs: 2, warmupMs: 0.5 } };

describe('bundled scenarios', () => {
  it('ship the required cases', () => {
    for (const name of [
      'native.yaml',
      'emulated.yaml',
      'paravirt.yaml',
      'vmq.yaml',
      'vmdq.yaml',
      'sriov.yaml',
      'mode-comparison.yaml',
      'imix.yaml',
      'tx.yaml',
      'bidir.yaml',
      'vf-exhaustion.yaml',
      'noisy-neighbour.yaml',
    ]) {
      expect(bundled).toContain(name);
    }
  });

  it.each(bundled)('%s validates, points editors at the schema, is documented and runs', (name) => {
    const text = readFileSync(new URL(name, scenariosUrl), 'utf8');
    const schemaPath = `${'../'.repeat(name.split('/').length - 1) || './'}nicvirt.schema.json`;
    if (name.endsWith('.json')) expect(JSON.parse(text)).toHaveProperty('$schema', schemaPath);
    else expect(text.split('\n')[0]).toBe(`# yaml-language-server: $schema=${schemaPath}`);
    // The README lists the top-level examples; published reproductions have their own section.
    if (!name.includes('/')) expect(readme).toContain(`scenarios/${name}`);

    expect(compileScenario(text, { source: name }).ok).toBe(true);
    const compiled = compileScenario(text, { source: name, overrides: SHORT });
    if (!compiled.ok) throw new Error(compiled.problems.map((p) => p.message).join('\n'));
    expect(compiled.value.runs.length).toBeGreaterThan(0);
    for (const run of compiled.value.runs) {
      expect(run.config.name).not.toBe('');
      const result = runScenario(run.config);
      expect(result.mode).toBe(run.config.mode);
      expect(result.frames.offered).toBeGreaterThan(0);
      expect(result.delivered.gbps).toBeGreaterThan(0);
    }
  });

  it('cover every mode and the special cases', () => {
    const configs = bundled.flatMap((name) => {
      const compiled = compileScenario(readFileSync(new URL(name, scenariosUrl), 'utf8'), { source: name });
      return compiled.ok ? compiled.value.runs.map((run) => run.config) : [];
    });
    const modes = new Set(configs.map((config) => config.mode));
    expect([...modes].sort()).toEqual(['emulated', 'native', 'paravirt', 'sriov', 'vmdq', 'vmq']);
    expect(configs.some((config) => config.workload.frame.kind === 'imix')).toBe(true);
    expect(configs.some((config) => config.workload.direction === 'tx')).toBe(true);
    expect(configs.some((config) => config.workload.direction === 'bidir')).toBe(true);
    expect(configs.some((config) => config.mode === 'sriov' && config.vms.count > config.nic.vfs)).toBe(true);
    expect(configs.some((config) => (config.vms.weights?.length ?? 0) > 1)).toBe(true);
  });
});
