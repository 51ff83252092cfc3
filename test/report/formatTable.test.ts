import { describe, expect, it } from 'vitest';
import { formatTable } from '../../src/report/formatTable.js';
import { PER_VM_ROW_LIMIT } from '../../src/report/perVmSection.js';
import { RESULT_SCHEMA_VERSION, type BenchResult, type RunResult } from '../../src/run/runResult.js';
import { makeRunResult } from './runResultFixture.js';

/** The start of an ANSI escape sequence. */
const ANSI = '\u001b[';

function bench(runs: readonly RunResult[]): BenchResult {
  return {
    schemaVersion: RESULT_SCHEMA_VERSION,
    tool: { name: 'nicvirt', version: '0.0.0-test' },
    seed: 1,
    runs,
  };
}

describe('formatTable, one run', () => {
  const text = formatTable(bench([makeRunResult()]), { color: false });

  it('names the mode and the workload', () => {
    expect(text).toContain('SR-IOV');
    expect(text).toContain('4 VMs × 1 vCPU · 1518 B frames · rx · 100% load, cbr arrivals');
    expect(text).toContain('NIC 82599 at 10 Gbit/s · host modern: 16 cores @ 2.6 GHz, posted interrupts off');
    expect(text).toContain('100 ms after 10 ms warm-up');
    expect(text).toContain('seed 1');
  });

  it('shows offered and delivered throughput rounded for humans', () => {
    expect(text).toMatch(/offered\s+10\.0 Gbit\/s · 0\.823 Mpps · 100\.0% of line rate/);
    expect(text).toMatch(/delivered\s+9\.87 Gbit\/s · 0\.813 Mpps · 98\.7% of line rate/);
  });

  it('shows drops by location, latency percentiles, CPU and rates', () => {
    expect(text).toContain('0.16% of offered frames: NIC RX ring 1,234 · guest ring 56');
    expect(text).toContain('p50 5.12 · p90 6.01 · p99 8.10 · p99.9 12.3 · max 40.2');
    expect(text).toContain('host 0.45 · guest 3.20');
    expect(text).toContain('host 550 · guest 2,100');
    expect(text).toContain('VM exits 1.23 M/s · interrupts 640 k/s');
    expect(text).toContain('guest stack 2.80 · host interrupts 0.30 · exits 0.15 (cores)');
  });

  it('has the bottleneck line, busiest resources, placement and trade-offs', () => {
    expect(text).toMatch(/bottleneck\s+wire \(RX\) at 99\.9% of line rate/);
    expect(text).toContain('wire (RX) 99.9% · vCPU of VM 3 45.1%');
    expect(text).toMatch(/placement\s+4 dedicated · 0 on the software switch/);
    expect(text).toContain('- live migration is blocked while a VF is attached');
  });

  it('lists every VM when there are at most 16', () => {
    expect(text).toContain('per VM');
    const vmRows = text.split('\n').filter((line) => /^│\s+\d+ │ dedicated/.test(line));
    expect(vmRows).toHaveLength(4);
    expect(text).toContain('1.23%');
  });

  it('has no ANSI codes without colour, and some with it', () => {
    expect(text).not.toContain(ANSI);
    expect(formatTable(bench([makeRunResult()]), { color: true })).toContain(ANSI);
  });

  it('never prints NaN or Infinity', () => {
    const broken = {
      ...makeRunResult(),
      latencyUs: { p50: Number.NaN, p90: 1, p99: Infinity, p999: 1, max: 1 },
    };
    const output = formatTable(bench([broken]), { color: false });
    expect(output).not.toMatch(/NaN|Infinity/);
    expect(output).toContain('p50 —');
  });
});

describe('formatTable, many VMs', () => {
  const vms = PER_VM_ROW_LIMIT + 4;
  const text = formatTable(bench([makeRunResult({ vms, fallbackVms: 3 })]), { color: false });

  it('summarises instead of listing every VM', () => {
    expect(text).toContain(`per VM (${vms} VMs, summary)`);
    expect(text).not.toMatch(/^│\s+\d+ │ dedicated/m);
  });

  it('gives min, median and max delivered per VM and the worst p99', () => {
    // deliveredGbps = 9.8712 / 20 + index * 0.001, index 0..19
    expect(text).toMatch(/delivered Gbit\/s\s+min 0\.494 · median 0\.503 · max 0\.513/);
    expect(text).toMatch(/worst p99\s+17\.5 µs \(VM 19\)/);
    expect(text).toMatch(/worst drops\s+1\.23% \(VM 1\)/);
    expect(text).toMatch(/fallback VMs\s+3 on the software switch/);
  });
});

describe('formatTable, several modes', () => {
  const runs = [
    makeRunResult({ mode: 'native', modeName: 'native', deliveredGbps: 9.6 }),
    makeRunResult({ mode: 'paravirt', modeName: 'paravirtual', deliveredGbps: 4 }),
    makeRunResult({ mode: 'sriov', deliveredGbps: 9.2, fallbackVms: 1 }),
  ];

  it('puts one row per mode with a ratio against paravirt by default', () => {
    const text = formatTable(bench(runs), { color: false });
    const row = (mode: string): string =>
      text.split('\n').find((line) => line.startsWith(`│ ${mode} `)) ?? '';
    expect(text).toContain('× paravirt');
    expect(row('native')).toMatch(/2\.40× │$/);
    expect(row('paravirt')).toMatch(/1\.00× │$/);
    expect(row('sriov')).toMatch(/2\.30× │$/);
    expect(row('sriov')).toContain('9.20');
  });

  it('uses the reference the user picked', () => {
    const text = formatTable(bench(runs), { color: false, reference: 'sriov' });
    const row = (mode: string): string =>
      text.split('\n').find((line) => line.startsWith(`│ ${mode} `)) ?? '';
    expect(text).toContain('× sriov');
    expect(row('sriov')).toMatch(/1\.00× │$/);
    expect(row('paravirt')).toMatch(/0\.43× │$/);
  });

  it('drops the ratio column when the reference did not run', () => {
    const text = formatTable(bench(runs), { color: false, reference: 'vmq' });
    expect(text).not.toMatch(/× (vmq|paravirt)/);
    expect(text).not.toMatch(/\d× │$/m);
  });

  it('lists each bottleneck and the fallback placement', () => {
    const text = formatTable(bench(runs), { color: false });
    expect(text).toMatch(/bottlenecks\n(\s+\w+\s+wire \(RX\) at 99\.9% of line rate\n){3}/);
    expect(text).toMatch(/placement\n\s+sriov\s+3 dedicated · 1 on the software switch/);
    expect(text).not.toContain(ANSI);
  });
});
