import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EXIT_FAILURE, EXIT_OK } from '../../src/cli/exitCodes.js';
import type { SweepBenchResult } from '../../src/sweep/sweepResult.js';
import { runCli } from './runCli.js';

const README = fileURLToPath(new URL('../../README.md', import.meta.url));
/** Short simulated windows: the commands are the README's, only faster. */
const SHORT = ['--duration', '2', '--warmup', '1'];

/** The GitHub Actions workflow in the README's "Use in CI" section. */
function workflow(): string {
  const readme = readFileSync(README, 'utf8');
  const section = readme.slice(readme.indexOf('\n## Use in CI\n'));
  const match = /```yaml\n([\s\S]*?)```/.exec(section);
  if (!match?.[1]) throw new Error('README: no yaml block under "## Use in CI"');
  return match[1];
}

/** `ref: [base, head]` → { ref: ['base', 'head'] } for every list under `matrix:`. */
function matrixOf(yaml: string): Record<string, string[]> {
  const matrix: Record<string, string[]> = {};
  for (const [, key = '', values = ''] of yaml.matchAll(/^\s+(\w+): \[([^\]]*)\]$/gm)) {
    matrix[key] = values.split(',').map((value) => value.trim());
  }
  return matrix;
}

/** Every combination of the matrix values a command uses (`${{ matrix.shard }}`). */
function expand(command: string, matrix: Record<string, string[]>): string[] {
  const used = Object.keys(matrix).filter((key) => command.includes(`\${{ matrix.${key} }}`));
  let commands = [command];
  for (const key of used) {
    commands = commands.flatMap((text) =>
      (matrix[key] ?? []).map((value) => text.replaceAll(`\${{ matrix.${key} }}`, value)),
    );
  }
  return commands;
}

/** Shell words with double quotes, and a trailing `>> FILE`. */
function shellWords(command: string): { args: string[]; appendTo?: string } {
  const words = [...command.matchAll(/"([^"]*)"|(\S+)/g)].map((match) => match[1] ?? match[2] ?? '');
  const redirect = words.indexOf('>>');
  if (redirect < 0) return { args: words };
  return { args: words.slice(0, redirect), appendTo: words[redirect + 1] ?? '' };
}

describe('README "Use in CI"', () => {
  it("runs the workflow's nicvirt commands in order: shards → merge → summary → compare → assertions", async () => {
    const yaml = workflow();
    const matrix = matrixOf(yaml);
    expect(matrix['shard']).toEqual(['1', '2', '3']);
    const commands = [...yaml.matchAll(/^\s+- run: npx nicvirt (.+)$/gm)].map((match) => match[1] ?? '');
    expect(commands.map((command) => command.split(' ')[0])).toEqual([
      'sweep',
      'merge',
      'merge',
      'merge',
      'compare',
      'bench',
    ]);

    const dir = mkdtempSync(join(tmpdir(), 'nicvirt-ci-'));
    const summary = join(dir, 'summary.md');
    writeFileSync(summary, '');
    const ran: string[] = [];
    for (const command of commands) {
      for (const expanded of expand(command, matrix)) {
        const { args, appendTo } = shellWords(expanded);
        const extra = args[0] === 'sweep' || args[0] === 'bench' ? SHORT : [];
        const run = await runCli([...args, ...extra], { cwd: dir, env: { CI: 'true' } });
        expect(run.code, `nicvirt ${expanded}\n${run.stderr}`).toBe(EXIT_OK);
        if (appendTo !== undefined) {
          expect(appendTo).toBe('$GITHUB_STEP_SUMMARY');
          appendFileSync(summary, run.stdout);
        } else if (!args.includes('--output')) {
          expect(run.stdout).not.toBe('');
        }
        ran.push(args.slice(0, 2).join(' '));
      }
    }
    expect(ran.filter((command) => command.startsWith('sweep'))).toHaveLength(6);

    const head = JSON.parse(readFileSync(join(dir, 'head.json'), 'utf8')) as SweepBenchResult;
    expect(head.runs.map((run) => run.point)).toEqual(head.runs.map((_, index) => index));
    expect(head.knees?.length).toBeGreaterThan(0);
    const text = readFileSync(summary, 'utf8');
    expect(text).toContain(`### nicvirt: ${head.runs.length} runs`);
    expect(text).toContain('#### Knees');
    expect(text).toContain(`### ✅ nicvirt compare: ${head.runs.length} matching runs; no regression`);

    // The same compare step fails the job when the head branch got slower.
    const slower = {
      ...head,
      runs: head.runs.map((run, index) =>
        index === 0 ? { ...run, delivered: { ...run.delivered, gbps: run.delivered.gbps * 0.9 } } : run,
      ),
    };
    writeFileSync(join(dir, 'head.json'), JSON.stringify(slower));
    const compare = commands.find((command) => command.startsWith('compare')) ?? '';
    const regression = await runCli(shellWords(compare).args, { cwd: dir, env: { CI: 'true' } });
    expect(regression.code).toBe(EXIT_FAILURE);
    expect(regression.stdout).toContain('❌');
    rmSync(dir, { recursive: true, force: true });
  });
});
