import { describe, expect, it } from 'vitest';
import { canonicalJson, configHash } from '../../src/run/withConfigHash.js';
import { compileScenario } from '../../src/scenario/compileScenario.js';
import { resolveScenario } from '../../src/scenario/resolveScenario.js';

function config(input: Parameters<typeof resolveScenario>[0]) {
  const resolved = resolveScenario(input);
  if (!resolved.ok) throw new Error(resolved.problems[0]?.message);
  return resolved.value;
}

describe('configHash', () => {
  it('is 16 hex digits, independent of key order, names and descriptions', () => {
    const base = config({ mode: 'sriov', vms: { count: 4 } });
    expect(configHash(base)).toMatch(/^[0-9a-f]{16}$/);
    expect(canonicalJson({ b: 1, a: [{ d: 2, c: 3 }] })).toBe('{"a":[{"c":3,"d":2}],"b":1}');
    const renamed = { ...base, name: 'other', description: 'words' };
    expect(configHash(renamed)).toBe(configHash(base));
    const reordered = Object.fromEntries(Object.entries(base).reverse()) as typeof base;
    expect(configHash(reordered)).toBe(configHash(base));
  });

  it('changes with anything that changes the result', () => {
    const base = configHash(config({ mode: 'sriov', vms: { count: 4 } }));
    expect(configHash(config({ mode: 'sriov', vms: { count: 4 }, seed: 2 }))).not.toBe(base);
    expect(configHash(config({ mode: 'sriov', vms: { count: 5 } }))).not.toBe(base);
    expect(
      configHash(config({ mode: 'sriov', vms: { count: 4 }, costs: { switchPortCycles: 6500 } })),
    ).not.toBe(base);
  });

  it('is the same for flags and for a scenario file saying the same thing', () => {
    const compiled = compileScenario('name: mine\nmode: sriov\nvms: 4\n', { source: 'x.yaml' });
    if (!compiled.ok) throw new Error('did not compile');
    const fromFile = compiled.value.runs[0]?.config;
    if (!fromFile) throw new Error('no run');
    expect(configHash(fromFile)).toBe(configHash(config({ mode: 'sriov', vms: { count: 4 } })));
  });
});
