import type { Command } from 'commander';

/** `--chart` and `--report <file>` for commands that produce a sweep. */
export function addSweepChartOptions(command: Command): Command {
  return command
    .option(
      '--chart',
      'draw delivered throughput vs VMs per mode under the table (a line chart in the terminal)',
    )
    .option(
      '--report <file>',
      'also write a self-contained HTML report with charts to FILE (as nicvirt report -o)',
    );
}
