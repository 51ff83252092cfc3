/**
 * Host profiles: the CPU side of a scenario. `cores` are the host cores available to hypervisor,
 * software switch, device models and interrupt work; each VM's vCPUs are separate, pinned physical
 * cores (see docs/model.md, "Scope and Limitations").
 */
export interface HostProfile {
  readonly id: string;
  readonly displayName: string;
  readonly cores: number;
  readonly ghz: number;
  /** Intel Data Direct I/O: DMA lands in the LLC, so the first copy of a received packet is hot. */
  readonly ddio: boolean;
  /** Posted interrupts / APICv available and on by default. */
  readonly postedInterrupts: boolean;
  readonly notes: string;
}

const PROFILES: readonly HostProfile[] = [
  {
    id: 'modern',
    displayName: 'Modern 2-socket server (16 host cores, 2.6 GHz, DDIO)',
    cores: 16,
    ghz: 2.6,
    ddio: true,
    postedInterrupts: false,
    notes:
      'The default. Posted interrupts exist on such hosts but are off by default so SR-IOV shows its exit cost; turn them on with --posted-interrupts.',
  },
  {
    id: 'xeon-2008',
    displayName: 'Quad-core Xeon, 2008 (4 cores, 3.0 GHz, no DDIO)',
    cores: 4,
    ghz: 3.0,
    ddio: false,
    postedInterrupts: false,
    notes: 'The ESX 3.5 U1 host of the Intel/VMware VMDq whitepaper (R5).',
  },
  {
    id: 'nehalem-2010',
    displayName: 'Xeon 5500 (Nehalem) 2-socket, 2010 (8 cores, 2.8 GHz, no DDIO)',
    cores: 8,
    ghz: 2.8,
    ddio: false,
    postedInterrupts: false,
    notes: 'The Xen SR-IOV host of Dong et al., HPCA 2010 (R1).',
  },
  {
    id: 'sandybridge-2012',
    displayName: 'Xeon E5 (Sandy Bridge) 2-socket, 2012 (16 cores, 2.2 GHz, DDIO)',
    cores: 16,
    ghz: 2.2,
    ddio: true,
    postedInterrupts: false,
    notes: 'A Windows Server 2012 Hyper-V host (R12).',
  },
];

export function hostProfiles(): readonly HostProfile[] {
  return PROFILES;
}

export function findHostProfile(id: string): HostProfile | undefined {
  return PROFILES.find((profile) => profile.id === id.toLowerCase());
}

export const DEFAULT_HOST_PROFILE = 'modern';
