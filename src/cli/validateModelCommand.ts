import type { Command } from 'commander';
import type { CliIo } from './cliIo.js';
import { addFormatOptions } from './outputOptions.js';
import { collectRepeated } from './repeatableOption.js';

/** `nicvirt validate-model --format`. */
export const VALIDATE_MODEL_FORMATS = ['table', 'json'] as const;

/**
 * `nicvirt validate-model`: run every reproduction scenario of scenarios/published/ and compare
 * the simulated figures with the published ones; exit 1 when any is outside its tolerance.
 */
export function registerValidateModelCommand(program: Command, io: CliIo): Command {
  const command = program
    .command('validate-model')
    .description('run the reproductions of published measurements and compare (exit 1 if any is off)')
    .option('--only <ids>', 'comma-separated check or result ids, e.g. R5,R10b')
    .option(
      '--cost <name=value>',
      'run the reproductions with a cost overridden (repeatable): what would this cost do to the published figures?',
      collectRepeated,
    );
  addFormatOptions(command, VALIDATE_MODEL_FORMATS);
  command.action(async (_options: unknown, self: Command) => {
    // Loaded on use: every command's module is loaded at start-up (main.ts).
    const { runValidateModel } = await import('./validateModel.js');
    await runValidateModel(self, io);
  });
  return command;
}
