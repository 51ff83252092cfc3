import type { PacketSink } from '../model/packetSink.js';
import { guestRxPoller, guestTxPoller, kickSignal } from './guestPaths.js';
import type { HostBuild, ModeTopology } from './hostBuild.js';
import { SWITCH_CORE, switchRxPoller, switchTxBackend } from './softwareSwitch.js';

/**
 * Paravirtual NIC (virtio/vhost, Xen netfront/netback, Hyper-V v1 synthetic NIC) behind a software
 * switch: one host core takes every frame from the NIC's single queue, sorts it, copies it twice
 * (NIC → switch, switch → vNIC) and signals the guest; the guest's paravirtual driver runs on its
 * vCPU. TX mirrors it: a kick, then the backend on the switch core copies out and queues on the NIC.
 */
export function buildParavirtTopology(b: HostBuild): ModeTopology {
  const count = b.config.vms.count;
  const guests: PacketSink[] = new Array<PacketSink>(count);
  const txEntry: PacketSink[] = new Array<PacketSink>(count);
  for (let vm = 0; vm < count; vm++) {
    guests[vm] = b.rx ? guestRxPoller(b, vm, 'virtio') : b.delivery;
    if (b.tx) txEntry[vm] = guestTxPoller(b, vm, switchTxBackend(b, vm, 2, kickSignal(b)));
  }
  const rxEntry: PacketSink[] = new Array<PacketSink>(count);
  if (b.rx) rxEntry.fill(switchRxPoller(b, guests, 2));
  return { rxEntry, txEntry, hostCoreRoles: new Map([[SWITCH_CORE, 'software switch']]) };
}
