import { describe, expect, it } from 'vitest';
import { RFC2544_CSV_COLUMNS } from '../../src/report/rfc2544Csv.js';
import { RFC2544_FORMAT_NAMES } from '../../src/report/rfc2544FormatNames.js';
import { RFC2544_FORMATS } from '../../src/report/rfc2544Formats.js';
import {
  RFC2544_SCHEMA_VERSION,
  type Rfc2544Point,
  type Rfc2544Result,
  type Rfc2544Settings,
} from '../../src/rfc2544/rfc2544Result.js';
import { runRfc2544Point } from '../../src/rfc2544/runRfc2544Point.js';
import { trialRuleText } from '../../src/rfc2544/trialRule.js';
import { resolveScenario } from '../../src/scenario/resolveScenario.js';

const SETTINGS: Rfc2544Settings = {
  ndrLossRatio: 0,
  pdrLossRatio: 0.001,
  precision: 0.01,
  maxTrials: 40,
  trialFrames: 3000,
  latency: true,
  burstMaxFrames: 1000,
};

function point(mode: 'paravirt' | 'sriov', bytes: number): Rfc2544Point {
  const resolved = resolveScenario({
    mode,
    vms: { count: 2 },
    workload: { frame: { kind: 'fixed', bytes } },
  });
  if (!resolved.ok) throw new Error('bad scenario');
  return runRfc2544Point({ config: resolved.value, settings: SETTINGS });
}

function resultOf(points: readonly Rfc2544Point[]): Rfc2544Result {
  return {
    schemaVersion: RFC2544_SCHEMA_VERSION,
    kind: 'rfc2544',
    tool: { name: 'nicvirt', version: '0.0.0' },
    seed: 1,
    settings: { ...SETTINGS, trialRule: trialRuleText(SETTINGS.trialFrames) },
    points,
  };
}

/** RFC 4180 fields of one line (no line breaks inside fields here). */
function csvFields(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i]!;
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      fields.push(field);
      field = '';
    } else field += char;
  }
  fields.push(field);
  return fields;
}

const paravirt = point('paravirt', 1518);
const sriov = point('sriov', 1518);
/** Edge cases a run can produce: no loss-free load at all, and a search cut off by --max-trials. */
const nothingPassed: Rfc2544Point = {
  ...paravirt,
  frameLabel: '64',
  frameBytes: 64,
  ndr: {
    ...paravirt.ndr,
    lineRatePct: 0,
    mpps: 0,
    gbps: 0,
    hostCores: null,
    guestCores: null,
    bottleneck: null,
    failedAbovePct: 1,
  },
  latencyAtLoad: [],
  backToBack: null,
};
const cutOff: Rfc2544Point = { ...paravirt, frameLabel: 'imix', pdr: { ...paravirt.pdr, converged: false } };
const RESULT = resultOf([paravirt, sriov, nothingPassed, cutOff]);

describe('RFC 2544 reports', () => {
  it('offers table, json, csv and markdown', () => {
    expect(RFC2544_FORMAT_NAMES).toEqual(['table', 'json', 'csv', 'markdown']);
  });

  it('table: throughput and latency per mode and frame size, marks and notes for the edge cases', () => {
    const text = RFC2544_FORMATS.table(RESULT, { color: false });
    expect(text).toContain('2 VMs · rx · NIC 82599 at 10 Gbit/s · host modern (16 cores, 2.6 GHz) · seed 1');
    expect(text).toContain(
      'NDR: loss ≤ 0 · PDR: loss ≤ 0.1% · precision 1% of line rate · at most 40 trials per search',
    );
    expect(text).toMatch(/│ SR-IOV +│ 1518 B +│ +0\.8127 │ +9\.870 │ +100\.0% │/);
    expect(text).toContain(`≥ 1,000`); // SR-IOV absorbs the longest burst tried
    expect(text).toMatch(/│ paravirt +│ 64 B +│ +0 │ +0 │ +0\.0% │/);
    expect(text).toContain('No load without loss for paravirt 64 B');
    expect(text).toMatch(/│ paravirt +│ imix .*%\* │/);
    expect(text).toContain('* the search reached --max-trials before converging');
    expect(text).toContain('≥: absorbed the longest burst tried (--burst-max)');
    expect(text.match(/% of NDR/g)).toHaveLength(3 * 4);
    expect(text).not.toContain('\u001b[');
    expect(RFC2544_FORMATS.table(RESULT, { color: true })).toContain('\u001b[');
  });

  it('json: the contract, in its key order, byte-stable', () => {
    const text = RFC2544_FORMATS.json(RESULT, { color: false });
    expect(text).toBe(RFC2544_FORMATS.json(JSON.parse(text) as Rfc2544Result, { color: false }));
    const parsed = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual(['schemaVersion', 'kind', 'tool', 'seed', 'settings', 'points']);
    const [first] = parsed['points'] as Record<string, unknown>[];
    expect(Object.keys(first ?? {})).toEqual([
      'mode',
      'modeName',
      'vms',
      'frameLabel',
      'frameBytes',
      'direction',
      'lineRate',
      'trialFrames',
      'latencyTrialFrames',
      'ndr',
      'pdr',
      'latencyAtLoad',
      'backToBack',
      'search',
      'scenario',
    ]);
    expect((parsed['points'] as Rfc2544Point[])[2]?.ndr.hostCores).toBeNull();
  });

  it('csv: a header and one row per point, every row as wide as the header', () => {
    const lines = RFC2544_FORMATS.csv(RESULT, { color: false }).trimEnd().split('\n');
    expect(lines).toHaveLength(1 + RESULT.points.length);
    expect(lines[0]?.split(',')).toEqual(RFC2544_CSV_COLUMNS.map((column) => column.name));
    // The bottleneck is quoted when it holds commas; count fields with a CSV-aware split.
    for (const line of lines) expect(csvFields(line)).toHaveLength(RFC2544_CSV_COLUMNS.length);
    expect(lines[3]).toMatch(/^paravirt,2,rx,64,64,/);
    expect(lines[3]).toContain(',,,,'); // no latency and no burst: empty cells, not zeros
  });

  it('markdown: the same two tables and the notes as a list', () => {
    const text = RFC2544_FORMATS.markdown(RESULT, { color: false });
    expect(text).toMatch(/^## RFC 2544 on the simulated host\n/);
    expect(text).toContain('| mode | frame | NDR Mpps | NDR Gbit/s | NDR % line |');
    expect(text).toContain('|---|---|---:|---:|---:|');
    expect(text).toContain('| SR-IOV | 1518 B | 0.8127 | 9.870 | 100.0% |');
    expect(text).toContain('### Latency at load');
    expect(text).toContain('- Trials: 3,000 frames per trial (--trial-frames)');
  });

  it('empty results say so instead of drawing empty tables', () => {
    expect(RFC2544_FORMATS.table(resultOf([]), { color: false })).toContain('no results');
    expect(RFC2544_FORMATS.markdown(resultOf([]), { color: false })).toContain('No results.');
    expect(RFC2544_FORMATS.csv(resultOf([]), { color: false }).split('\n')).toHaveLength(2);
  });
});
