import type { CostItem } from '../model/costItem.js';
import type { PacketSink } from '../model/packetSink.js';
import { guestRxPoller, guestTxPoller, kickSignal, type GuestDriver } from './guestPaths.js';
import type { HostBuild, ModeTopology } from './hostBuild.js';
import { queueRxPoller, queueTxBackend } from './queuePaths.js';
import { spreadCoreOf, SWITCH_CORE, switchRxPoller, switchTxBackend } from './softwareSwitch.js';

interface QueueModeCosts {
  readonly driver: GuestDriver;
  readonly rxPerPacket: readonly CostItem[];
  readonly txPerPacket: readonly CostItem[];
  readonly what: string;
}

/**
 * The shape VMDq and VMQ share: VMs with a dedicated queue are handled on that queue's core; the
 * rest share the NIC's default queue and go through the software switch on core 0, as in paravirt.
 */
function buildQueueTopology(b: HostBuild, mode: QueueModeCosts): ModeTopology {
  const count = b.config.vms.count;
  const rxEntry: PacketSink[] = new Array<PacketSink>(count);
  const txEntry: PacketSink[] = new Array<PacketSink>(count);
  const switchOutputs: PacketSink[] = new Array<PacketSink>(count).fill(b.delivery);
  const roles = new Map<number, string>();
  let anyFallback = false;
  let dedicatedIndex = 0;
  for (let vm = 0; vm < count; vm++) {
    const guest = b.rx ? guestRxPoller(b, vm, mode.driver) : b.delivery;
    if (b.placement.vmPath[vm] === 'dedicated') {
      const core = spreadCoreOf(b, dedicatedIndex++);
      if (!roles.has(core)) roles.set(core, `${mode.what} handling`);
      if (b.rx) rxEntry[vm] = queueRxPoller(b, vm, core, mode.rxPerPacket, guest);
      if (b.tx)
        txEntry[vm] = guestTxPoller(b, vm, queueTxBackend(b, vm, core, mode.txPerPacket, kickSignal(b)));
    } else {
      anyFallback = true;
      switchOutputs[vm] = guest;
      if (b.tx) txEntry[vm] = guestTxPoller(b, vm, switchTxBackend(b, vm, 2, kickSignal(b)));
    }
  }
  if (anyFallback) {
    roles.set(SWITCH_CORE, 'default queue + software switch');
    if (b.rx) {
      const sw = switchRxPoller(b, switchOutputs, 2);
      for (let vm = 0; vm < count; vm++) if (b.placement.vmPath[vm] !== 'dedicated') rxEntry[vm] = sw;
    }
  }
  return { rxEntry, txEntry, hostCoreRoles: roles };
}

/**
 * Intel VMDq / VMware NetQueue: the NIC sorts into a pool per VM; the hypervisor still runs the
 * port path and copies each frame from the pool buffer into the VM, on the pool's core.
 */
export function buildVmdqTopology(b: HostBuild): ModeTopology {
  const { cost } = b;
  const port = cost.cycles('switch', cost.costs.switchPortCycles);
  return buildQueueTopology(b, {
    driver: 'virtio',
    rxPerPacket: [port, cost.copy(true)],
    txPerPacket: [port, cost.copy(false)],
    what: 'VMDq pool',
  });
}

/**
 * Hyper-V VMQ: the NIC sorts into a queue per VM and DMAs straight into the vNIC's shared memory
 * (no copy); the queue's core runs the vSwitch port path and signals the guest over VMBus.
 */
export function buildVmqTopology(b: HostBuild): ModeTopology {
  const { cost } = b;
  const port = cost.cycles('switch', cost.costs.vmqPacketCycles);
  return buildQueueTopology(b, {
    driver: 'vmbus',
    rxPerPacket: [port],
    txPerPacket: [port],
    what: 'VMQ queue',
  });
}
