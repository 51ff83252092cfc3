/**
 * The cost table: every per-packet, per-batch and per-event cost the model charges, with its unit,
 * default and published source. Nothing in src/modes may use a number that is not here or in a
 * NIC/host profile. Where no primary source exists the entry says `estimate: true` and names the
 * published result that calibrates it (see docs/calibration.md).
 */

export type CostUnit = 'cycles' | 'cycles/byte' | 'ns' | 'GB/s' | 'count' | 'bytes';

export interface CostParameter {
  readonly name: CostName;
  readonly unit: CostUnit;
  readonly defaultValue: number;
  readonly help: string;
  readonly source: string;
  /** True when no primary source gives the number: it is an estimate or a fit. */
  readonly estimate: boolean;
  /** For estimates: the published result (MODEL.md §6 id) the value is calibrated against. */
  readonly calibratedBy?: string;
}

export const COST_NAMES = [
  'vmExitEntryCycles',
  'ioExitKernelCycles',
  'ioExitUserCycles',
  'kickCycles',
  'virtualInterruptInjectCycles',
  'virtualEoiExitCycles',
  'hostIrqCycles',
  'napiPollCycles',
  'switchLookupCycles',
  'switchPortCycles',
  'copyFixedNs',
  'copyHotGBps',
  'copyColdFixedNs',
  'copyColdGBps',
  'deviceModelPacketCycles',
  'e1000RegisterAccessesPerInterrupt',
  'e1000RegisterAccessesPerPoll',
  'vmqPacketCycles',
  'vmbusSignalCycles',
  'stackPacketCycles',
  'stackByteCycles',
  'guestIrqCycles',
  'txCompletionCycles',
  'dmaLatencyFixedNs',
  'dmaLatencyPerByteNs',
  'crossSocketDmaNs',
  'iotlbMissNs',
  'iotlbMissOccupancyNs',
  'tlpOverheadBytes',
] as const;

export type CostName = (typeof COST_NAMES)[number];
export type CostValues = Readonly<Record<CostName, number>>;

const DALL_2016 = 'Dall et al., "ARM Virtualization: Performance and Architectural Implications", ISCA 2016';
const DALL_2017 =
  'Dall et al., "Optimizing the Design and Implementation of the Linux ARM Hypervisor", USENIX ATC 2017';
const PCIE_BENCH =
  'Neugebauer et al., "Understanding PCIe performance for end host networking" (pcie-bench), SIGCOMM 2018';

const TABLE: readonly CostParameter[] = [
  {
    name: 'vmExitEntryCycles',
    unit: 'cycles',
    defaultValue: 1300,
    help: 'A VM exit plus re-entry handled in the kernel (e.g. the exit a physical interrupt causes while a guest runs).',
    source: `${DALL_2016}, Table II (x86 KVM)`,
    estimate: false,
  },
  {
    name: 'ioExitKernelCycles',
    unit: 'cycles',
    defaultValue: 2565,
    help: 'An I/O exit handled by an in-kernel device (a virtqueue notify without ioeventfd, an APIC access).',
    source: `${DALL_2017}, Table 2`,
    estimate: false,
  },
  {
    name: 'ioExitUserCycles',
    unit: 'cycles',
    defaultValue: 6732,
    help: 'An I/O exit to a user-space device model: every trapped e1000 register access (ICR read, IMS/IMC, RDT/TDT write).',
    source: `${DALL_2017}, Table 2`,
    estimate: false,
  },
  {
    name: 'kickCycles',
    unit: 'cycles',
    defaultValue: 560,
    help: 'A guest-to-backend kick through ioeventfd (virtqueue notify), charged on the kicking vCPU.',
    source: DALL_2016,
    estimate: false,
  },
  {
    name: 'virtualInterruptInjectCycles',
    unit: 'cycles',
    defaultValue: 3102,
    help: 'Injecting a virtual interrupt into a guest through the IPI path; charged on the core that signals.',
    source: `${DALL_2017}, Table 2`,
    estimate: false,
  },
  {
    name: 'virtualEoiExitCycles',
    unit: 'cycles',
    defaultValue: 1556,
    help: 'The exit a guest takes to acknowledge (EOI) a virtual interrupt without APICv/posted interrupts; 0 with them.',
    source: DALL_2016,
    estimate: false,
  },
  {
    name: 'hostIrqCycles',
    unit: 'cycles',
    defaultValue: 600,
    help: 'A physical interrupt on a host core: entry, handler, scheduling the NAPI poll, exit.',
    source: 'estimate: a few hundred ns of hard-IRQ work per MSI-X vector on 2.5-3 GHz cores',
    estimate: true,
    calibratedBy: 'R18',
  },
  {
    name: 'napiPollCycles',
    unit: 'cycles',
    defaultValue: 200,
    help: 'Fixed cost of one NAPI-style poll call (ring head read, budget loop, re-arm), host or guest.',
    source: 'estimate',
    estimate: true,
    calibratedBy: 'R2',
  },
  {
    name: 'switchLookupCycles',
    unit: 'cycles',
    defaultValue: 1000,
    help: 'Software-switch classification: L2/VLAN lookup and the forwarding decision, per packet (the "sort").',
    source:
      'estimate: kernel bridge / kernel OVS at 64 B spends 1,500-3,000 cycles per packet in all (MODEL.md §4)',
    estimate: true,
    calibratedBy: 'R5, R12',
  },
  {
    name: 'switchPortCycles',
    unit: 'cycles',
    defaultValue: 6200,
    help: 'Per-packet backend work in the host besides lookup and copies: buffer allocation, port policy, netback/vhost/VMBus bookkeeping. Paid by paravirt, emulated, VMDq and VMQ.',
    source:
      'derived: software switch sort+copy is 7,000-10,000 cycles per 1500 B packet on one core (3-5 Gb/s on 2.5-3 GHz hosts, R5, R7, R12-R14); this is that total less lookup and two copies',
    estimate: true,
    calibratedBy: 'R5, R12',
  },
  {
    name: 'copyFixedNs',
    unit: 'ns',
    defaultValue: 20,
    help: 'Fixed part of one memory copy of a packet whose source is cache-resident (DDIO).',
    source: 'estimate from local measurement (MODEL.md §4)',
    estimate: true,
    calibratedBy: 'R5',
  },
  {
    name: 'copyHotGBps',
    unit: 'GB/s',
    defaultValue: 10,
    help: 'Copy bandwidth when the source is LLC-resident (DDIO hosts).',
    source: 'estimate from local measurement (MODEL.md §4)',
    estimate: true,
    calibratedBy: 'R5',
  },
  {
    name: 'copyColdFixedNs',
    unit: 'ns',
    defaultValue: 90,
    help: 'Fixed part of one memory copy from a cold (DRAM) source: hosts without DDIO.',
    source: 'estimate from local measurement (MODEL.md §4)',
    estimate: true,
    calibratedBy: 'R5',
  },
  {
    name: 'copyColdGBps',
    unit: 'GB/s',
    defaultValue: 5,
    help: 'Copy bandwidth from a cold source (3-7 GB/s measured).',
    source: 'estimate from local measurement (MODEL.md §4)',
    estimate: true,
    calibratedBy: 'R5',
  },
  {
    name: 'deviceModelPacketCycles',
    unit: 'cycles',
    defaultValue: 500,
    help: 'User-space device model (QEMU e1000) work per packet: descriptor emulation, tap read, checksum fix-ups.',
    source: 'estimate: fitted so an emulated NIC costs 5-6x the native CPU per byte (R18)',
    estimate: true,
    calibratedBy: 'R18',
  },
  {
    name: 'e1000RegisterAccessesPerInterrupt',
    unit: 'count',
    defaultValue: 3,
    help: 'Trapped register accesses an e1000 guest driver makes per interrupt (ICR read, IMC write, IMS write); a count, each costs ioExitUserCycles.',
    source: 'Linux e1000 driver interrupt path (e1000_intr, e1000_irq_disable/enable)',
    estimate: false,
  },
  {
    name: 'e1000RegisterAccessesPerPoll',
    unit: 'count',
    defaultValue: 1,
    help: 'Trapped register accesses an e1000 guest driver makes per RX poll (the RDT tail write that returns buffers); a count.',
    source: 'Linux e1000 driver RX refill path (e1000_alloc_rx_buffers)',
    estimate: false,
  },
  {
    name: 'vmqPacketCycles',
    unit: 'cycles',
    defaultValue: 6200,
    help: 'VMQ per-packet host work on the queue core: the vSwitch port path (policy, extensions, VMBus descriptor) without sort or copy.',
    source:
      'derived from switchPortCycles: VMQ removes the sort and the copy, not the port processing (Microsoft, "Synthetic Accelerations in a Nutshell", R12)',
    estimate: true,
    calibratedBy: 'R12',
  },
  {
    name: 'vmbusSignalCycles',
    unit: 'cycles',
    defaultValue: 3102,
    help: 'Signalling a guest over VMBus (a synthetic interrupt); same path as a virtual interrupt injection.',
    source: `${DALL_2017}, Table 2 (taken equal to virtualInterruptInjectCycles)`,
    estimate: true,
    calibratedBy: 'R12',
  },
  {
    name: 'stackPacketCycles',
    unit: 'cycles',
    defaultValue: 1500,
    help: 'Driver plus network stack per packet (native, or in a guest), the size-independent part.',
    source: 'estimate',
    estimate: true,
    calibratedBy: 'R1, R2, R18',
  },
  {
    name: 'stackByteCycles',
    unit: 'cycles/byte',
    defaultValue: 0.5,
    help: 'Driver plus network stack per byte (checksum, buffer touch), native or in a guest.',
    source: 'estimate',
    estimate: true,
    calibratedBy: 'R1, R18',
  },
  {
    name: 'guestIrqCycles',
    unit: 'cycles',
    defaultValue: 600,
    help: "The guest's own interrupt handler work per (virtual or VF) interrupt, in guest mode.",
    source: 'estimate',
    estimate: true,
    calibratedBy: 'R2',
  },
  {
    name: 'txCompletionCycles',
    unit: 'cycles',
    defaultValue: 150,
    help: 'Reclaiming one transmitted buffer (TX completion), charged per packet on the core that queued it.',
    source: 'estimate',
    estimate: true,
    calibratedBy: 'R1',
  },
  {
    name: 'dmaLatencyFixedNs',
    unit: 'ns',
    defaultValue: 527,
    help: 'Fixed part of one DMA transfer latency over PCIe (546 ns at 64 B).',
    source: `${PCIE_BENCH}: 546 ns at 64 B, 986 ns at 1520 B`,
    estimate: false,
  },
  {
    name: 'dmaLatencyPerByteNs',
    unit: 'ns',
    defaultValue: 0.302,
    help: 'Size-dependent part of one DMA transfer latency.',
    source: `${PCIE_BENCH}: (986-546)/(1520-64) ns per byte`,
    estimate: false,
  },
  {
    name: 'crossSocketDmaNs',
    unit: 'ns',
    defaultValue: 100,
    help: 'Extra DMA latency when the NIC and the target memory sit on different sockets.',
    source: PCIE_BENCH,
    estimate: false,
  },
  {
    name: 'iotlbMissNs',
    unit: 'ns',
    defaultValue: 280,
    help: 'Extra DMA latency when the IOMMU is on and the DMA working set exceeds the IOTLB reach (256 KiB with 4 KiB pages).',
    source: PCIE_BENCH,
    estimate: false,
  },
  {
    name: 'iotlbMissOccupancyNs',
    unit: 'ns',
    defaultValue: 20,
    help: 'Extra time an IOTLB miss holds the DMA engine: sized so 64 B DMA throughput falls by the published 64% on a Gen3 x8 link.',
    source: `derived from ${PCIE_BENCH}: -64% small-DMA throughput with IOTLB misses`,
    estimate: false,
  },
  {
    name: 'tlpOverheadBytes',
    unit: 'bytes',
    defaultValue: 24,
    help: 'PCIe transaction-layer header and framing bytes added to every DMA transfer; a byte count.',
    source: `${PCIE_BENCH}: 20-24 B per TLP`,
    estimate: false,
  },
];

export function costParameters(): readonly CostParameter[] {
  return TABLE;
}

export function defaultCosts(): CostValues {
  const values = {} as Record<CostName, number>;
  for (const parameter of TABLE) values[parameter.name] = parameter.defaultValue;
  return values;
}

export function isCostName(name: string): name is CostName {
  return (COST_NAMES as readonly string[]).includes(name);
}
