import { describe, expect, it } from 'vitest';
import { RESULT_SCHEMA_VERSION } from '../../src/run/runResult.js';
import { withConfigHash } from '../../src/run/withConfigHash.js';
import { mergeResults } from '../../src/sweep/mergeResults.js';
import { parseResults, type ParsedResults } from '../../src/sweep/parseResults.js';
import { fakeRun } from './fakeRun.js';

const run = (vms: number) =>
  withConfigHash(fakeRun({ mode: 'sriov', vms, offeredGbps: 10, deliveredGbps: 9 }));
const line = (vms: number, point: number, schemaVersion = RESULT_SCHEMA_VERSION) =>
  JSON.stringify({ schemaVersion, point, ...run(vms) });

function parsed(text: string): ParsedResults {
  const result = parseResults(text);
  if (!result.ok) throw new Error(result.reason);
  return result.value;
}

describe('parseResults', () => {
  it('reads JSON results and NDJSON lines, keeping points and hashes', () => {
    const json = parsed(
      JSON.stringify({
        schemaVersion: 1,
        tool: { name: 'nicvirt', version: '0', modelVersion: '1' },
        seed: 1,
        runs: [run(1)],
      }),
    );
    expect(json.format).toBe('json');
    expect(json.runs[0]?.configHash).toBe(run(1).configHash);
    const ndjson = parsed(`${line(1, 3)}\n\n${line(2, 0)}\n`);
    expect(ndjson.format).toBe('ndjson');
    expect(ndjson.runs.map((r) => r.point)).toEqual([3, 0]);
    expect(parsed('').runs).toEqual([]);
  });

  it('names a truncated last line, a broken middle line, and mixed schema versions', () => {
    const cut = parseResults(`${line(1, 0)}\n${line(2, 1).slice(0, 40)}`);
    expect(cut.ok || cut.reason).toMatch(/^line 2 is truncated/);
    const middle = parseResults(`{oops\n${line(2, 1)}\n`);
    expect(middle.ok || middle.reason).toBe('line 1 is not valid JSON');
    const mixed = parseResults(`${line(1, 0)}\n${line(2, 1, 2)}\n`);
    expect(mixed.ok || mixed.reason).toContain('schemaVersion 2');
    const foreign = parseResults('{"hello": 1}\n');
    expect(foreign.ok || foreign.reason).toContain('schemaVersion');
  });
});

describe('mergeResults', () => {
  it('orders by point, drops identical duplicates with a note, refuses conflicting ones', () => {
    const a = { source: 'a', parsed: parsed(`${line(4, 2)}\n${line(1, 0)}\n`) };
    const b = { source: 'b', parsed: parsed(`${line(2, 1)}\n${line(1, 0)}\n`) };
    const merged = mergeResults([a, b]);
    if (!merged.ok) throw new Error(merged.reason);
    expect(merged.value.runs.map((r) => r.point)).toEqual([0, 1, 2]);
    expect(merged.value.notes).toHaveLength(1);

    const changed = JSON.stringify({
      schemaVersion: 1,
      point: 0,
      ...run(1),
      delivered: { gbps: 1, mpps: 0, lineRatePct: 0 },
    });
    const conflict = mergeResults([a, { source: 'c', parsed: parsed(`${changed}\n`) }]);
    expect(conflict.ok || conflict.reason).toContain('different results');
  });

  it('refuses files of different schema versions or model versions', () => {
    const v1 = { source: 'a', parsed: parsed(`${line(1, 0)}\n`) };
    const v2 = { source: 'b', parsed: parsed(`${line(2, 1, 2)}\n`) };
    const versions = mergeResults([v1, v2]);
    expect(versions.ok || versions.reason).toContain('different schema versions');
    const otherModel = JSON.stringify({ schemaVersion: 1, point: 1, ...run(2), modelVersion: '0' });
    const models = mergeResults([v1, { source: 'c', parsed: parsed(`${otherModel}\n`) }]);
    expect(models.ok || models.reason).toContain('different model versions');
  });
});
