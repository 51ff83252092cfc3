import type { Command } from 'commander';
import { SCENARIO_SCHEMA_FILE } from '../scenario/scenarioSchemaFile.js';
import type { CliIo } from './cliIo.js';

const EXAMPLES = `
The schema is generated from the validator itself. Point your editor at it with a first line
  # yaml-language-server: $schema=<path to ${SCENARIO_SCHEMA_FILE}>
in a YAML scenario, or "$schema" in a JSON one.

Examples:
  $ nicvirt schema > nicvirt.schema.json`;

/** `nicvirt schema`: the JSON Schema (draft-07) of the scenario format, for editors. */
export function registerSchemaCommand(program: Command, io: CliIo): Command {
  const command = program
    .command('schema')
    .description('print the JSON Schema of scenario files, for editor completion and checking');
  command.addHelpText('after', EXAMPLES);
  command.action(async () => {
    // Loaded here, not at start-up: the schema is built with zod (see main.ts, "start-up").
    const { scenarioJsonSchemaText } = await import('../scenario/scenarioJsonSchema.js');
    io.stdout(scenarioJsonSchemaText());
  });
  return command;
}
