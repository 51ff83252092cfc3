import type { Command } from 'commander';
import { modeInfos } from '../modes/modeInfo.js';
import { formatModesJson, formatModesTable } from '../report/listingReports.js';
import type { CliIo } from './cliIo.js';
import { addFormatOptions, colorEnabled, parseFormatFlag } from './outputOptions.js';

const FORMATS = ['table', 'json'] as const;

/** `nicvirt modes`: the data paths --mode accepts, one line each. */
export function registerModesCommand(program: Command, io: CliIo): Command {
  const command = program.command('modes').description('list the NIC virtualization modes (--mode values)');
  addFormatOptions(command, FORMATS);
  command.action((options: { format?: unknown; color?: boolean }) => {
    const format = parseFormatFlag(options.format, FORMATS, 'nicvirt modes');
    io.stdout(
      format === 'json'
        ? formatModesJson(modeInfos())
        : formatModesTable(modeInfos(), { color: colorEnabled(io, options.color) }),
    );
  });
  return command;
}
