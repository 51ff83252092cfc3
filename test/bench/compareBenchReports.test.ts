import { describe, expect, it } from 'vitest';
import {
  ALLOCATION_NOISE_BYTES,
  compareBenchReports,
  isBenchReport,
  NOISE_FLOOR,
  type BenchReport,
} from '../../src/bench/compareBenchReports.js';

/** A report as bench:sim writes it, cut down to what the comparison reads. */
function report(overrides: Partial<BenchReport> = {}): BenchReport {
  return {
    node: 'v20.20.2',
    machine: { cpus: 2, model: 'AMD EPYC' },
    options: { repeat: 5, packetBudget: 4e6, arrivals: 'cbr', pinCpu: '0' },
    reference: { programs: [{ id: 'cEventLoop', packetsPerCoreSec: 6e6 }] },
    speed: [
      { mode: 'vmq', frameBytes: 1518, packetsPerCoreSec: 4e6, noise: 0.02 },
      { mode: 'sriov', frameBytes: 64, packetsPerCoreSec: 18e6, noise: 0.01 },
    ],
    scaling: [{ mode: 'vmq', frameBytes: 64, coreRatio: 1.3, noise: 0.01 }],
    scalingLight: [{ mode: 'vmq', frameBytes: 64, coreRatio: 1.1, noise: 0.01 }],
    linear: [
      {
        mode: 'vmq',
        runs: [
          { simulatedMs: 101, medianCoreNsPerPacket: 300 },
          { simulatedMs: 1001, medianCoreNsPerPacket: 280 },
          { simulatedMs: 10001, medianCoreNsPerPacket: 290 },
        ],
        noise: 0.03,
      },
    ],
    sweep: { wallSecJobs1: 4.4, wallSecJobs2: 2.9 },
    memory: [{ mode: 'vmq', vms: 4096, peakRssMb: 270 }],
    ...overrides,
  };
}

const rowOf = (comparison: ReturnType<typeof compareBenchReports>, section: string, subject: string) => {
  const row = comparison.rows.find((r) => r.section === section && r.subject === subject);
  if (row === undefined) throw new Error(`no ${section} row ${subject}`);
  return row;
};

describe('compareBenchReports', () => {
  it('pairs every measure of two reports by what was measured, in the baseline order', () => {
    const comparison = compareBenchReports(report(), report());
    expect(comparison.rows.map((row) => `${row.section} ${row.subject}`)).toEqual([
      'reference C event loop',
      'speed vmq 1518 B',
      'speed sriov 64 B',
      'scaling vmq 64 B',
      'scaling vmq 64 B',
      'linear vmq',
      'sweep --jobs 2',
      'sweep --jobs 1',
      'memory vmq 4096 VMs',
    ]);
    expect(comparison.rows.every((row) => row.verdict === 'same' && row.change === 0)).toBe(true);
    expect(comparison.counts).toEqual({ better: 0, worse: 0, same: 9, new: 0, gone: 0 });
    expect(comparison.differences).toEqual([]);
  });

  it('says better or worse by the direction that is better for each measure, beyond the noise allowance', () => {
    const after = report({
      speed: [
        { mode: 'vmq', frameBytes: 1518, packetsPerCoreSec: 5e6, noise: 0.02 }, // +25%: better
        { mode: 'sriov', frameBytes: 64, packetsPerCoreSec: 15e6, noise: 0.01 }, // −17%: worse
      ],
      scaling: [{ mode: 'vmq', frameBytes: 64, coreRatio: 1.1, noise: 0.01 }], // lower ratio: better
      scalingLight: [{ mode: 'vmq', frameBytes: 64, coreRatio: 1.25, noise: 0.01 }], // higher: worse
      memory: [{ mode: 'vmq', vms: 4096, peakRssMb: 240 }], // less memory: better
      sweep: { wallSecJobs1: 4.4, wallSecJobs2: 3.5 }, // +21% wall time: worse
    });
    const comparison = compareBenchReports(report(), after);
    const speed = rowOf(comparison, 'speed', 'vmq 1518 B');
    expect(speed.before).toBeCloseTo(4);
    expect(speed.after).toBeCloseTo(5);
    expect(speed.change).toBeCloseTo(0.25);
    expect(speed.verdict).toBe('better');
    expect(rowOf(comparison, 'speed', 'sriov 64 B').verdict).toBe('worse');
    const scaling = comparison.rows.filter((row) => row.section === 'scaling');
    expect(scaling.map((row) => [row.measure, row.verdict])).toEqual([
      ['cost ratio 256/32 VMs', 'better'],
      ['cost ratio 256/32 VMs, light load', 'worse'],
    ]);
    expect(rowOf(comparison, 'memory', 'vmq 4096 VMs').verdict).toBe('better');
    expect(rowOf(comparison, 'sweep', '--jobs 2').verdict).toBe('worse');
    expect(rowOf(comparison, 'sweep', '--jobs 1').verdict).toBe('same');
    expect(comparison.counts).toMatchObject({ better: 3, worse: 3 });
  });

  it('compares two side-by-side one-job sweeps as their own row, new where the baseline had none', () => {
    const withPair = (wallSec: number) =>
      report({ sweep: { wallSecJobs1: 4.4, wallSecJobs2: 2.9, sideBySide: { wallSec } } });
    const pairRow = (before: ReturnType<typeof report>, after: ReturnType<typeof report>) =>
      rowOf(compareBenchReports(before, after), 'sweep', 'two --jobs 1 side by side');
    expect(pairRow(report(), withPair(5.1))).toMatchObject({
      measure: 'wall s, 126 points each',
      after: 5.1,
      verdict: 'new',
    });
    expect(pairRow(withPair(5.1), withPair(6.2)).verdict).toBe('worse');
    expect(pairRow(withPair(5.1), withPair(5.1)).verdict).toBe('same');
  });

  it('takes the larger of the floor and either run’s own spread as the noise allowance', () => {
    const noisy = report({
      speed: [{ mode: 'vmq', frameBytes: 1518, packetsPerCoreSec: 4.8e6, noise: 0.3 }], // +20%
    });
    const row = rowOf(compareBenchReports(report(), noisy), 'speed', 'vmq 1518 B');
    expect(row.allowance).toBe(0.3);
    expect(row.verdict).toBe('same');
    // Just beyond the floor when neither run was noisy.
    const quiet = report({
      speed: [{ mode: 'vmq', frameBytes: 1518, packetsPerCoreSec: 4e6 * (1 + NOISE_FLOOR.speed + 0.01) }],
    });
    const beyond = rowOf(compareBenchReports(report(), quiet), 'speed', 'vmq 1518 B');
    expect(beyond.allowance).toBe(NOISE_FLOOR.speed);
    expect(beyond.verdict).toBe('better');
  });

  it('compares the bytes allocated per packet, fewer being better, once either report has them', () => {
    const withAllocation = (bytes: number) =>
      report({
        speed: [{ mode: 'vmq', frameBytes: 1518, packetsPerCoreSec: 4e6, allocatedBytesPerPacket: bytes }],
      });
    const allocationRow = (comparison: ReturnType<typeof compareBenchReports>) =>
      comparison.rows.find((row) => row.measure === 'bytes allocated per packet');
    const fewer = allocationRow(compareBenchReports(withAllocation(140), withAllocation(84)));
    expect(fewer).toMatchObject({ subject: 'vmq 1518 B', before: 140, after: 84, verdict: 'better' });
    expect(allocationRow(compareBenchReports(withAllocation(84), withAllocation(140)))?.verdict).toBe(
      'worse',
    );
    // A report from before the measure: the row is new; neither report has it: no row at all.
    expect(allocationRow(compareBenchReports(report(), withAllocation(84)))).toMatchObject({
      verdict: 'new',
      before: null,
    });
    expect(allocationRow(compareBenchReports(report(), report()))).toBeUndefined();
  });

  it('counts a change in allocation of up to a boxed number a packet as noise, however large relatively', () => {
    const withAllocation = (bytes: number) =>
      report({
        speed: [{ mode: 'vmq', frameBytes: 64, packetsPerCoreSec: 2e7, allocatedBytesPerPacket: bytes }],
      });
    const verdict = (before: number, after: number) =>
      compareBenchReports(withAllocation(before), withAllocation(after)).rows.find(
        (row) => row.measure === 'bytes allocated per packet',
      );
    // One engine, two processes (seen: VMQ 64 B 1.1 and 16.5, VMQ 1518 B 88 and 104).
    expect(verdict(1.1, 16.5)).toMatchObject({ verdict: 'same', absoluteAllowance: ALLOCATION_NOISE_BYTES });
    expect(verdict(88, 104)?.verdict).toBe('same');
    expect(verdict(16.5, 1.1)?.verdict).toBe('same');
    // More than that is counted, either way.
    expect(verdict(88, 88 + ALLOCATION_NOISE_BYTES + 1)?.verdict).toBe('worse');
    expect(verdict(140, 84)?.verdict).toBe('better');
    // Other measures have no absolute allowance.
    expect(
      rowOf(compareBenchReports(report(), report()), 'speed', 'vmq 1518 B').absoluteAllowance,
    ).toBeUndefined();
  });

  it('reads the linearity row from the 1 s run', () => {
    const after = report({
      linear: [{ mode: 'vmq', runs: [{ simulatedMs: 1001, medianCoreNsPerPacket: 200 }], noise: 0.01 }],
    });
    const row = rowOf(compareBenchReports(report(), after), 'linear', 'vmq');
    expect(row.before).toBe(280);
    expect(row.after).toBe(200);
    expect(row.verdict).toBe('better');
  });

  it('marks rows measured in one report only as new or gone, and skips rows it cannot name', () => {
    // An older report, from before the light-load scaling rows (no `scalingLight` at all).
    const { scalingLight: _scalingLight, ...older } = report({ memory: [] });
    const before: BenchReport = older;
    const after = report({
      speed: [{ mode: 'vmq', frameBytes: 1518, packetsPerCoreSec: 4e6 }, { frameBytes: 64 }],
      sweep: null,
    });
    const comparison = compareBenchReports(before, after);
    expect(rowOf(comparison, 'speed', 'sriov 64 B')).toMatchObject({ verdict: 'gone', after: null });
    expect(rowOf(comparison, 'memory', 'vmq 4096 VMs')).toMatchObject({ verdict: 'new', before: null });
    expect(rowOf(comparison, 'sweep', '--jobs 2')).toMatchObject({ verdict: 'gone' });
    const light = comparison.rows.find((row) => row.measure === 'cost ratio 256/32 VMs, light load');
    expect(light).toMatchObject({ subject: 'vmq 64 B', verdict: 'new', before: null, after: 1.1 });
    expect(comparison.rows.filter((row) => row.section === 'speed')).toHaveLength(2);
    expect(comparison.rows.some((row) => row.change !== null && !Number.isFinite(row.change))).toBe(false);
  });

  it('tells section 5’s longer run from the 100 ms one at the same VM count', () => {
    const memory = [
      { mode: 'vmq', vms: 4096, durationMs: 100, peakRssMb: 143 },
      { mode: 'vmq', vms: 4096, durationMs: 1000, peakRssMb: 153 },
    ];
    const targets = { rssBytesPerMb: 1e6 };
    // An older report: no durationMs, its runs all 100 ms.
    const before = report({ memory: [{ mode: 'vmq', vms: 4096, peakRssMb: 143 }], targets });
    const rows = compareBenchReports(before, report({ memory, targets })).rows.filter(
      (row) => row.section === 'memory',
    );
    expect(rows.map((row) => [row.subject, row.before, row.after, row.verdict])).toEqual([
      ['vmq 4096 VMs', 143, 143, 'same'],
      ['vmq 4096 VMs, 1 s', null, 153, 'new'],
    ]);
  });

  it('compares peak RSS in MB of 10^6 bytes, reading the MiB of an older report as such', () => {
    // 143.05 MiB is 150.0 MB: the same peak written in the two units.
    const old = report({ memory: [{ mode: 'vmq', vms: 4096, peakRssMb: 150e6 / 2 ** 20 }] });
    const now = report({
      memory: [{ mode: 'vmq', vms: 4096, peakRssMb: 150 }],
      targets: { rssBytesPerMb: 1e6 },
    });
    const row = rowOf(compareBenchReports(old, now), 'memory', 'vmq 4096 VMs');
    expect(row.before).toBeCloseTo(150, 9);
    expect(row.after).toBe(150);
    expect(row.verdict).toBe('same');
  });

  it('names what differed in how the two runs were set up (a report from before --arrivals ran CBR)', () => {
    const old = report({
      node: 'v20.19.0',
      options: { repeat: 5, packetBudget: 4e6, pinCpu: '0', quick: false },
    });
    const now = report({
      options: { repeat: 2, packetBudget: 1.5e6, arrivals: 'poisson', pinCpu: null, quick: true },
    });
    expect(compareBenchReports(old, now).differences).toEqual([
      'Node: v20.19.0 → v20.20.2',
      'arrivals: cbr → poisson',
      'packets per run (--packets): 4000000 → 1500000',
      'rounds (--repeat): 5 → 2',
      'pinned CPU (--cpu): 0 → none',
      'shortened sections (--quick): false → true',
    ]);
  });

  it('does not count --quick as a difference when one report does not say (before the eighteenth round)', () => {
    const old = report({ options: { repeat: 5 } });
    const now = report({ options: { repeat: 5, quick: true } });
    expect(compareBenchReports(old, now).differences).toEqual([]);
  });
});

describe('isBenchReport', () => {
  it('takes what bench:sim writes and nothing else', () => {
    expect(isBenchReport({ summary: {}, targets: {}, speed: [] })).toBe(true);
    expect(isBenchReport({ summary: {}, speed: [] })).toBe(false);
    expect(isBenchReport({ summary: null, targets: {}, speed: [] })).toBe(false);
    expect(isBenchReport({ name: 'nicvirt', version: '0.1.0' })).toBe(false);
    expect(isBenchReport([])).toBe(false);
    expect(isBenchReport(null)).toBe(false);
    expect(isBenchReport('report')).toBe(false);
  });
});
