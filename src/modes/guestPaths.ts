import { NO_CHARGE, type Charge, type CostItem } from '../model/costItem.js';
import { DROP } from '../model/cpuComponents.js';
import type { PacketSink } from '../model/packetSink.js';
import type { Moderation, Poller } from '../model/poller.js';
import { IMMEDIATE, newPoller, stackTxPoller, type HostBuild } from './hostBuild.js';
import { oncePerHost, perHost } from './perHost.js';

/** The guest driver kinds: how the guest's NIC is notified and what each notification costs. */
export type GuestDriver = 'vf' | 'virtio' | 'vmbus' | 'e1000';

/**
 * The receive half inside a VM: a NAPI poller on the VM's vCPU core that runs the driver and the
 * stack, woken by an interrupt. What the interrupt costs depends on the driver:
 * - `vf`: the VF's MSI-X arrives at the host (exit, host handler, injection, EOI exit) unless
 *   posted interrupts deliver it straight into the guest;
 * - `virtio`/`vmbus`/`e1000`: the host backend injects a virtual interrupt (charged to the backend's
 *   core as the signal), and the vCPU takes the IPI exit and the EOI exit unless posted/APICv;
 * - `e1000` adds the trapped register accesses of the emulated device on every interrupt and poll.
 */
export function guestRxPoller(b: HostBuild, vm: number, driver: GuestDriver): Poller {
  const figures = guestRxFigures(b, driver);
  return newPoller(b, {
    name: `vm${vm}.rx`,
    core: b.vcpuCores[vm]!,
    ringCapacity: figures.ringCapacity,
    dropLocation: figures.dropLocation,
    moderation: figures.moderation,
    budget: b.config.guest.napiBudget,
    perInterrupt: figures.perInterrupt,
    perPoll: figures.perPoll,
    perPacket: figures.perPacket,
    signal: figures.signal,
    output: b.delivery,
  });
}

/** What every guest receive poller with `driver` has in common on a host (see guestRxPoller). */
const guestRxFigures = perHost((b, driver: GuestDriver) => {
  const { cost, config } = b;
  const costs = cost.costs;
  const posted = config.host.postedInterrupts;
  const interruptItems: CostItem[] = [];
  let exits = 0;
  let interrupts = 0;
  if (driver === 'vf') {
    interrupts = 1;
    if (!posted) {
      interruptItems.push(
        cost.cycles('exits', costs.vmExitEntryCycles),
        cost.cycles('interrupts', costs.hostIrqCycles),
        cost.cycles('injection', costs.virtualInterruptInjectCycles),
        cost.cycles('exits', costs.virtualEoiExitCycles),
      );
      exits = 2;
      interrupts = 2;
    }
  } else if (!posted) {
    interruptItems.push(
      cost.cycles('exits', costs.vmExitEntryCycles),
      cost.cycles('exits', costs.virtualEoiExitCycles),
    );
    exits = 2;
  }
  const pollItems: CostItem[] = [cost.cycles('guestInterrupts', costs.napiPollCycles)];
  let pollExits = 0;
  if (driver === 'e1000') {
    const perInterrupt = costs.e1000RegisterAccessesPerInterrupt;
    interruptItems.push(cost.cycles('exits', perInterrupt * costs.ioExitUserCycles));
    exits += perInterrupt;
    pollItems.push(cost.cycles('exits', costs.e1000RegisterAccessesPerPoll * costs.ioExitUserCycles));
    pollExits = costs.e1000RegisterAccessesPerPoll;
  }
  interruptItems.push(cost.cycles('guestInterrupts', costs.guestIrqCycles));
  const signal: Charge =
    driver === 'vf'
      ? NO_CHARGE
      : cost.charge(
          [
            cost.cycles(
              'injection',
              driver === 'vmbus' ? costs.vmbusSignalCycles : costs.virtualInterruptInjectCycles,
            ),
          ],
          0,
          1,
        );
  const moderation: Moderation =
    driver === 'vf'
      ? b.nicModeration
      : driver === 'e1000'
        ? { minGapPs: Math.round(config.guest.e1000ItrUs * 1e6), coalesceFrames: 0, delayPs: 0 }
        : config.guest.virtualCoalesceUs > 0
          ? { minGapPs: 0, coalesceFrames: 0, delayPs: Math.round(config.guest.virtualCoalesceUs * 1e6) }
          : IMMEDIATE;
  return {
    ringCapacity: driver === 'vf' ? config.nic.ringSize : config.guest.ringSize,
    dropLocation: driver === 'vf' ? DROP.nicRxRing : DROP.guestRing,
    moderation,
    perInterrupt: cost.charge(interruptItems, exits, interrupts),
    perPoll: cost.charge(pollItems, pollExits, 0),
    perPacket: [cost.stack('guestStack')] as readonly CostItem[],
    signal,
  };
});

/**
 * The transmit half inside a VM: the application's sends run the stack and driver on the vCPU
 * (a syscall, no interrupt), then hand frames to `next` — the backend's virtqueue (a kick exit
 * when the backend is idle), the e1000 TDT register (a trap), or the VF's TX ring (a doorbell
 * write, no exit). Buffer reclaim (TX completion) is charged per frame.
 */
export function guestTxPoller(b: HostBuild, vm: number, next: PacketSink): Poller {
  return stackTxPoller(b, { name: `vm${vm}.tx`, core: b.vcpuCores[vm]!, output: next }, 'guestStack');
}

/** The signal a guest pays to wake a virtio/VMBus backend: a kick through ioeventfd (one exit). */
export const kickSignal = oncePerHost((b): Charge =>
  b.cost.charge([b.cost.cycles('exits', b.cost.costs.kickCycles)], 1, 0),
);

/** The signal an e1000 guest pays to start transmission: a trapped TDT write to the device model. */
export const e1000TxSignal = oncePerHost((b): Charge =>
  b.cost.charge([b.cost.cycles('exits', b.cost.costs.ioExitUserCycles)], 1, 0),
);
