import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXIT_OK, EXIT_USAGE } from '../../src/cli/exitCodes.js';
import { STACK_LINE, runCli } from './runCli.js';

const version = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

describe('nicvirt (program)', () => {
  it('--help lists the commands and exits 0', async () => {
    const run = await runCli(['--help']);
    expect(run.code).toBe(EXIT_OK);
    expect(run.stdout).toContain('Usage: nicvirt');
    for (const command of ['bench', 'modes', 'costs', 'nics', 'hosts']) expect(run.stdout).toContain(command);
    expect(run.stderr).toBe('');
  });

  it('bench --help documents --mode all and exits 0', async () => {
    const run = await runCli(['bench', '--help']);
    expect(run.code).toBe(EXIT_OK);
    expect(run.stdout).toContain('--mode <mode>');
    expect(run.stdout).toContain('or all to run every mode');
    expect(run.stdout).toContain('--no-posted-interrupts');
    expect(run.stdout).toContain('Examples:');
  });

  it('--version prints the package version', async () => {
    const run = await runCli(['--version']);
    expect(run.code).toBe(EXIT_OK);
    expect(run.stdout.trim()).toBe(version);
  });

  it('no command: help on stderr, exit 2', async () => {
    const run = await runCli([]);
    expect(run.code).toBe(EXIT_USAGE);
    expect(run.stderr).toContain('Usage: nicvirt');
  });

  it('unknown command: one message, exit 2', async () => {
    const run = await runCli(['frobnicate']);
    expect(run.code).toBe(EXIT_USAGE);
    expect(run.stderr).toContain("nicvirt: error: unknown command 'frobnicate'");
    expect(run.stderr).not.toMatch(STACK_LINE);
  });

  it('unknown option: suggestion and a pointer to help, exit 2', async () => {
    const run = await runCli(['bench', '--vmz', '3']);
    expect(run.code).toBe(EXIT_USAGE);
    expect(run.stderr).toContain("nicvirt: error: unknown option '--vmz'");
    expect(run.stderr).toContain('(Did you mean --vms?)');
    expect(run.stderr).toContain("(run 'nicvirt bench --help' for the flags)");
    expect(run.stdout).toBe('');
  });

  it('missing option argument and extra arguments are usage errors', async () => {
    expect((await runCli(['bench', '--vms'])).code).toBe(EXIT_USAGE);
    expect((await runCli(['bench', 'extra'])).code).toBe(EXIT_USAGE);
  });
});
