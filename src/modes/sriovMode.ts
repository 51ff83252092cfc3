import type { PacketSink } from '../model/packetSink.js';
import { guestRxPoller, guestTxPoller, kickSignal } from './guestPaths.js';
import type { HostBuild, ModeTopology } from './hostBuild.js';
import { SWITCH_CORE, switchRxPoller, switchTxBackend } from './softwareSwitch.js';

/**
 * SR-IOV: the NIC's classifier steers each VM's MAC to its VF, and the VF DMAs straight into guest
 * memory through the IOMMU; the guest's VF driver runs on its vCPU. The host's only per-frame part
 * is relaying the VF interrupt (unless posted interrupts). TX: the guest rings the VF doorbell (no
 * exit). VMs beyond the VF limit (with fallback) use a paravirtual NIC behind the software switch.
 */
export function buildSriovTopology(b: HostBuild): ModeTopology {
  const count = b.config.vms.count;
  const rxEntry: PacketSink[] = new Array<PacketSink>(count);
  const txEntry: PacketSink[] = new Array<PacketSink>(count);
  const switchOutputs: PacketSink[] = new Array<PacketSink>(count).fill(b.delivery);
  let anyFallback = false;
  for (let vm = 0; vm < count; vm++) {
    if (b.placement.vmPath[vm] === 'dedicated') {
      if (b.rx) rxEntry[vm] = guestRxPoller(b, vm, 'vf');
      if (b.tx) txEntry[vm] = guestTxPoller(b, vm, b.nicTx);
    } else {
      anyFallback = true;
      if (b.rx) switchOutputs[vm] = guestRxPoller(b, vm, 'virtio');
      if (b.tx) txEntry[vm] = guestTxPoller(b, vm, switchTxBackend(b, vm, 2, kickSignal(b)));
    }
  }
  if (anyFallback && b.rx) {
    const sw = switchRxPoller(b, switchOutputs, 2);
    for (let vm = 0; vm < count; vm++) if (b.placement.vmPath[vm] !== 'dedicated') rxEntry[vm] = sw;
  }
  const roles = new Map<number, string>();
  if (anyFallback) roles.set(SWITCH_CORE, 'software switch (fallback VMs)');
  return { rxEntry, txEntry, hostCoreRoles: roles };
}
