import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from '../../src/cli/exitCodes.js';
import type { SweepBenchResult } from '../../src/sweep/sweepResult.js';
import { runCli, STACK_LINE, SWEEP } from './runCli.js';

const GATES = 'delivered.gbps<-2%,latencyUs.p99>+10%,cpu.hostCores>+5%';

let dir = '';
let base: SweepBenchResult;

/** Write a variant of the base result: `edit` changes a copy. */
function variant(name: string, edit: (result: SweepBenchResult) => SweepBenchResult): string {
  writeFileSync(join(dir, name), JSON.stringify(edit(structuredClone(base))));
  return name;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nicvirt-compare-'));
  const run = await runCli([...SWEEP, '--format', 'json', '--output', 'base.json'], { cwd: dir });
  expect(run.code, run.stderr).toBe(EXIT_OK);
  base = JSON.parse(readFileSync(join(dir, 'base.json'), 'utf8')) as SweepBenchResult;
  const ndjson = await runCli([...SWEEP, '--format', 'ndjson', '--output', 'same.ndjson'], { cwd: dir });
  expect(ndjson.code).toBe(EXIT_OK);
});

afterAll(() => {
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
});

describe('nicvirt compare', () => {
  it('identical results: every run matched, 0% change, exit 0 (JSON against NDJSON)', async () => {
    const run = await runCli(['compare', 'base.json', 'same.ndjson', '--fail-on', GATES], { cwd: dir });
    expect(run.code, run.stderr).toBe(EXIT_OK);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('paravirt · 1 VM · 1518 B · 100% · rx');
    expect(run.stdout).toContain('(0%)');
    expect(run.stdout).toContain('4 matching runs; no regression');
  });

  it('a regression beyond a gate: markdown for the PR comment, the values on stderr, exit 1', async () => {
    const slower = variant('slower.json', (result) => {
      const runs = result.runs.map((run, index) =>
        index === 2 ? { ...run, delivered: { ...run.delivered, gbps: run.delivered.gbps * 0.95 } } : run,
      );
      return { ...result, runs };
    });
    const run = await runCli(['compare', 'base.json', slower, '--format', 'markdown', '--fail-on', GATES], {
      cwd: dir,
    });
    expect(run.code).toBe(EXIT_FAILURE);
    expect(run.stdout).toMatch(/^### ❌ nicvirt compare: 4 matching runs; 1 regression/);
    expect(run.stdout).toContain('| sriov · 1 VM · 1518 B · 100% · rx |');
    expect(run.stdout).toContain('(-5.0%)');
    expect(run.stdout).toContain('❌ delivered.gbps<-2%');
    expect(run.stderr).toMatch(
      /^nicvirt: 1 regression:\n {2}- sriov · 1 VM · 1518 B · 100% · rx: delivered\.gbps [\d.]+ → [\d.]+ \(-5\.0%\) trips delivered\.gbps<-2%\n$/,
    );
    // Within the gate: no regression.
    const json = await runCli(
      ['compare', 'base.json', slower, '--format', 'json', '--fail-on', 'delivered.gbps<-10%'],
      { cwd: dir },
    );
    expect(json.code).toBe(EXIT_OK);
    expect((JSON.parse(json.stdout) as { regressions: number }).regressions).toBe(0);
  });

  it('refuses different configurations or model versions unless --allow-mismatch', async () => {
    const seed2 = await runCli([...SWEEP, '--seed', '2', '--format', 'json', '--output', 'seed2.json'], {
      cwd: dir,
    });
    expect(seed2.code).toBe(EXIT_OK);
    const refused = await runCli(['compare', 'base.json', 'seed2.json'], { cwd: dir });
    expect(refused.code).toBe(EXIT_USAGE);
    expect(refused.stderr).toContain('the files hold runs of different configurations');
    expect(refused.stderr).toContain('--allow-mismatch');
    const allowed = await runCli(['compare', 'base.json', 'seed2.json', '--allow-mismatch'], { cwd: dir });
    expect(allowed.code).toBe(EXIT_OK);
    expect(allowed.stdout).toContain('paired by mode, VMs, frame, load and direction');

    const model2 = variant('model2.json', (result) => ({
      ...result,
      runs: result.runs.map((run) => ({ ...run, modelVersion: '2' })),
    }));
    const model = await runCli(['compare', 'base.json', model2], { cwd: dir });
    expect(model.code).toBe(EXIT_USAGE);
    expect(model.stderr).toContain('model version 1 and model2.json from 2');
    expect((await runCli(['compare', 'base.json', model2, '--allow-mismatch'], { cwd: dir })).code).toBe(
      EXIT_OK,
    );
  });

  it.each([
    [
      ['--fail-on', 'delivered.gbsp<-2%'],
      'unknown field "delivered.gbsp"',
      'Valid fields: vms, frameBytes, offered.gbps',
    ],
    [['--fail-on', 'delivered.gbps<<2'], 'is not PATH OP CHANGE', 'Example: nicvirt compare'],
    [['--format', 'html'], '--format expects one of table, markdown, json', 'Example'],
  ])('bad input %j: exit 2 naming the problem', async (args, first, second) => {
    const run = await runCli(['compare', 'base.json', 'same.ndjson', ...args], { cwd: dir });
    expect(run.code).toBe(EXIT_USAGE);
    expect(run.stderr).toContain(first);
    expect(run.stderr).toContain(second);
    expect(run.stderr).not.toMatch(STACK_LINE);
  });

  it('missing and foreign files: exit 2', async () => {
    writeFileSync(join(dir, 'foreign.json'), '{"hello": "world"}\n');
    const missing = await runCli(['compare', 'base.json', 'nope.json'], { cwd: dir });
    expect(missing.code).toBe(EXIT_USAGE);
    expect(missing.stderr).toContain('cannot read nope.json: no such file');
    const foreign = await runCli(['compare', 'base.json', 'foreign.json'], { cwd: dir });
    expect(foreign.code).toBe(EXIT_USAGE);
    expect(foreign.stderr).toContain('schemaVersion');
  });
});

describe('nicvirt merge', () => {
  it('refuses files of different schema versions and files without runs', async () => {
    const v2 = variant('v2.json', (result) => ({ ...result, schemaVersion: 2 }));
    const run = await runCli(['merge', 'base.json', v2], { cwd: dir });
    expect(run.code).toBe(EXIT_USAGE);
    expect(run.stderr).toContain(
      'different schema versions (base.json: schemaVersion 1, v2.json: schemaVersion 2)',
    );
    writeFileSync(join(dir, 'empty.ndjson'), '');
    const empty = await runCli(['merge', 'empty.ndjson'], { cwd: dir });
    expect(empty.code).toBe(EXIT_USAGE);
    expect(empty.stderr).toContain('hold no runs');
  });

  it('notes a missing shard and writes any format', async () => {
    const shard = await runCli([...SWEEP, '--shard', '1/2', '--format', 'json', '--output', 'half.json'], {
      cwd: dir,
    });
    expect(shard.code).toBe(EXIT_OK);
    const run = await runCli(['merge', 'half.json', '--format', 'csv'], { cwd: dir });
    expect(run.code).toBe(EXIT_OK);
    expect(run.stderr).toContain("hold 2 of the sweep's 4 points; is a shard missing?");
    expect(run.stdout.split('\n')[0]).toMatch(/^point,configHash,modelVersion,mode,/);
  });
});
