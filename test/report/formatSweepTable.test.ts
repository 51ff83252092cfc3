import { describe, expect, it } from 'vitest';
import { buildBenchResult } from '../../src/cli/buildBenchResult.js';
import { formatSweepTable } from '../../src/report/formatSweepTable.js';
import { makeRunResult } from './runResultFixture.js';

const RED = '\u001b[31m';

describe('formatSweepTable', () => {
  const withDrops = makeRunResult();
  const withoutDrops = { ...makeRunResult({ vms: 2 }), dropRatio: 0 };
  const result = buildBenchResult(1, [withDrops, withoutDrops]);

  it('heads the point columns, then the headline figures', () => {
    const head = formatSweepTable(result, { color: false }, []).split('\n')[1] ?? '';
    const titles = head
      .split('│')
      .map((cell) => cell.trim())
      .filter((cell) => cell !== '');
    expect(titles).toEqual([
      '#',
      'mode',
      'VMs',
      'frame',
      'load',
      'dir',
      'Gbit/s',
      'Mpps',
      '% line',
      'drops',
      'p99 µs',
      'host cores',
    ]);
  });

  it('marks only the drops cell of a row that dropped frames', () => {
    const text = formatSweepTable(result, { color: true }, []);
    expect(text.split(RED)).toHaveLength(2);
    expect(text).toContain(`${RED}0.16%\u001b[39m`);
  });
});
