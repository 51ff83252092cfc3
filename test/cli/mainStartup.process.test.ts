import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCliForTest, runBuiltCli } from '../sweep/builtCli.js';

/**
 * What the CLI loads before it knows the command: every command's module is imported at start-up,
 * so packages only some commands need (zod and yaml for scenario and result files) are imported
 * where they are used, and so is the work of every command but bench and run. This runs the built
 * CLI with a module hook that logs every specifier it resolves.
 */
let cli = '';
let work = '';

const HOOKS = `import { appendFileSync } from 'node:fs';
let log = '';
export async function initialize(data) { log = data.log; }
export async function resolve(specifier, context, next) {
  appendFileSync(log, specifier + '\\n');
  return next(specifier, context);
}`;

beforeAll(() => {
  cli = buildCliForTest();
  work = mkdtempSync(join(tmpdir(), 'nicvirt-startup-'));
  writeFileSync(join(work, 'hooks.mjs'), HOOKS);
  writeFileSync(
    join(work, 'register.mjs'),
    `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(join(work, 'hooks.mjs')).href)}, { data: { log: process.env.IMPORT_LOG } });\n`,
  );
}, 60_000);

afterAll(() => {
  rmSync(cli, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
});

/** The packages a run of the CLI with `args` resolved. */
async function packagesLoaded(args: readonly string[], name: string): Promise<string[]> {
  const loaded = await specifiersLoaded(args, name);
  return loaded.filter((specifier) => !/^(\.|\/|node:|file:|data:)/.test(specifier));
}

/** Every specifier a run of the CLI with `args` resolved. */
async function specifiersLoaded(args: readonly string[], name: string): Promise<string[]> {
  const log = join(work, `${name}.log`);
  writeFileSync(log, '');
  const run = await runBuiltCli(cli, args, {
    cwd: work,
    env: { NODE_OPTIONS: `--import=${pathToFileURL(join(work, 'register.mjs')).href}`, IMPORT_LOG: log },
  });
  expect(run.code).toBe(0);
  return readFileSync(log, 'utf8').split('\n').filter(Boolean);
}

describe('CLI start-up', () => {
  it('does not load zod or yaml for a command that reads no scenario or result file', async () => {
    const loaded = await packagesLoaded(
      ['bench', '--mode', 'sriov', '--vms', '2', '--duration', '1ms'],
      'bench',
    );
    expect(loaded).toContain('commander');
    expect(loaded).not.toContain('zod');
    expect(loaded).not.toContain('yaml');
  }, 30_000);

  it('loads them for the commands that need them', async () => {
    expect(await packagesLoaded(['schema'], 'schema')).toContain('zod');
  }, 30_000);

  it("loads the other commands' work only when they run", async () => {
    const lazy = [
      './runSweep.js',
      './runRfc2544.js',
      './runCompare.js',
      './runMerge.js',
      './drawReport.js',
      './validateModel.js',
    ];
    const bench = await specifiersLoaded(
      ['bench', '--mode', 'sriov', '--vms', '2', '--duration', '1ms'],
      'lazy',
    );
    expect(bench).toContain('./benchCommand.js');
    for (const module of lazy) expect(bench, module).not.toContain(module);
    const sweep = await specifiersLoaded(
      ['sweep', '--modes', 'sriov', '--vms', '1', '--duration', '1ms', '--jobs', '1', '--format', 'json'],
      'sweep',
    );
    expect(sweep).toContain('./runSweep.js');
    expect(sweep).not.toContain('./runRfc2544.js');
  }, 30_000);
});
