/**
 * NIC profiles (MODEL.md §5). A profile supplies defaults for the NIC part of a scenario; every field
 * can be overridden. `vmdqPools: 0` means the reference table lists no VMDq/VMQ pools for that NIC,
 * `vfs: 0` no SR-IOV virtual functions.
 */
export interface NicProfile {
  readonly id: string;
  readonly displayName: string;
  readonly linkGbps: number;
  /** Link speeds the part supports; linkGbps must be one of them unless overridden explicitly. */
  readonly supportedLinkGbps: readonly number[];
  readonly rxQueues: number;
  readonly vmdqPools: number;
  readonly vfs: number;
  /** PCIe data bandwidth after line coding, Gbit/s, one direction. */
  readonly pcieGbps: number;
  readonly pcieLabel: string;
  /** Default RX/TX descriptor ring size per queue. */
  readonly ringSize: number;
  /** Interrupt moderation: minimum gap between two interrupts of one vector, µs (0 = none). */
  readonly itrUs: number;
  /** Interrupt moderation: fire as soon as this many frames are pending (0 = off). */
  readonly coalesceFrames: number;
  readonly notes: string;
}

const PROFILES: readonly NicProfile[] = [
  {
    id: '82598',
    displayName: 'Intel 82598 10GbE',
    linkGbps: 10,
    supportedLinkGbps: [10],
    rxQueues: 64,
    vmdqPools: 16,
    vfs: 0,
    pcieGbps: 16,
    pcieLabel: 'PCIe 1.1 x8 (2.5 GT/s, 8b/10b)',
    ringSize: 512,
    itrUs: 50,
    coalesceFrames: 0,
    notes: 'The VMDq-era NIC of the VMware/Intel whitepaper (R5); no SR-IOV.',
  },
  {
    id: '82599',
    displayName: 'Intel 82599 / X520 10GbE',
    linkGbps: 10,
    supportedLinkGbps: [1, 10],
    rxQueues: 128,
    vmdqPools: 64,
    vfs: 63,
    pcieGbps: 32,
    pcieLabel: 'PCIe 2.0 x8 (5 GT/s, 8b/10b)',
    ringSize: 512,
    itrUs: 50,
    coalesceFrames: 0,
    notes:
      'The classic SR-IOV NIC: 64 VFs in hardware, 63 usable beside the PF. ixgbe ITR ≈ 20 k interrupts/s.',
  },
  {
    id: 'x710',
    displayName: 'Intel X710 10/40GbE',
    linkGbps: 10,
    supportedLinkGbps: [10, 40],
    rxQueues: 1536,
    vmdqPools: 0,
    vfs: 128,
    pcieGbps: 63,
    pcieLabel: 'PCIe 3.0 x8 (8 GT/s, 128b/130b)',
    ringSize: 512,
    itrUs: 50,
    coalesceFrames: 0,
    notes: '128 VFs per device; the reference table lists no VMDq pools for it.',
  },
  {
    id: 'e810',
    displayName: 'Intel E810 25/100GbE',
    linkGbps: 25,
    supportedLinkGbps: [10, 25, 50, 100],
    rxQueues: 2048,
    vmdqPools: 0,
    vfs: 256,
    pcieGbps: 252,
    pcieLabel: 'PCIe 4.0 x16 (16 GT/s, 128b/130b)',
    ringSize: 2048,
    itrUs: 50,
    coalesceFrames: 0,
    notes: '256 VFs, up to 16 queues per VF; the reference table lists no VMDq pools for it.',
  },
  {
    id: 'cx3',
    displayName: 'Mellanox ConnectX-3 10/40GbE',
    linkGbps: 10,
    supportedLinkGbps: [10, 40],
    rxQueues: 128,
    vmdqPools: 0,
    vfs: 126,
    pcieGbps: 63,
    pcieLabel: 'PCIe 3.0 x8 (8 GT/s, 128b/130b)',
    ringSize: 1024,
    itrUs: 16,
    coalesceFrames: 32,
    notes: '126 VFs (64 per port); moderation 16 µs / 32 frames as in the mlx drivers.',
  },
];

export function nicProfiles(): readonly NicProfile[] {
  return PROFILES;
}

export function findNicProfile(id: string): NicProfile | undefined {
  return PROFILES.find((profile) => profile.id === id.toLowerCase());
}

export const DEFAULT_NIC_PROFILE = '82599';
