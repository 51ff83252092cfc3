import { describe, expect, it } from 'vitest';
import { formatCsv } from '../../src/report/formatCsv.js';
import { formatGithubBigger, formatGithubSmaller } from '../../src/report/formatGithubBenchmark.js';
import { formatGobench } from '../../src/report/formatGobench.js';
import { formatMarkdown } from '../../src/report/formatMarkdown.js';
import { formatNdjson } from '../../src/report/formatNdjson.js';
import { METRIC_PATHS } from '../../src/report/metricPaths.js';
import { REPORT_FORMAT_NAMES } from '../../src/report/reportFormats.js';
import type { BenchResult } from '../../src/run/runResult.js';
import { runScenario } from '../../src/run/runScenario.js';
import { configHash, withConfigHash } from '../../src/run/withConfigHash.js';
import { resolveScenario } from '../../src/scenario/resolveScenario.js';
import type { ScenarioInput } from '../../src/scenario/scenarioInput.js';

function run(input: ScenarioInput) {
  const resolved = resolveScenario({ vms: { count: 2 }, workload: { durationMs: 1, warmupMs: 1 }, ...input });
  if (!resolved.ok) throw new Error(resolved.problems[0]?.message);
  return withConfigHash(runScenario(resolved.value));
}

const result: BenchResult = {
  schemaVersion: 1,
  tool: { name: 'nicvirt', version: '0.0.0' },
  seed: 1,
  runs: [
    run({ mode: 'paravirt' }),
    run({
      mode: 'sriov',
      workload: { durationMs: 1, warmupMs: 1, load: { unit: 'percent', value: 50 }, direction: 'tx' },
    }),
  ],
};

describe('CI formats', () => {
  it('are all selectable with --format', () => {
    expect(REPORT_FORMAT_NAMES).toEqual(
      expect.arrayContaining([
        'table',
        'json',
        'ndjson',
        'csv',
        'markdown',
        'gobench',
        'github-bigger',
        'github-smaller',
      ]),
    );
  });

  it('csv: a header of stable columns, one row per run', () => {
    const lines = formatCsv(result).trimEnd().split('\n');
    const header = lines[0]?.split(',') ?? [];
    expect(header.slice(0, 11)).toEqual([
      'point',
      'configHash',
      'modelVersion',
      'mode',
      'frame',
      'load',
      'direction',
      'nic',
      'host',
      'seed',
      'durationMs',
    ]);
    expect(header.slice(11, 11 + METRIC_PATHS.length)).toEqual([...METRIC_PATHS]);
    expect(header.at(-1)).toBe('bottleneck');
    expect(lines).toHaveLength(3);
    expect(
      lines[2]?.startsWith(`1,${result.runs[1] && configHash(result.runs[1].scenario)},1,sriov,1518,50%,tx,`),
    ).toBe(true);
  });

  it('ndjson: one parsable line per run, schemaVersion and point first', () => {
    const lines = formatNdjson(result).split('\n').filter(Boolean);
    expect(lines).toHaveLength(2);
    const first = JSON.parse(lines[0] ?? '') as Record<string, unknown>;
    expect(Object.keys(first).slice(0, 3)).toEqual(['schemaVersion', 'point', 'mode']);
    expect(first['configHash']).toMatch(/^[0-9a-f]{16}$/);
  });

  it('gobench: lines benchstat reads', () => {
    const text = formatGobench(result);
    expect(text).toMatch(/^Unit Gbps better=higher assume=exact$/m);
    expect(text).toMatch(/^nic: 82599$/m);
    expect(text).toMatch(
      /^BenchmarkNicvirt\/mode=paravirt\/vms=2\/frame=1518 1 [\d.]+ Gbps [\d.]+ Mpps [\d.]+ host-cores /m,
    );
    expect(text).toMatch(/^BenchmarkNicvirt\/mode=sriov\/vms=2\/frame=1518\/load=50%\/dir=tx 1 /m);
    for (const line of text.split('\n').filter((l) => l.startsWith('Benchmark'))) {
      const [, iterations, ...pairs] = line.split(' ');
      expect(iterations).toBe('1');
      expect(pairs.length % 2).toBe(0);
    }
  });

  it('github-action-benchmark: unique names, numeric values', () => {
    type Entry = { name: string; unit: string; value: number };
    const bigger = JSON.parse(formatGithubBigger(result)) as Entry[];
    const smaller = JSON.parse(formatGithubSmaller(result)) as Entry[];
    // 2 runs × 2 bigger-is-better metrics (Gbit/s, Mpps) and × 4 smaller-is-better ones
    expect(result.runs).toHaveLength(2);
    expect(bigger).toHaveLength(4);
    expect(smaller).toHaveLength(8);
    expect(bigger[0]?.value).toBe(result.runs[0]?.delivered.gbps);
    for (const entries of [bigger, smaller]) {
      expect(new Set(entries.map((entry) => entry.name)).size).toBe(entries.length);
      for (const entry of entries) expect(Number.isFinite(entry.value)).toBe(true);
    }
  });

  it('markdown: a GitHub table with escaped cells', () => {
    const text = formatMarkdown(result);
    expect(text).toContain('| # | mode | VMs | frame | load | dir |');
    expect(text).toMatch(/^\|---:\|---\|---:\|/m);
    expect(
      text.split('\n').filter((line) => line.startsWith('| 0 |') || line.startsWith('| 1 |')),
    ).toHaveLength(2);
  });
});
