import { NO_CHARGE } from '../model/costItem.js';
import { DROP } from '../model/cpuComponents.js';
import type { PacketSink } from '../model/packetSink.js';
import type { Poller } from '../model/poller.js';
import { IMMEDIATE, newPoller, type HostBuild, type ModeTopology } from './hostBuild.js';

/**
 * The reference without virtualization: RSS spreads the flows (one per "VM") over one NIC queue
 * per host core; each core's NAPI poll runs driver and stack. TX: the stack on the flow's core
 * queues straight onto the NIC.
 */
export function buildNativeTopology(b: HostBuild): ModeTopology {
  const { cost, config } = b;
  const costs = cost.costs;
  const queues = Math.min(config.host.cores, config.nic.rxQueues);
  const rxQueues: Poller[] = [];
  const roles = new Map<number, string>();
  for (let q = 0; q < queues; q++) {
    roles.set(q, 'RSS queue + stack');
    if (!b.rx) continue;
    rxQueues.push(
      newPoller(b, {
        name: `native.rx.q${q}`,
        core: b.hostCores[q]!,
        ringCapacity: config.nic.ringSize,
        dropLocation: DROP.nicRxRing,
        moderation: b.nicModeration,
        budget: config.guest.napiBudget,
        perInterrupt: cost.charge([cost.cycles('interrupts', costs.hostIrqCycles)], 0, 1),
        perPoll: cost.charge([cost.cycles('interrupts', costs.napiPollCycles)]),
        perPacket: [cost.stack('hostStack')],
        signal: NO_CHARGE,
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
      txEntry[flow] = newPoller(b, {
        name: `native.tx.flow${flow}`,
        core: b.hostCores[flow % queues]!,
        ringCapacity: config.guest.ringSize,
        dropLocation: DROP.source,
        moderation: IMMEDIATE,
        budget: config.guest.napiBudget,
        perInterrupt: NO_CHARGE,
        perPoll: NO_CHARGE,
        perPacket: [cost.stack('hostStack'), cost.cycles('hostStack', costs.txCompletionCycles)],
        signal: NO_CHARGE,
        output: b.nicTx,
      });
    }
  }
  return { rxEntry, txEntry, hostCoreRoles: roles };
}
