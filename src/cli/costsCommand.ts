import type { Command } from 'commander';
import { costParameters } from '../model/costTable.js';
import { formatCostsJson, formatCostsTable } from '../report/listingReports.js';
import type { CliIo } from './cliIo.js';
import { addFormatOptions, colorEnabled, parseFormatFlag } from './outputOptions.js';

const FORMATS = ['table', 'json'] as const;

/** `nicvirt costs`: the cost table with defaults, units and sources (--cost names). */
export function registerCostsCommand(program: Command, io: CliIo): Command {
  const command = program
    .command('costs')
    .description(
      'list the cost parameters with defaults, units and sources (override with --cost name=value)',
    );
  addFormatOptions(command, FORMATS);
  command.action((options: { format?: unknown; color?: boolean }) => {
    const format = parseFormatFlag(options.format, FORMATS, 'nicvirt costs');
    io.stdout(
      format === 'json'
        ? formatCostsJson(costParameters())
        : formatCostsTable(costParameters(), { color: colorEnabled(io, options.color) }),
    );
  });
  return command;
}
