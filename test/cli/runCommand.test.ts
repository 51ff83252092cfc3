import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/cliIo.js';
import { EXIT_OK, EXIT_USAGE } from '../../src/cli/exitCodes.js';
import { registerRunCommand } from '../../src/cli/runCommand.js';
import { UsageError } from '../../src/cli/usageError.js';
import type { BenchResult } from '../../src/run/runResult.js';
import { runCli, STACK_LINE } from './runCli.js';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const SHORT = ['--duration', '2ms', '--warmup', '0.5ms'];

function tempScenario(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'nicvirt-run-'));
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('nicvirt run', () => {
  it('runs every point of the matrix and reports one entry per run', async () => {
    const run = await runCli(['run', 'scenarios/vf-exhaustion.yaml', ...SHORT, '--format', 'json'], {
      cwd: repo,
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(EXIT_OK);
    const result = JSON.parse(run.stdout) as BenchResult;
    expect(result.runs.map((r) => r.vms)).toEqual([32, 63, 64, 96]);
    expect(result.runs.map((r) => r.placement.fallback)).toEqual([0, 0, 1, 33]);
    expect(result.runs.every((r) => r.scenario.workload.durationMs === 2)).toBe(true);
  });

  it('prints a table by default', async () => {
    const run = await runCli(['run', 'scenarios/vmdq.yaml', ...SHORT], { cwd: repo });
    expect(run.code).toBe(EXIT_OK);
    expect(run.stdout).toContain('paravirt');
    expect(run.stdout).toContain('vmdq');
    expect(run.stdout).toContain('Gbit/s');
  });

  it('gives the same result as bench with the same settings, byte for byte', async () => {
    const file = tempScenario(
      'same.yaml',
      'mode: sriov\nvms: 8\nnic: {profile: 82599}\nworkload: {frameBytes: 64, load: 50%, durationMs: 2, warmupMs: 0.5}\n',
    );
    const fromFile = await runCli(['run', file, '--format', 'json']);
    const fromFlags = await runCli([
      'bench',
      '--mode',
      'sriov',
      '--vms',
      '8',
      '--nic',
      '82599',
      '--frame-size',
      '64',
      '--load',
      '50%',
      ...SHORT,
      '--format',
      'json',
    ]);
    expect(fromFile.code).toBe(EXIT_OK);
    expect(fromFile.stdout).toBe(fromFlags.stdout);
  });

  it('flags override the file (defaults < file < flags)', async () => {
    const run = await runCli(['run', 'scenarios/sriov.yaml', ...SHORT, '--vms', '4', '--format', 'json'], {
      cwd: repo,
    });
    expect(run.code).toBe(EXIT_OK);
    const [only] = (JSON.parse(run.stdout) as BenchResult).runs;
    expect(only?.vms).toBe(4);
    expect(only?.scenario.host.profile).toBe('nehalem-2010');
  });

  it('a problem a flag causes names the flag and a command that works', async () => {
    const run = await runCli(['run', 'scenarios/sriov.yaml', '--vms', '70'], { cwd: repo });
    expect(run.code).toBe(EXIT_USAGE);
    expect(run.stderr).toContain('--vms: 70 VMs but NIC 82599 has 63 usable VFs');
    expect(run.stderr).toContain('Example: nicvirt run scenarios/sriov.yaml --vms 63');
    expect(run.stderr).not.toMatch(STACK_LINE);
  });

  it('an unparsable flag is reported like in bench', async () => {
    const run = await runCli(['run', 'scenarios/sriov.yaml', '--load', 'lots'], { cwd: repo });
    expect(run.code).toBe(EXIT_USAGE);
    expect(run.stderr).toContain('--load expects');
  });

  it('--dry-run prints the configuration and the feasibility report, and runs nothing', async () => {
    const run = await runCli(['run', 'scenarios/vf-exhaustion.yaml', '--dry-run'], { cwd: repo });
    expect(run.code).toBe(EXIT_OK);
    expect(run.stdout).toContain('dry run: scenarios/vf-exhaustion.yaml, 4 runs (nothing simulated)');
    expect(run.stdout).toContain('effective configuration:');
    expect(run.stdout).toContain('run 4/4: sriov · 96 VMs · 1518 B · 100% · rx');
    expect(run.stdout).toContain('configuration: as run 1 except vms.count: 96');
    expect(run.stdout).toContain('VMs 0–62: own VF');
    expect(run.stdout).toContain('VMs 63–95: software switch (fallback, default queue)');
    expect(run.stdout).toMatch(/about 20,319 frames/);
    expect(run.stdout).toMatch(/total: 81,276 frames to simulate over 4 runs/);
  });

  it('--dry-run --format json gives the same as data', async () => {
    const run = await runCli(['run', 'scenarios/noisy-neighbour.yaml', '--dry-run', '--format', 'json'], {
      cwd: repo,
    });
    expect(run.code).toBe(EXIT_OK);
    const data = JSON.parse(run.stdout) as {
      runs: {
        label: string;
        config: { vms: { weights: number[] } };
        feasibility: { dedicated: number; packets: number };
      }[];
    };
    expect(data.runs.map((r) => r.feasibility.dedicated)).toEqual([0, 8, 8]);
    expect(data.runs[0]?.config.vms.weights).toEqual([8, 0.25, 0.25, 0.25, 0.25, 0.25, 0.25, 0.25]);
    expect(data.runs[0]?.feasibility.packets).toBeGreaterThan(0);
  });

  it('names a missing file argument', async () => {
    const run = await runCli(['run']);
    expect(run.code).toBe(EXIT_USAGE);
    expect(run.stderr).toContain("missing required argument 'file'");
  });
});

describe('nicvirt run - (standard input)', () => {
  async function runStdin(text: string, args: readonly string[]): Promise<string> {
    let stdout = '';
    const io: CliIo = {
      stdout: (chunk) => {
        stdout += chunk;
      },
      stderr: () => undefined,
      stdoutIsTty: false,
      stderrIsTty: false,
      env: {},
      cwd: repo,
    };
    const program = new Command().exitOverride();
    registerRunCommand(program, io, () => Promise.resolve(Buffer.from(text)));
    await program.parseAsync(['run', '-', ...args], { from: 'user' });
    return stdout;
  }

  it('sniffs JSON and YAML', async () => {
    expect(await runStdin('{"mode": "vmdq", "vms": 3}', ['--dry-run'])).toContain('run 1/1: vmdq · 3 VMs');
    expect(await runStdin('mode: paravirt\nvms: 2\n', ['--dry-run'])).toContain('run 1/1: paravirt · 2 VMs');
  });

  it('reports problems against <stdin>', async () => {
    await expect(runStdin('{"mode": "sriov",}', ['--dry-run'])).rejects.toThrow(UsageError);
    await expect(runStdin('{"mode": "sriov",}', ['--dry-run'])).rejects.toThrow(
      /<stdin>:1:18: malformed JSON \(read as JSON because it starts with \{ or \[\): a trailing comma/,
    );
    await expect(runStdin('', [])).rejects.toThrow(/<stdin>: the file is empty/);
  });
});

describe('nicvirt run --dry-run --output', () => {
  it('writes the report to the file instead of stdout', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nicvirt-dry-'));
    const out = join(dir, 'plan.json');
    const run = await runCli([
      'run',
      join(repo, 'scenarios/sriov.yaml'),
      '--dry-run',
      '--format',
      'json',
      '--output',
      out,
    ]);
    expect(run.code).toBe(EXIT_OK);
    expect(run.stdout).toBe('');
    expect((JSON.parse(readFileSync(out, 'utf8')) as { dryRun: boolean }).dryRun).toBe(true);
  });
});
