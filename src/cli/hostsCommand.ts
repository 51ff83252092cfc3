import type { Command } from 'commander';
import { hostProfiles } from '../model/hostProfiles.js';
import { formatHostsTable, formatProfilesJson } from '../report/listingReports.js';
import type { CliIo } from './cliIo.js';
import { addFormatOptions, colorEnabled, parseFormatFlag } from './outputOptions.js';

const FORMATS = ['table', 'json'] as const;

/** `nicvirt hosts`: the host profiles --host accepts. */
export function registerHostsCommand(program: Command, io: CliIo): Command {
  const command = program.command('hosts').description('list the host profiles (--host values)');
  addFormatOptions(command, FORMATS);
  command.action((options: { format?: unknown; color?: boolean }) => {
    const format = parseFormatFlag(options.format, FORMATS, 'nicvirt hosts');
    io.stdout(
      format === 'json'
        ? formatProfilesJson(hostProfiles())
        : formatHostsTable(hostProfiles(), { color: colorEnabled(io, options.color) }),
    );
  });
  return command;
}
