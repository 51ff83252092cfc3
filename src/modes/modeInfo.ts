import type { ModeId } from '../scenario/scenarioConfig.js';

export interface ModeInfo {
  readonly id: ModeId;
  /** Real spelling for humans. */
  readonly displayName: string;
  /** One line: how a packet travels on this path. */
  readonly summary: string;
  /** What a user gives up on this path. */
  readonly tradeoffs: readonly string[];
}

const MODES: readonly ModeInfo[] = [
  {
    id: 'native',
    displayName: 'native',
    summary: 'Reference, no VM: NIC RSS spreads flows over host cores; driver and stack run on the host.',
    tradeoffs: ['no virtualization at all: the reference the other paths are measured against'],
  },
  {
    id: 'emulated',
    displayName: 'emulated (e1000)',
    summary:
      'Fully emulated NIC: software switch on one host core, then a user-space device model copies into the emulated device; every guest register access traps.',
    tradeoffs: ['keeps every software-switch feature and live migration', 'highest CPU cost per byte'],
  },
  {
    id: 'paravirt',
    displayName: 'paravirtual (virtio/netfront/VMBus)',
    summary:
      'Paravirtual NIC behind a software switch: all RX demux, the switch lookup and two copies run on one host core, whatever the VM count.',
    tradeoffs: [
      'keeps ACLs, overlays, sFlow visibility and live migration',
      'one host core bounds the aggregate',
    ],
  },
  {
    id: 'vmq',
    displayName: 'VMQ (Hyper-V)',
    summary:
      'NIC sorts by MAC into a queue per VM and DMAs straight into the vNIC shared memory (no copy); the queue core runs the vSwitch port path and signals the guest over VMBus.',
    tradeoffs: [
      'queues are handed out first come, first served; the rest share the default queue (software path)',
      'one queue is one core: per-VM throughput stays one-core bound',
    ],
  },
  {
    id: 'vmdq',
    displayName: 'VMDq (Intel, VMware NetQueue)',
    summary:
      'NIC sorts by MAC/VLAN into a pool per VM; the hypervisor still copies each packet from the pool buffer into the VM, on the core that owns the pool interrupt.',
    tradeoffs: [
      'VMs beyond the NIC pool count share the default queue and fall back to the software switch',
      'one pool is one core: per-VM throughput stays one-core bound',
    ],
  },
  {
    id: 'sriov',
    displayName: 'SR-IOV',
    summary:
      'NIC sorts into a virtual function per VM and DMAs into guest memory through the IOMMU; the host only relays the VF interrupt (exit + injection + EOI) unless posted interrupts are on.',
    tradeoffs: [
      'live migration is blocked while a VF is attached',
      'software-switch features (ACLs, overlays, sFlow visibility) are lost on the direct path',
      'VF count per port is a hard limit',
    ],
  },
];

export function modeInfos(): readonly ModeInfo[] {
  return MODES;
}

export function modeInfo(id: ModeId): ModeInfo {
  const info = MODES.find((mode) => mode.id === id);
  if (!info) throw new Error(`no mode info for ${id}`);
  return info;
}
