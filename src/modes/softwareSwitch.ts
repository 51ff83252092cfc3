import type { Charge, CostItem } from '../model/costItem.js';
import type { PacketSink } from '../model/packetSink.js';
import type { Poller } from '../model/poller.js';
import { nicPoller, txBackendPoller, type HostBuild } from './hostBuild.js';
import { perHost } from './perHost.js';

/** The host core the software switch (and the NIC's default queue) runs on. */
export const SWITCH_CORE = 0;

/**
 * The software switch's receive side: the NIC's default queue interrupts host core 0, and that one
 * core sorts every frame (lookup), runs the backend port path, and copies it — NIC buffer to switch
 * memory, and (paravirtual) switch memory to the guest's ring — before signalling each guest it
 * filled. Without a multi-queue NIC all RX demux happens here, whatever the VM count.
 */
export function switchRxPoller(b: HostBuild, outputs: readonly PacketSink[], copies: 1 | 2): Poller {
  const { cost, config } = b;
  const costs = cost.costs;
  const perPacket: CostItem[] = [
    cost.cycles('switch', costs.switchLookupCycles),
    cost.cycles('switch', costs.switchPortCycles),
    cost.copy(true),
  ];
  if (copies === 2) perPacket.push(cost.copy(false));
  return nicPoller(b, {
    name: 'switch.rx',
    core: b.hostCores[SWITCH_CORE]!,
    budget: config.guest.backendBatch,
    perPacket,
    output: outputs,
  });
}

/**
 * The software switch's transmit side for one VM: the backend (vhost/netback/VMBus) thread on the
 * switch core takes the guest's frames, looks them up, copies them out of guest memory and into a
 * NIC buffer, and queues them on the NIC's TX ring.
 */
export function switchTxBackend(b: HostBuild, vm: number, copies: 1 | 2, signal: Charge): Poller {
  return txBackendPoller(b, {
    name: `switch.tx.vm${vm}`,
    core: b.hostCores[SWITCH_CORE]!,
    perPacket: switchTxItems(b, copies),
    signal,
  });
}

/** The switch's transmit backend's per-frame work (the same for every VM on a host). */
const switchTxItems = perHost((b, copies: 1 | 2): readonly CostItem[] => {
  const { cost } = b;
  const costs = cost.costs;
  const perPacket: CostItem[] = [
    cost.cycles('switch', costs.switchLookupCycles),
    cost.cycles('switch', costs.switchPortCycles),
    cost.copy(false),
    cost.cycles('switch', costs.txCompletionCycles),
  ];
  if (copies === 2) perPacket.push(cost.copy(false));
  return perPacket;
});

/** Host core for per-VM host work (a dedicated queue/pool, a device model): spread over cores 1..n-1, core 0 keeps the default queue and the switch. */
export function spreadCoreOf(b: HostBuild, dedicatedIndex: number): number {
  const cores = b.hostCores.length;
  return cores === 1 ? 0 : 1 + (dedicatedIndex % (cores - 1));
}
