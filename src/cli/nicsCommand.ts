import type { Command } from 'commander';
import { nicProfiles } from '../model/nicProfiles.js';
import { formatNicsTable, formatProfilesJson } from '../report/listingReports.js';
import type { CliIo } from './cliIo.js';
import { addFormatOptions, colorEnabled, parseFormatFlag } from './outputOptions.js';

const FORMATS = ['table', 'json'] as const;

/** `nicvirt nics`: the NIC profiles --nic accepts. */
export function registerNicsCommand(program: Command, io: CliIo): Command {
  const command = program.command('nics').description('list the NIC profiles (--nic values)');
  addFormatOptions(command, FORMATS);
  command.action((options: { format?: unknown; color?: boolean }) => {
    const format = parseFormatFlag(options.format, FORMATS, 'nicvirt nics');
    io.stdout(
      format === 'json'
        ? formatProfilesJson(nicProfiles())
        : formatNicsTable(nicProfiles(), { color: colorEnabled(io, options.color) }),
    );
  });
  return command;
}
