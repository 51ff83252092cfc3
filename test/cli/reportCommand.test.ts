import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatJson } from '../../src/report/formatJson.js';
import { formatNdjson } from '../../src/report/formatNdjson.js';
import { runSmallSweep } from '../report/sweepFixture.js';
import { runCli, STACK_LINE } from './runCli.js';

const ANSI = '\u001b[';

describe('nicvirt report', () => {
  let work: string;
  let resultPath: string;
  let ndjsonPath: string;

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'nicvirt-report-'));
    const sweep = runSmallSweep(['paravirt', 'sriov'], [1, 2, 4]);
    resultPath = join(work, 'results.json');
    writeFileSync(resultPath, formatJson(sweep));
    ndjsonPath = join(work, 'results.ndjson');
    writeFileSync(ndjsonPath, formatNdjson(sweep));
  });

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('-o writes one self-contained HTML page with Chart.js inlined', async () => {
    const out = join(work, 'report.html');
    const run = await runCli(['report', 'results.json', '-o', 'report.html'], { cwd: work });
    expect(run).toMatchObject({ code: 0, stdout: '', stderr: '' });
    const html = readFileSync(out, 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toMatch(/Chart\.js v4\.\d+\.\d+/);
    expect(html).toMatch(/Charts drawn with Chart\.js 4\.\d+\.\d+/);
    expect(html).not.toMatch(/\b(src|href)\s*=\s*["']?https?:/i);
    expect(html).not.toContain('sourceMappingURL');
  });

  it('reads an NDJSON stream, and --terminal prints the table with a chart under it', async () => {
    const run = await runCli(['report', ndjsonPath, '--terminal']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/│ +0 │ paravirt │ +1 │/);
    expect(run.stdout).toContain('knees (per-VM share < 90% or aggregate no longer growing)');
    expect(run.stdout.indexOf('delivered Gbit/s vs VMs')).toBeGreaterThan(run.stdout.indexOf('└'));
    expect(run.stdout).toContain('P paravirt   S SR-IOV');
    expect(run.stdout).not.toContain(ANSI);
    const colored = await runCli(['report', ndjsonPath, '--terminal'], { stdoutIsTty: true });
    expect(colored.stdout).toContain(ANSI);
    const noColor = await runCli(['report', ndjsonPath, '--terminal', '--no-color'], { stdoutIsTty: true });
    expect(noColor.stdout).not.toContain(ANSI);
  });

  it('exits 2 with a message for bad input, never a stack trace', async () => {
    const truncated = join(work, 'cut.ndjson');
    const text = readFileSync(ndjsonPath, 'utf8');
    writeFileSync(truncated, text.slice(0, text.length - 100));
    const notJson = join(work, 'notes.txt');
    writeFileSync(notJson, 'hello\n');
    const cases: [string[], RegExp][] = [
      [['report', resultPath], /say where the report goes: -o FILE .* --terminal/],
      [['report', join(work, 'missing.json'), '--terminal'], /cannot read .*missing\.json: no such file/],
      [['report', work, '--terminal'], /is a directory/],
      [['report', truncated, '--terminal'], /cut\.ndjson: line 6 is truncated/],
      [['report', notJson, '--terminal'], /notes\.txt: line 1 /],
      [['report', resultPath, '-o', join(work, 'no', 'such', 'dir', 'r.html')], /--output: cannot write/],
      [['report', '-', '-', '--terminal'], /standard input \(-\) can be named only once/],
    ];
    for (const [args, message] of cases) {
      const run = await runCli(args);
      expect({ args, code: run.code }).toEqual({ args, code: 2 });
      expect(run.stderr).toMatch(message);
      expect(run.stderr).not.toMatch(STACK_LINE);
    }
  });
});

describe('nicvirt sweep --chart / --report', () => {
  const sweepArgs = [
    'sweep',
    '--modes',
    'paravirt,sriov',
    '--vms',
    '1,2,4',
    '--duration',
    '2ms',
    '--warmup',
    '1ms',
  ];

  it('--chart draws throughput vs VMs under the table; --report writes the HTML page', async () => {
    const work = mkdtempSync(join(tmpdir(), 'nicvirt-sweep-report-'));
    try {
      const run = await runCli([...sweepArgs, '--chart', '--report', 'sweep.html'], { cwd: work });
      expect(run.code, run.stderr).toBe(0);
      const table = run.stdout.indexOf('│ paravirt │');
      const chart = run.stdout.indexOf('delivered Gbit/s vs VMs');
      expect(table).toBeGreaterThan(-1);
      expect(chart).toBeGreaterThan(table);
      expect(run.stdout).toContain('P paravirt   S SR-IOV');
      const html = readFileSync(join(work, 'sweep.html'), 'utf8');
      expect(html).toContain('data-chart="throughput" data-expected-series="3"');
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  it('--chart refuses to mix a chart into data on stdout', async () => {
    const run = await runCli([...sweepArgs, '--format', 'json', '--chart']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--chart draws under the table .* --format json/);
  });
});
