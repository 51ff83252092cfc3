import { describe, expect, it } from 'vitest';
import { formatJson } from '../../src/report/formatJson.js';
import { formatNdjson } from '../../src/report/formatNdjson.js';
import { combineReportFiles, parseResultText, type ReportFile } from '../../src/report/parseResultText.js';
import { runSmallSweep } from './sweepFixture.js';

const sweep = runSmallSweep(['paravirt', 'sriov'], [1, 2, 4]);

function parsed(text: string): ReportFile {
  const outcome = parseResultText(text, 'r.json');
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems));
  return outcome.value;
}

function problems(text: string): string[] {
  const outcome = parseResultText(text, 'r.json');
  if (outcome.ok) throw new Error('expected problems');
  return outcome.problems.map((problem) => problem.message);
}

const RFC2544 = {
  schemaVersion: 1,
  kind: 'rfc2544',
  tool: { name: 'nicvirt', version: '0.1.0' },
  seed: 1,
  settings: {},
  points: [64, 1518].map((frameBytes) => ({
    mode: 'sriov',
    modeName: 'SR-IOV',
    vms: 4,
    frameLabel: String(frameBytes),
    frameBytes,
    direction: 'rx',
    ndr: { lineRatePct: frameBytes === 64 ? 55 : 100, mpps: 8.1, gbps: 4.2, lossRatio: 0 },
  })),
};

describe('parseResultText', () => {
  it('reads a JSON result and the same runs as NDJSON', () => {
    const json = parsed(formatJson(sweep));
    expect(json.runs).toHaveLength(6);
    expect(json.tool?.name).toBe('nicvirt');
    expect(json.seed).toBe(1);
    const ndjson = parsed(formatNdjson(sweep));
    expect(ndjson.runs.map((run) => [run.mode, run.vms, run.delivered.gbps])).toEqual(
      json.runs.map((run) => [run.mode, run.vms, run.delivered.gbps]),
    );
  });

  it('puts NDJSON lines written in completion order back in sweep order', () => {
    const lines = formatNdjson(sweep).trimEnd().split('\n').reverse();
    const file = parsed(`${lines.join('\n')}\n`);
    expect(file.runs.map((run) => `${run.mode} ${run.vms}`)).toEqual(
      sweep.runs.map((run) => `${run.mode} ${run.vms}`),
    );
  });

  it('reads NDR points from an RFC 2544 result', () => {
    const file = parsed(JSON.stringify(RFC2544));
    expect(file.runs).toEqual([]);
    expect(file.ndr.map((point) => [point.mode, point.frameBytes, point.lineRatePct])).toEqual([
      ['sriov', 64, 55],
      ['sriov', 1518, 100],
    ]);
  });

  it('names the line of a truncated NDJSON stream', () => {
    const text = formatNdjson(sweep);
    const cut = text.slice(0, text.length - 200);
    expect(problems(cut)).toEqual([expect.stringMatching(/^r\.json: line 6 is truncated/)]);
  });

  it('refuses empty, foreign and broken files with a message', () => {
    expect(problems('')).toEqual([expect.stringContaining('r.json is empty')]);
    expect(problems('{"hello": "world"}\n')).toEqual([expect.stringContaining('r.json: ')]);
    expect(problems('not json at all')).toEqual([expect.stringContaining('r.json: line 1 ')]);
    expect(problems(JSON.stringify({ schemaVersion: 1, runs: [] }))).toEqual([
      expect.stringContaining('holds no runs'),
    ]);
    const broken = JSON.parse(formatJson(sweep)) as { runs: { latencyUs?: unknown }[] };
    delete broken.runs[1]?.latencyUs;
    expect(problems(JSON.stringify(broken))).toEqual([
      expect.stringMatching(/^r\.json: runs\[1\]: latencyUs: /),
    ]);
    expect(problems(JSON.stringify({ ...RFC2544, points: [{ mode: 'sriov' }] }))).toEqual([
      expect.stringMatching(/^r\.json: points\.0\./),
    ]);
  });

  it('refuses results of a newer schema', () => {
    const newer = formatJson(sweep).replace('"schemaVersion": 1', '"schemaVersion": 99');
    expect(problems(newer)).toEqual([expect.stringContaining('schemaVersion 99')]);
  });
});

describe('combineReportFiles', () => {
  it('joins runs and NDR points and finds the knees with the sweep’s knee finder', () => {
    const input = combineReportFiles([parsed(formatJson(sweep)), parsed(JSON.stringify(RFC2544))]);
    expect(input.result.runs).toHaveLength(6);
    expect(input.ndr).toHaveLength(2);
    expect(input.knees.map((knee) => [knee.mode, knee.vms])).toEqual([['paravirt', 1]]);
  });
});
