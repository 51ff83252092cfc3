import type { CostValues } from '../model/costTable.js';

export const MODE_IDS = ['native', 'emulated', 'paravirt', 'vmq', 'vmdq', 'sriov'] as const;
export type ModeId = (typeof MODE_IDS)[number];

export const DIRECTIONS = ['rx', 'tx', 'bidir'] as const;
export type Direction = (typeof DIRECTIONS)[number];

export const ARRIVAL_KINDS = ['cbr', 'poisson'] as const;
export type ArrivalKind = (typeof ARRIVAL_KINDS)[number];

export interface FrameSizeWeight {
  readonly bytes: number;
  readonly weight: number;
}

/** Frame sizes: one fixed size, the simple IMIX (64/570/1518 B in 7:4:1) or any weighted mix. */
export type FrameSpec =
  | { readonly kind: 'fixed'; readonly bytes: number }
  | { readonly kind: 'imix' }
  | { readonly kind: 'mix'; readonly sizes: readonly FrameSizeWeight[] };

export type LoadUnit = 'percent' | 'gbps' | 'mpps';

/** Offered load per direction: % of line rate, L2 Gbit/s, or Mpps. Split over VMs by weight. */
export interface LoadSpec {
  readonly unit: LoadUnit;
  readonly value: number;
}

export interface HostConfig {
  readonly profile: string;
  readonly cores: number;
  readonly ghz: number;
  readonly ddio: boolean;
  readonly postedInterrupts: boolean;
  /** The NIC and the VMs' memory sit on different sockets: every DMA pays crossSocketDmaNs. */
  readonly crossSocket: boolean;
  /** IOMMU translation for the host's own (PF) DMA too; VF DMA is always translated. */
  readonly iommu: boolean;
}

export interface NicConfig {
  readonly profile: string;
  readonly linkGbps: number;
  readonly rxQueues: number;
  readonly vmdqPools: number;
  readonly vfs: number;
  readonly pcieGbps: number;
  readonly ringSize: number;
  readonly itrUs: number;
  readonly coalesceFrames: number;
}

export interface GuestConfig {
  /** Descriptor ring size of each guest's virtual NIC (virtio/VMBus/e1000 ring). */
  readonly ringSize: number;
  /** Guest interrupt moderation for emulated e1000 (min gap between virtual interrupts), µs. */
  readonly e1000ItrUs: number;
  /**
   * Virtual interrupt coalescing of paravirtual/VMBus vNICs (vmxnet3-style): the host delays the
   * virtual interrupt this long after the first pending frame, µs; 0 (virtio) = none.
   */
  readonly virtualCoalesceUs: number;
  /** NAPI budget: packets one poll may take. */
  readonly napiBudget: number;
  /** Backend (vhost/netback/switch) batch limit: packets handled per poll of a switch queue. */
  readonly backendBatch: number;
  /** Frames the software switch may queue toward one VM's backend (tap/backlog queue). */
  readonly backlogFrames: number;
}

export interface VmConfig {
  readonly count: number;
  readonly vcpus: number;
  /** Relative share of the offered load per VM; length = count. Equal shares when absent. */
  readonly weights?: readonly number[];
}

export interface WorkloadConfig {
  readonly direction: Direction;
  readonly frame: FrameSpec;
  readonly load: LoadSpec;
  readonly arrivals: ArrivalKind;
  /** Measurement window, ms of simulated time (after warm-up). */
  readonly durationMs: number;
  /** Warm-up before the window, ms; excluded from statistics. */
  readonly warmupMs: number;
  /** Frames the traffic source buffers when offered load momentarily exceeds line rate (Poisson bursts). */
  readonly sourceQueueFrames: number;
  /**
   * Application work per frame on the core that runs the receiving (or sending) stack, cycles:
   * 0 for a pure packet sink; a request-processing benchmark (ELI's apache/memcached) does more.
   */
  readonly appCyclesPerFrame: number;
}

/** The fully resolved configuration of one run. `bench` flags and scenario files both produce this. */
export interface ScenarioConfig {
  readonly name: string;
  readonly description: string;
  readonly mode: ModeId;
  readonly seed: number;
  readonly host: HostConfig;
  readonly nic: NicConfig;
  readonly guest: GuestConfig;
  readonly vms: VmConfig;
  readonly workload: WorkloadConfig;
  /** SR-IOV only: VMs beyond the VF limit use the software-switch path instead of being an error. */
  readonly fallback: boolean;
  readonly costs: CostValues;
}

export function isModeId(value: string): value is ModeId {
  return (MODE_IDS as readonly string[]).includes(value);
}

export function isDirection(value: string): value is Direction {
  return (DIRECTIONS as readonly string[]).includes(value);
}

export function isArrivalKind(value: string): value is ArrivalKind {
  return (ARRIVAL_KINDS as readonly string[]).includes(value);
}
