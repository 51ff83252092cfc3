import type { Command } from 'commander';
import { toJsonText } from '../report/toJsonText.js';
import type { LocatedProblem } from '../scenario/locatedProblem.js';
import type { CliIo } from './cliIo.js';
import { parseFormatFlag } from './outputOptions.js';
import { readProcessStdin, readScenarioSource, type StdinReader } from './readScenarioSource.js';
import { printableScenarioProblems } from './scenarioUsageError.js';
import { UsageError, usageErrorFromList } from './usageError.js';

const FORMATS = ['text', 'json'] as const;

const EXAMPLES = `
Exit status: 0 when every file is valid, 2 when any has a problem (all problems are listed).

Examples:
  $ nicvirt validate scenarios/*.yaml
  $ nicvirt validate my-scenario.yaml --format json`;

interface FileVerdict {
  readonly file: string;
  readonly ok: boolean;
  readonly runs: number;
  readonly problems: readonly LocatedProblem[];
}

/** `nicvirt validate FILE…`: check scenario files (schema, profiles, cross-field rules) without running. */
export function registerValidateCommand(
  program: Command,
  io: CliIo,
  readStdin: StdinReader = readProcessStdin,
): Command {
  const command = program
    .command('validate')
    .description('check scenario files without running them: every problem with file:line:col (exit 0 or 2)')
    .argument('<files...>', 'scenario files (.yaml, .yml or .json), or - for standard input')
    .option('--format <format>', `output format: ${FORMATS.join(', ')} (default text)`);
  command.addHelpText('after', EXAMPLES);
  command.action(async (files: string[], options: { format?: unknown }) => {
    const format = parseFormatFlag(options.format, FORMATS, 'nicvirt validate');
    const verdicts: FileVerdict[] = [];
    for (const file of files) verdicts.push(await validateFile(file, io, readStdin));
    const failed = verdicts.filter((verdict) => !verdict.ok);
    if (format === 'json') {
      io.stdout(toJsonText({ valid: failed.length === 0, files: verdicts }));
      if (failed.length > 0)
        throw new UsageError(`${failed.length} of ${verdicts.length} scenario files have problems`);
      return;
    }
    for (const verdict of verdicts) {
      if (verdict.ok) io.stdout(`ok ${verdict.file} (${verdict.runs} run${verdict.runs === 1 ? '' : 's'})\n`);
    }
    if (failed.length === 0) return;
    const problems = failed.flatMap((verdict) =>
      printableScenarioProblems(verdict.problems, {
        commandPrefix: `nicvirt validate ${verdict.file}`,
        flags: {},
      }),
    );
    const where =
      failed.length === 1 ? (failed[0]?.file ?? '') : `${failed.length} of ${verdicts.length} files`;
    throw usageErrorFromList(problems, `in ${where}`);
  });
  return command;
}

async function validateFile(file: string, io: CliIo, readStdin: StdinReader): Promise<FileVerdict> {
  const source = await readScenarioSource(file, io, readStdin);
  if (!source.ok) return { file, ok: false, runs: 0, problems: source.problems };
  // zod and yaml are loaded on use, not at start-up (see main.ts).
  const { compileScenario } = await import('../scenario/compileScenario.js');
  const compiled = compileScenario(source.value.text, { source: source.value.source });
  if (!compiled.ok) return { file, ok: false, runs: 0, problems: compiled.problems };
  return { file, ok: true, runs: compiled.value.runs.length, problems: [] };
}
