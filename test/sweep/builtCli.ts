import { spawn } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/**
 * A runnable copy of the CLI built from the current sources, without type checking (each file
 * transpiled on its own, about a second), laid out like the package: <dir>/bin/nicvirt.js,
 * <dir>/dist/…, <dir>/package.json and node_modules linked. Worker threads need compiled
 * JavaScript, which vitest (running TypeScript) cannot give them; this is what `npm run build`
 * would produce, minus the type check that `npm run typecheck` does.
 */
export function buildCliForTest(): string {
  const directory = mkdtempSync(join(tmpdir(), 'nicvirt-cli-'));
  for (const file of sourceFiles(join(ROOT, 'src'))) {
    const output = ts.transpileModule(readFileSync(file, 'utf8'), {
      fileName: file,
      compilerOptions: {
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.ESNext,
        verbatimModuleSyntax: true,
        sourceMap: false,
      },
    });
    const target = join(directory, 'dist', relative(join(ROOT, 'src'), file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, output.outputText);
  }
  mkdirSync(join(directory, 'bin'));
  copyFileSync(join(ROOT, 'bin', 'nicvirt.js'), join(directory, 'bin', 'nicvirt.js'));
  copyFileSync(join(ROOT, 'package.json'), join(directory, 'package.json'));
  symlinkSync(join(ROOT, 'node_modules'), join(directory, 'node_modules'), 'dir');
  return directory;
}

export interface ProcessRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface SpawnSettings {
  readonly cwd: string;
  readonly env?: Readonly<Record<string, string>>;
  /** Called with stderr as it grows; return a signal to send it to the process (once). */
  readonly onStderr?: (stderr: string) => NodeJS.Signals | undefined;
}

/** Run the built CLI as a real process. */
export function runBuiltCli(
  directory: string,
  args: readonly string[],
  settings: SpawnSettings,
): Promise<ProcessRun> {
  return runBuiltScript(join(directory, 'bin', 'nicvirt.js'), args, settings);
}

/** Run a script of a built copy (the CLI's bin, or a script copied in beside it) as a real process. */
export function runBuiltScript(
  script: string,
  args: readonly string[],
  settings: SpawnSettings,
): Promise<ProcessRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], {
      cwd: settings.cwd,
      env: { PATH: process.env['PATH'] ?? '', ...settings.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let signalled = false;
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      const signal = signalled ? undefined : settings.onStderr?.(stderr);
      if (signal !== undefined) {
        signalled = true;
        child.kill(signal);
      }
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}
