import { describe, expect, it } from 'vitest';
import { costParameters } from '../../src/model/costTable.js';
import { hostProfiles } from '../../src/model/hostProfiles.js';
import { nicProfiles } from '../../src/model/nicProfiles.js';
import { modeInfos } from '../../src/modes/modeInfo.js';
import {
  costSourceText,
  formatCostsJson,
  formatCostsTable,
  formatHostsTable,
  formatModesTable,
  formatNicsTable,
} from '../../src/report/listingReports.js';

describe('listing reports', () => {
  it('modes: one line per mode, id first', () => {
    const lines = formatModesTable(modeInfos(), { color: false }).trimEnd().split('\n');
    expect(lines).toHaveLength(modeInfos().length);
    expect(lines.map((line) => line.split(' ')[0])).toEqual(modeInfos().map((mode) => mode.id));
    expect(lines.find((line) => line.startsWith('sriov'))).toContain('SR-IOV:');
  });

  it('costs: every parameter with its default, unit and provenance', () => {
    const text = formatCostsTable(costParameters(), { color: false });
    for (const parameter of costParameters()) expect(text).toContain(parameter.name);
    const row = (name: string): string =>
      text.split('\n').find((line) => line.startsWith(`│ ${name} `)) ?? '';
    expect(row('vmExitEntryCycles')).toMatch(/│\s+1,300 cycles │ Dall et al\./);
    expect(row('stackByteCycles')).toMatch(/│\s+0\.5 cycles\/byte │ estimate \(calibrated by R1, R18\)\s+│/);
    expect(row('switchPortCycles')).toContain('estimate (calibrated by R5, R12)');
    expect(text).not.toContain('\u001b[');
  });

  it('costs: estimates say what calibrates them, others give the source', () => {
    const switchPort = costParameters().find((parameter) => parameter.name === 'switchPortCycles');
    const exit = costParameters().find((parameter) => parameter.name === 'vmExitEntryCycles');
    expect(switchPort && costSourceText(switchPort)).toBe('estimate (calibrated by R5, R12)');
    expect(exit && costSourceText(exit)).toContain('Dall et al.');
    const json = JSON.parse(formatCostsJson(costParameters())) as { name: string; defaultValue: number }[];
    expect(json.map((entry) => entry.name)).toEqual(costParameters().map((parameter) => parameter.name));
  });

  it('nics and hosts list every profile', () => {
    const nics = formatNicsTable(nicProfiles(), { color: false });
    for (const profile of nicProfiles()) expect(nics).toContain(profile.id);
    expect(nics).toContain('63');
    const hosts = formatHostsTable(hostProfiles(), { color: false });
    for (const profile of hostProfiles()) expect(hosts).toContain(profile.id);
  });
});
