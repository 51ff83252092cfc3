import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EXIT_OK, EXIT_USAGE } from '../../src/cli/exitCodes.js';
import { runCli } from './runCli.js';

const repo = fileURLToPath(new URL('../../', import.meta.url));

describe('nicvirt validate', () => {
  it('accepts good files: one ok line each, exit 0', async () => {
    const run = await runCli(['validate', 'scenarios/sriov.yaml', 'scenarios/mode-comparison.yaml'], {
      cwd: repo,
    });
    expect(run.code).toBe(EXIT_OK);
    expect(run.stdout).toBe('ok scenarios/sriov.yaml (1 run)\nok scenarios/mode-comparison.yaml (18 runs)\n');
    expect(run.stderr).toBe('');
  });

  it('lists every problem of every file, exit 2', async () => {
    const run = await runCli(
      [
        'validate',
        'scenarios/sriov.yaml',
        'test/fixtures/bad/unknown-key.yaml',
        'test/fixtures/bad/negative.yaml',
      ],
      { cwd: repo },
    );
    expect(run.code).toBe(EXIT_USAGE);
    expect(run.stdout).toBe('ok scenarios/sriov.yaml (1 run)\n');
    expect(run.stderr).toContain('2 problems in 2 of 3 files:');
    expect(run.stderr).toContain('test/fixtures/bad/unknown-key.yaml:2:1: vmz: unknown key "vmz"');
    expect(run.stderr).toContain(
      'test/fixtures/bad/negative.yaml:2:10: host.cores: expected a number ≥ 1, found -4',
    );
  });

  it('--format json reports files and problems as data', async () => {
    const run = await runCli(
      ['validate', 'scenarios/tx.yaml', 'test/fixtures/bad/misspelt-mode.yaml', '--format', 'json'],
      {
        cwd: repo,
      },
    );
    expect(run.code).toBe(EXIT_USAGE);
    const data = JSON.parse(run.stdout) as {
      valid: boolean;
      files: {
        file: string;
        ok: boolean;
        runs: number;
        problems: { line: number; column: number; path: string }[];
      }[];
    };
    expect(data.valid).toBe(false);
    expect(data.files[0]).toMatchObject({ file: 'scenarios/tx.yaml', ok: true, runs: 3 });
    expect(data.files[1]?.problems[0]).toMatchObject({
      line: 1,
      column: 7,
      path: 'mode',
      received: '"srvio"',
    });
  });
});

describe('nicvirt schema', () => {
  it('prints the JSON Schema', async () => {
    const run = await runCli(['schema']);
    expect(run.code).toBe(EXIT_OK);
    const schema = JSON.parse(run.stdout) as { title: string; additionalProperties: boolean };
    expect(schema.title).toBe('nicvirt scenario');
    expect(schema.additionalProperties).toBe(false);
  });

  it('is listed in the help with run and validate', async () => {
    const run = await runCli(['--help']);
    for (const command of ['run', 'validate', 'schema'])
      expect(run.stdout).toMatch(new RegExp(`\\n\\s+${command}\\b`));
  });
});
