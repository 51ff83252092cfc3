import type { CostParameter } from '../model/costTable.js';
import type { HostProfile } from '../model/hostProfiles.js';
import type { NicProfile } from '../model/nicProfiles.js';
import type { ModeInfo } from '../modes/modeInfo.js';
import { formatPlain } from './formatNumbers.js';
import { borderedTable, reportStyle } from './reportStyle.js';
import { toJsonText } from './toJsonText.js';

export interface ListingOptions {
  readonly color: boolean;
}

/** `nicvirt modes`: one line per mode, id then what a packet does on that path. */
export function formatModesTable(modes: readonly ModeInfo[], options: ListingOptions): string {
  const style = reportStyle(options.color);
  const width = Math.max(...modes.map((mode) => mode.id.length));
  return modes
    .map((mode) => `${style.heading(mode.id.padEnd(width))}  ${mode.displayName}: ${mode.summary}\n`)
    .join('');
}

export function formatModesJson(modes: readonly ModeInfo[]): string {
  return toJsonText(
    modes.map((mode) => ({
      id: mode.id,
      displayName: mode.displayName,
      summary: mode.summary,
      tradeoffs: mode.tradeoffs,
    })),
  );
}

/** Where a cost comes from: the published source, or `estimate (calibrated by R5, R12)`. */
export function costSourceText(parameter: CostParameter): string {
  if (!parameter.estimate) return parameter.source;
  return parameter.calibratedBy === undefined
    ? 'estimate'
    : `estimate (calibrated by ${parameter.calibratedBy})`;
}

/** `nicvirt costs`: every cost parameter with default, unit, provenance and meaning. */
export function formatCostsTable(parameters: readonly CostParameter[], options: ListingOptions): string {
  const style = reportStyle(options.color);
  const table = borderedTable(style, {
    head: ['name', 'default', 'source', 'help'],
    alignRight: [false, true, false, false],
    // Wide enough that `estimate (calibrated by R1, R2, R18)` stays on one line.
    colWidths: [35, 17, 38, 36],
    rowSeparators: true,
  });
  for (const parameter of parameters) {
    const source = costSourceText(parameter);
    table.push([
      parameter.name,
      `${formatPlain(parameter.defaultValue)} ${parameter.unit}`,
      parameter.estimate ? style.warn(source) : source,
      parameter.help,
    ]);
  }
  const footer = style.dim(
    'Override any of them with --cost name=value (repeatable), e.g. --cost switchPortCycles=6500.',
  );
  return `${table.toString()}\n${footer}\n`;
}

export function formatCostsJson(parameters: readonly CostParameter[]): string {
  return toJsonText(
    parameters.map((parameter) => ({
      name: parameter.name,
      defaultValue: parameter.defaultValue,
      unit: parameter.unit,
      estimate: parameter.estimate,
      ...(parameter.calibratedBy === undefined ? {} : { calibratedBy: parameter.calibratedBy }),
      source: parameter.source,
      help: parameter.help,
    })),
  );
}

/** `nicvirt nics`: the NIC profiles `--nic` accepts. */
export function formatNicsTable(profiles: readonly NicProfile[], options: ListingOptions): string {
  const style = reportStyle(options.color);
  const table = borderedTable(style, {
    head: ['id', 'NIC', 'link Gbit/s', 'RX queues', 'VMDq pools', 'VFs', 'PCIe', 'ring', 'ITR µs'],
    alignRight: [false, false, true, true, true, true, false, true, true],
  });
  for (const profile of profiles) {
    table.push([
      style.heading(profile.id),
      profile.displayName,
      profile.supportedLinkGbps
        .map((gbps) => (gbps === profile.linkGbps ? `[${gbps}]` : String(gbps)))
        .join('/'),
      String(profile.rxQueues),
      profile.vmdqPools === 0 ? '—' : String(profile.vmdqPools),
      profile.vfs === 0 ? '—' : String(profile.vfs),
      profile.pcieLabel,
      String(profile.ringSize),
      formatPlain(profile.itrUs),
    ]);
  }
  return `${table.toString()}\n${style.dim('[n] = default link speed; change it with --link-gbps.')}\n`;
}

/** `nicvirt hosts`: the host profiles `--host` accepts. */
export function formatHostsTable(profiles: readonly HostProfile[], options: ListingOptions): string {
  const style = reportStyle(options.color);
  const table = borderedTable(style, {
    head: ['id', 'host', 'cores', 'GHz', 'DDIO', 'posted interrupts'],
    alignRight: [false, false, true, true, false, false],
  });
  for (const profile of profiles) {
    table.push([
      style.heading(profile.id),
      profile.displayName,
      String(profile.cores),
      formatPlain(profile.ghz),
      profile.ddio ? 'yes' : 'no',
      profile.postedInterrupts ? 'on' : 'off',
    ]);
  }
  return `${table.toString()}\n`;
}

/** Profiles are plain data already; JSON is the data itself. */
export function formatProfilesJson(profiles: readonly (NicProfile | HostProfile)[]): string {
  return toJsonText(profiles);
}
