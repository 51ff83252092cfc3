import type { PacketSink } from '../model/packetSink.js';
import type { Poller } from '../model/poller.js';
import { nicPoller, stackTxPoller, type HostBuild, type ModeTopology } from './hostBuild.js';

/**
 * The reference without virtualization: RSS spreads the flows (one per "VM") over one NIC queue
 * per host core; each core's NAPI poll runs driver and stack. TX: the stack on the flow's core
 * queues straight onto the NIC.
 */
export function buildNativeTopology(b: HostBuild): ModeTopology {
  const { cost, config } = b;
  const queues = Math.min(config.host.cores, config.nic.rxQueues);
  const rxQueues: Poller[] = [];
  const roles = new Map<number, string>();
  for (let q = 0; q < queues; q++) {
    roles.set(q, 'RSS queue + stack');
    if (!b.rx) continue;
    rxQueues.push(
      nicPoller(b, {
        name: `native.rx.q${q}`,
        core: b.hostCores[q]!,
        budget: config.guest.napiBudget,
        perPacket: [cost.stack('hostStack')],
        output: b.delivery,
      }),
    );
  }
  const count = config.vms.count;
  const rxEntry: PacketSink[] = new Array<PacketSink>(count);
  const txEntry: PacketSink[] = new Array<PacketSink>(count);
  for (let flow = 0; flow < count; flow++) {
    if (b.rx) rxEntry[flow] = rxQueues[flow % queues]!;
    if (b.tx) {
      txEntry[flow] = stackTxPoller(
        b,
        { name: `native.tx.flow${flow}`, core: b.hostCores[flow % queues]!, output: b.nicTx },
        'hostStack',
      );
    }
  }
  return { rxEntry, txEntry, hostCoreRoles: roles };
}
