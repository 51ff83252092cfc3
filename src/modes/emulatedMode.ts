import { NO_CHARGE, type CostItem } from '../model/costItem.js';
import { DROP } from '../model/cpuComponents.js';
import type { PacketSink } from '../model/packetSink.js';
import type { Poller } from '../model/poller.js';
import { e1000TxSignal, guestRxPoller, guestTxPoller } from './guestPaths.js';
import { IMMEDIATE, newPoller, type HostBuild, type ModeTopology } from './hostBuild.js';
import { perHost } from './perHost.js';
import { spreadCoreOf, SWITCH_CORE, switchRxPoller, switchTxBackend } from './softwareSwitch.js';

/**
 * Fully emulated NIC (QEMU e1000): the software switch on core 0 sorts each frame and makes the
 * two copies (NIC buffer → switch, switch → the emulated device's RX buffer), waking the VM's
 * user-space device model thread; the device model emulates the descriptors and injects an
 * interrupt; the guest's e1000 driver traps to user space on every register access (ICR,
 * IMS/IMC, RDT/TDT). TX is the mirror image.
 */
export function buildEmulatedTopology(b: HostBuild): ModeTopology {
  const count = b.config.vms.count;
  const backlogs: PacketSink[] = new Array<PacketSink>(count);
  const txEntry: PacketSink[] = new Array<PacketSink>(count);
  const roles = new Map<number, string>([[SWITCH_CORE, 'software switch']]);
  for (let vm = 0; vm < count; vm++) {
    const core = spreadCoreOf(b, vm);
    if (!roles.has(core)) roles.set(core, 'device models');
    if (b.rx) backlogs[vm] = deviceModel(b, vm, core, guestRxPoller(b, vm, 'e1000'), 'rx');
    if (b.tx) {
      const toSwitch = switchTxBackend(b, vm, 2, NO_CHARGE);
      txEntry[vm] = guestTxPoller(b, vm, deviceModel(b, vm, core, toSwitch, 'tx'));
    }
  }
  const rxEntry: PacketSink[] = new Array<PacketSink>(count);
  if (b.rx) rxEntry.fill(switchRxPoller(b, backlogs, 2));
  return { rxEntry, txEntry, hostCoreRoles: roles };
}

/**
 * A VM's device model thread on a host core: per-frame descriptor emulation. Waking it from
 * another core (RX: the switch; TX: the trapped TDT write) is a cross-core thread wake-up, charged
 * like an IPI-path injection on the waker.
 */
function deviceModel(
  b: HostBuild,
  vm: number,
  coreIndex: number,
  next: PacketSink,
  direction: 'rx' | 'tx',
): Poller {
  const { config } = b;
  const figures = deviceModelFigures(b, direction);
  return newPoller(b, {
    name: `vm${vm}.deviceModel.${direction}`,
    core: b.hostCores[coreIndex]!,
    ringCapacity: direction === 'rx' ? config.guest.backlogFrames : config.guest.ringSize,
    dropLocation: DROP.switchBacklog,
    moderation: IMMEDIATE,
    budget: config.guest.backendBatch,
    perInterrupt: NO_CHARGE,
    perPoll: figures.perPoll,
    perPacket: figures.perPacket,
    signal: figures.signal,
    output: next,
  });
}

/** What every VM's device model thread has in common on a host, by direction. */
const deviceModelFigures = perHost((b, direction: 'rx' | 'tx') => {
  const { cost } = b;
  return {
    perPoll: cost.charge([cost.cycles('deviceModel', cost.costs.napiPollCycles)]),
    perPacket: [cost.cycles('deviceModel', cost.costs.deviceModelPacketCycles)] as readonly CostItem[],
    signal:
      direction === 'tx'
        ? e1000TxSignal(b)
        : cost.charge([cost.cycles('deviceModel', cost.costs.virtualInterruptInjectCycles)]),
  };
});
