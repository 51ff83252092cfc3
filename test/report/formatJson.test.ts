import { describe, expect, it } from 'vitest';
import { formatJson } from '../../src/report/formatJson.js';
import { RESULT_SCHEMA_VERSION, type BenchResult, type RunResult } from '../../src/run/runResult.js';
import { makeRunResult } from './runResultFixture.js';

function bench(runs: readonly RunResult[]): BenchResult {
  return {
    schemaVersion: RESULT_SCHEMA_VERSION,
    tool: { name: 'nicvirt', version: '0.0.0-test' },
    seed: 7,
    runs,
  };
}

/** The same object with every key inserted in reverse order. */
function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([key, child]) => [key, reversedKeys(child)]),
  );
}

describe('formatJson', () => {
  const result = bench([makeRunResult()]);
  const text = formatJson(result);

  it('round-trips the result at full precision', () => {
    expect(JSON.parse(text)).toEqual(result);
    expect(text).toContain('"gbps": 9.8712');
  });

  it('is 2-space indented with a trailing newline', () => {
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.split('\n')[1]).toBe('  "schemaVersion": 1,');
  });

  it('orders keys by the contract, not by how the object was built', () => {
    expect(Object.keys(JSON.parse(text) as object)).toEqual(['schemaVersion', 'tool', 'seed', 'runs']);
    const run = (JSON.parse(text) as { runs: Record<string, unknown>[] }).runs[0] ?? {};
    expect(Object.keys(run).slice(0, 3)).toEqual(['mode', 'modeName', 'vms']);
    expect(Object.keys(run).at(-1)).toBe('scenario');
    expect(formatJson(reversedKeys(result) as BenchResult)).toBe(text);
  });

  it('refuses NaN and Infinity, naming where they are', () => {
    const nan = bench([{ ...makeRunResult(), dropRatio: Number.NaN }]);
    expect(() => formatJson(nan)).toThrow(/NaN at \$\.runs\[0\]\.dropRatio/);
    const infinite = bench([{ ...makeRunResult(), rates: { vmExitsPerSec: Infinity, interruptsPerSec: 1 } }]);
    expect(() => formatJson(infinite)).toThrow(/Infinity at \$\.runs\[0\]\.rates\.vmExitsPerSec/);
  });
});
