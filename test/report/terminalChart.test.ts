import { describe, expect, it } from 'vitest';
import { niceCeiling, terminalLineChart, throughputTerminalChart } from '../../src/report/terminalChart.js';
import { runSmallSweep } from './sweepFixture.js';

const ANSI = '\u001b[';

describe('terminalLineChart', () => {
  it('draws markers, connectors, axes and a legend', () => {
    const text = terminalLineChart(
      [
        {
          label: 'up',
          glyph: 'U',
          points: [
            { x: 0, y: 0 },
            { x: 10, y: 10 },
          ],
        },
        {
          label: 'flat',
          glyph: 'F',
          points: [
            { x: 0, y: 5 },
            { x: 10, y: 5 },
          ],
        },
      ],
      { color: false, width: 21, height: 5, xLabel: 'x', title: 'test chart' },
    );
    expect(text).toBe(
      [
        'test chart',
        '10.0 ┤                  ··U',
        ' 7.5 ┤             ······',
        ' 5.0 ┤F···················F',
        ' 2.5 ┤   ······',
        ' 0.0 ┤U···',
        '     └┬───────────────────┬',
        '      0                   10  x',
        '  U up   F flat',
        '',
      ].join('\n'),
    );
  });

  it('writes coinciding markers side by side, and * when there is no room', () => {
    const same = (glyph: string) => ({
      label: glyph,
      glyph,
      points: [
        { x: 0, y: 1 },
        { x: 1, y: 1 },
      ],
    });
    const text = terminalLineChart([same('A'), same('B')], {
      color: false,
      width: 16,
      height: 4,
      xLabel: 'x',
      title: 't',
    });
    expect(text).toContain('AB············AB');
    const crowded = terminalLineChart(
      [same('A'), same('B'), { label: 'C', glyph: 'C', points: [{ x: 0.07, y: 1 }] }],
      { color: false, width: 16, height: 4, xLabel: 'x', title: 't' },
    );
    expect(crowded).toMatch(/\*C/);
    expect(crowded).toContain('* several at one point');
  });

  it('colours only when asked', () => {
    const series = [
      {
        label: 'a',
        glyph: 'A',
        color: 'blue' as const,
        points: [
          { x: 1, y: 1 },
          { x: 2, y: 3 },
        ],
      },
    ];
    const options = { width: 20, height: 5, xLabel: 'x', title: 't' };
    expect(terminalLineChart(series, { ...options, color: false })).not.toContain(ANSI);
    expect(terminalLineChart(series, { ...options, color: true })).toContain(ANSI);
  });

  it('rounds the y axis up to a round number', () => {
    expect([0.7, 1, 3.1, 9.87, 12, 0].map((value) => niceCeiling(value))).toEqual([1, 1, 5, 10, 20, 1]);
  });
});

describe('throughputTerminalChart', () => {
  it('draws delivered Gbit/s vs VMs with one letter per mode, VM counts under the axis', () => {
    const sweep = runSmallSweep(['paravirt', 'vmdq', 'sriov'], [1, 2, 4, 8, 16]);
    const text = throughputTerminalChart(sweep, { color: false });
    const lines = text.split('\n');
    expect(lines[0]).toBe('delivered Gbit/s vs VMs');
    expect(text).toMatch(/^\s+1 {2,}2 {2,}4 {2,}8 {2,}16 {2}VMs$/m);
    expect(text).toContain('P paravirt   D VMDq   S SR-IOV');
    // SR-IOV and VMDq both reach line rate at 16 VMs: their letters share the top row.
    expect(lines[1]).toMatch(/^10\.0 ┤S.*DS$/);
    expect(text).not.toContain(ANSI);
  });
});
