import type { Direction, ModeId, ScenarioConfig } from '../scenario/scenarioConfig.js';

export const RESULT_SCHEMA_VERSION = 1;

export interface LatencySummaryUs {
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly p999: number;
  readonly max: number;
}

/** Where frames were dropped. Keys are stable: scripts may rely on them. */
export const DROP_LOCATIONS = ['source', 'nicRxRing', 'switchBacklog', 'guestRing', 'nicTxRing'] as const;
export type DropLocation = (typeof DROP_LOCATIONS)[number];

/** CPU components; each belongs to the host or the guest side. Keys are stable. */
export const CPU_COMPONENTS = [
  'switch',
  'copy',
  'deviceModel',
  'exits',
  'injection',
  'interrupts',
  'hostStack',
  'guestInterrupts',
  'guestStack',
] as const;
export type CpuComponent = (typeof CPU_COMPONENTS)[number];

export interface PerVmResult {
  readonly vm: number;
  /** The path this VM's traffic took: its own queue/pool/VF, or the software-switch fallback. */
  readonly path: 'dedicated' | 'softwareSwitch' | 'native';
  readonly offeredGbps: number;
  readonly deliveredGbps: number;
  readonly deliveredMpps: number;
  readonly dropRatio: number;
  readonly latencyUs: { readonly p50: number; readonly p99: number };
}

export interface ResourceUtilization {
  /** e.g. `host core 0 (software switch)`, `vCPU of VM 3`, `wire (RX)`, `PCIe (RX DMA)`. */
  readonly name: string;
  /** Busy fraction of the measurement window, 0..1. */
  readonly utilization: number;
}

export interface RunResult {
  readonly mode: ModeId;
  readonly modeName: string;
  readonly vms: number;
  /** Mean L2 frame size of the workload, bytes (the fixed size for fixed-size workloads). */
  readonly frameBytes: number;
  /** `1518`, `imix`, … */
  readonly frameLabel: string;
  readonly direction: Direction;
  readonly scenario: ScenarioConfig;
  /** L2 Gbit/s (frame bytes × 8) and Mpps, both directions together. */
  readonly offered: { readonly gbps: number; readonly mpps: number };
  readonly delivered: { readonly gbps: number; readonly mpps: number; readonly lineRatePct: number };
  readonly dropRatio: number;
  readonly drops: Readonly<Record<DropLocation, number>>;
  /** Frames generated in the window and what became of them: offered = delivered + dropped + inFlight. */
  readonly frames: {
    readonly offered: number;
    readonly delivered: number;
    readonly dropped: number;
    readonly inFlight: number;
  };
  readonly latencyUs: LatencySummaryUs;
  readonly cpu: {
    readonly hostCores: number;
    readonly guestCores: number;
    readonly hostCyclesPerPacket: number;
    readonly guestCyclesPerPacket: number;
    /** Cores busy per component over the window. */
    readonly byComponent: Readonly<Record<CpuComponent, number>>;
  };
  readonly rates: { readonly vmExitsPerSec: number; readonly interruptsPerSec: number };
  /** One line naming the saturated resource or the limit hit. */
  readonly bottleneck: string;
  /** The busiest resources, most utilized first. */
  readonly utilization: readonly ResourceUtilization[];
  /** VMs that got their own queue/pool/VF, and those that fell back to the software switch. */
  readonly placement: { readonly dedicated: number; readonly fallback: number; readonly note: string };
  /** What a user gives up on this path (live migration, switch features, …). */
  readonly tradeoffs: readonly string[];
  readonly perVm: readonly PerVmResult[];
  readonly sim: { readonly packets: number; readonly events: number; readonly simulatedMs: number };
}

export interface BenchResult {
  readonly schemaVersion: number;
  readonly tool: { readonly name: string; readonly version: string };
  readonly seed: number;
  readonly runs: readonly RunResult[];
}
