import type { RunResult } from '../run/runResult.js';
import type { ScenarioInput } from '../scenario/scenarioInput.js';

/** What a published source measured: one figure, or a range it gave. */
export type PublishedFigure =
  | { readonly kind: 'value'; readonly value: number }
  | { readonly kind: 'range'; readonly low: number; readonly high: number };

/** One scenario run of a check: a file under scenarios/published/, with optional overrides. */
export interface CheckInput {
  readonly file: string;
  readonly overrides?: ScenarioInput;
}

/**
 * One published figure (MODEL.md §6) the model must reproduce: the scenario(s) that reproduce the
 * setup, how to read the simulated figure off their runs, and the tolerance. `fitted` marks a
 * figure that a fitted parameter was set from: it is shown, but it cannot fail.
 */
export interface PublishedCheck {
  readonly id: string;
  readonly result: string;
  readonly source: string;
  readonly what: string;
  readonly unit: string;
  readonly published: PublishedFigure;
  /** Allowed relative error from the figure (or from the nearest end of a range), percent. */
  readonly tolerancePct: number;
  readonly inputs: readonly CheckInput[];
  readonly fitted?: string;
  /** The simulated figure, from the runs of each input in order (each a scenario's matrix runs). */
  measure(runs: readonly (readonly RunResult[])[]): number;
}

/** Ethernet + IPv4 + TCP (with timestamps) header bytes: TCP payload = frame − 70 B. */
const TCP_OVERHEAD_BYTES = 70;

/** TCP payload Gbit/s equivalent of a run's delivered frames (what netperf-style tools report). */
function payloadGbps(run: RunResult): number {
  return (run.delivered.mpps * 1e6 * (run.frameBytes - TCP_OVERHEAD_BYTES) * 8) / 1e9;
}

/** Host plus guest cores busy in a run. */
function totalCores(run: RunResult): number {
  return run.cpu.hostCores + run.cpu.guestCores;
}

/** Host plus guest cores per delivered Gbit/s. */
function totalCpuPerGbps(run: RunResult): number {
  return totalCores(run) / run.delivered.gbps;
}

function pick(
  runs: readonly RunResult[] | undefined,
  mode: string,
  frameBytes?: number,
  vms?: number,
): RunResult {
  const found = runs?.find(
    (run) =>
      run.mode === mode &&
      (frameBytes === undefined || run.frameBytes === frameBytes) &&
      (vms === undefined || run.vms === vms),
  );
  if (!found)
    throw new Error(
      `calibration: no ${mode} run (${frameBytes ?? '*'} B, ${vms ?? '*'} VMs) in the scenario`,
    );
  return found;
}

function cyclesPerFrame(run: RunResult): number {
  return run.cpu.hostCyclesPerPacket + run.cpu.guestCyclesPerPacket;
}

/** Native cycles per frame as a percentage of SR-IOV's, from the first input's runs. */
function percentOfBareMetal(runs: readonly (readonly RunResult[])[]): number {
  return (cyclesPerFrame(pick(runs[0], 'native')) / cyclesPerFrame(pick(runs[0], 'sriov'))) * 100;
}

const R5_SOURCE = 'Intel/VMware, "Intelligent Queuing Technologies for Virtualization" (~2008), p.4';
const R5: readonly CheckInput[] = [{ file: 'r5-vmdq-82598.yaml' }];
const R10_SOURCE = 'VMware, "Deploying Extremely Latency-Sensitive Applications in vSphere 5.5"';
const R10: readonly CheckInput[] = [
  { file: 'r10-latency.yaml' },
  { file: 'r10-latency.yaml', overrides: { workload: { direction: 'tx' } } },
];
const R10_NATIVE_RTT_US = 18;

/** One-way receive + transmit p50 on the simulated host, µs. */
function hostRoundTripUs(runs: readonly (readonly RunResult[])[], mode: string): number {
  return pick(runs[0], mode).latencyUs.p50 + pick(runs[1], mode).latencyUs.p50;
}

/** RTT = the host's part + the client side, a constant fitted so native matches its published 18 µs. */
function roundTripUs(runs: readonly (readonly RunResult[])[], mode: string): number {
  const clientUs = R10_NATIVE_RTT_US - hostRoundTripUs(runs, 'native');
  return hostRoundTripUs(runs, mode) + clientUs;
}

export const PUBLISHED_CHECKS: readonly PublishedCheck[] = [
  {
    id: 'R5a',
    result: 'R5',
    source: R5_SOURCE,
    what: '4 VMs, 82598, 1500 B, without VMDq (software switch): TCP payload',
    unit: 'Gb/s',
    published: { kind: 'value', value: 4.0 },
    tolerancePct: 5,
    inputs: R5,
    measure: (runs) => payloadGbps(pick(runs[0], 'paravirt', 1518)),
  },
  {
    id: 'R5b',
    result: 'R5',
    source: R5_SOURCE,
    what: '4 VMs, 82598, 1500 B, with VMDq: TCP payload',
    unit: 'Gb/s',
    published: { kind: 'value', value: 9.2 },
    tolerancePct: 5,
    inputs: R5,
    measure: (runs) => payloadGbps(pick(runs[0], 'vmdq', 1518)),
  },
  {
    id: 'R5c',
    result: 'R5',
    source: R5_SOURCE,
    what: '4 VMs, 82598, 9000 B jumbo frames, with VMDq: TCP payload',
    unit: 'Gb/s',
    published: { kind: 'value', value: 9.5 },
    tolerancePct: 5,
    inputs: R5,
    measure: (runs) => payloadGbps(pick(runs[0], 'vmdq', 9018)),
  },
  {
    id: 'R12a',
    result: 'R12',
    source: 'Microsoft, "Synthetic Accelerations in a Nutshell - Windows Server 2012"',
    what: 'Hyper-V, 10GbE, no VMQ: throughput through the VMs (TCP payload)',
    unit: 'Gb/s',
    published: { kind: 'range', low: 3, high: 5 },
    tolerancePct: 0,
    inputs: [{ file: 'r12-hyperv-no-vmq.yaml' }],
    measure: (runs) => payloadGbps(pick(runs[0], 'paravirt')),
  },
  {
    id: 'R12b',
    result: 'R12',
    source: 'Microsoft, "Synthetic Accelerations in a Nutshell - Windows Server 2012"',
    what: 'Hyper-V, 10GbE, no VMQ: busiest host core ("one core pegged")',
    unit: '% busy',
    published: { kind: 'range', low: 95, high: 100 },
    tolerancePct: 0,
    inputs: [{ file: 'r12-hyperv-no-vmq.yaml' }],
    measure: (runs) => {
      const top = pick(runs[0], 'paravirt').utilization.find((row) => row.name.startsWith('host core'));
      return (top?.utilization ?? 0) * 100;
    },
  },
  {
    id: 'R1a',
    result: 'R1',
    source: 'Dong et al., "High performance network virtualization with SR-IOV", HPCA 2010',
    what: 'Xen SR-IOV, 60 VMs: TCP payload throughput (line rate holds)',
    unit: 'Gb/s',
    published: { kind: 'value', value: 9.48 },
    tolerancePct: 3,
    inputs: [{ file: 'r1-xen-sriov.yaml' }],
    measure: (runs) => payloadGbps(pick(runs[0], 'sriov', undefined, 60)),
  },
  {
    id: 'R1b',
    result: 'R1',
    source: 'Dong et al., "High performance network virtualization with SR-IOV", HPCA 2010',
    what: 'Xen SR-IOV: extra CPU per added VM, 10 → 60 VMs (% of one core)',
    unit: '%/VM',
    published: { kind: 'value', value: 1.76 },
    tolerancePct: 15,
    inputs: [{ file: 'r1-xen-sriov.yaml' }],
    fitted: 'nic.itrUs = 160 in the scenario (the paper’s adaptive interrupt coalescing)',
    measure: (runs) => {
      const few = pick(runs[0], 'sriov', undefined, 10);
      const many = pick(runs[0], 'sriov', undefined, 60);
      return ((totalCores(many) - totalCores(few)) / 50) * 100;
    },
  },
  {
    id: 'R2a',
    result: 'R2',
    source: 'Gordon et al., "ELI: Bare-Metal Performance for I/O Virtualization", ASPLOS 2012',
    what: 'KVM SR-IOV, one interrupt per request, no exitless interrupts: % of bare metal',
    unit: '%',
    published: { kind: 'range', low: 60, high: 65 },
    tolerancePct: 0,
    inputs: [{ file: 'r2-eli.yaml' }],
    fitted: 'workload.appCyclesPerFrame = 8000 (the benchmark’s per-request work)',
    measure: percentOfBareMetal,
  },
  {
    id: 'R2b',
    result: 'R2',
    source: 'Gordon et al., "ELI: Bare-Metal Performance for I/O Virtualization", ASPLOS 2012',
    what: 'KVM SR-IOV with exitless (posted) interrupts: % of bare metal',
    unit: '%',
    published: { kind: 'range', low: 97, high: 100 },
    tolerancePct: 0,
    inputs: [{ file: 'r2-eli-exitless.yaml' }],
    measure: percentOfBareMetal,
  },
  {
    id: 'R10a',
    result: 'R10',
    source: R10_SOURCE,
    what: 'ping round trip, native',
    unit: 'µs',
    published: { kind: 'value', value: R10_NATIVE_RTT_US },
    tolerancePct: 10,
    inputs: R10,
    fitted: 'the client-side constant of the round trip is set from this figure',
    measure: (runs) => roundTripUs(runs, 'native'),
  },
  {
    id: 'R10b',
    result: 'R10',
    source: R10_SOURCE,
    what: 'ping round trip, SR-IOV',
    unit: 'µs',
    published: { kind: 'value', value: 20 },
    tolerancePct: 10,
    inputs: R10,
    measure: (runs) => roundTripUs(runs, 'sriov'),
  },
  {
    id: 'R10c',
    result: 'R10',
    source: R10_SOURCE,
    what: 'ping round trip, paravirtual vNIC (default virtual interrupt coalescing)',
    unit: 'µs',
    published: { kind: 'value', value: 34 },
    tolerancePct: 10,
    inputs: R10,
    fitted: 'guest.virtualCoalesceUs = 8.6 in the scenario (vmxnet3 default coalescing)',
    measure: (runs) => roundTripUs(runs, 'paravirt'),
  },
  {
    id: 'R18',
    result: 'R18',
    source: 'Menon et al., USENIX ATC 2006, citing Sugerman et al., USENIX 2001',
    what: 'emulated NIC vs native: total CPU per byte for the same 2 Gb/s',
    unit: '×',
    published: { kind: 'range', low: 5, high: 6 },
    tolerancePct: 0,
    inputs: [{ file: 'r18-emulated-cpu.yaml' }],
    fitted: 'cost deviceModelPacketCycles = 500 (default) was set from this figure',
    measure: (runs) => totalCpuPerGbps(pick(runs[0], 'emulated')) / totalCpuPerGbps(pick(runs[0], 'native')),
  },
];
