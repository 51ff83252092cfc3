import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/runCli.js';
import type { ValidationReport } from '../../src/calibration/evaluateCheck.js';
import { PUBLISHED_CHECKS } from '../../src/calibration/publishedChecks.js';

describe('nicvirt validate-model', () => {
  it('reproduces every published figure of MODEL.md §6 within its tolerance', async () => {
    const run = await runCli(['validate-model', '--format', 'json']);
    const report = JSON.parse(run.stdout) as ValidationReport;
    const failures = report.rows.filter((row) => !row.pass);
    expect(failures, JSON.stringify(failures, null, 2)).toEqual([]);
    expect(run.code).toBe(0);
    expect(report.rows.map((row) => row.id)).toEqual(PUBLISHED_CHECKS.map((check) => check.id));
    // every published result of MODEL.md §6 has at least one check
    expect(new Set(report.rows.map((row) => row.result))).toEqual(
      new Set(['R5', 'R12', 'R1', 'R2', 'R10', 'R18']),
    );
  }, 60_000);

  it('prints a table with published and simulated figures', async () => {
    const run = await runCli(['validate-model', '--only', 'R5', '--no-color']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/R5a .*4 Gb\/s .*3\.\d\d Gb\/s .*pass/);
    expect(run.stdout).toContain('all 3 published figures reproduced within tolerance');
    expect(run.stdout).toContain('Intelligent Queuing Technologies for Virtualization');
  }, 60_000);

  it('fails with exit 1 when a cost override pushes the model off a published figure', async () => {
    // A software switch twice as expensive halves the throughput of R5a (4.0 Gb/s published).
    const run = await runCli([
      'validate-model',
      '--only',
      'R5a',
      '--cost',
      'switchPortCycles=14000',
      '--no-color',
    ]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/R5a .*FAIL/);
    expect(run.stderr).toContain('1 published figure(s) outside tolerance');
  }, 60_000);

  it('rejects unknown ids and cost names with exit 2', async () => {
    const badId = await runCli(['validate-model', '--only', 'R99']);
    expect(badId.code).toBe(2);
    expect(badId.stderr).toContain('--only');
    const badCost = await runCli(['validate-model', '--cost', 'warpDriveCycles=1']);
    expect(badCost.code).toBe(2);
    expect(badCost.stderr).toContain('--cost');
  });
});
