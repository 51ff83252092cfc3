import type { CpuComponent, DropLocation } from '../run/runResult.js';

/** Human names for the stable JSON keys. */
export const CPU_COMPONENT_LABELS: Readonly<Record<CpuComponent, string>> = {
  switch: 'switch',
  copy: 'copies',
  deviceModel: 'device model',
  exits: 'exits',
  injection: 'injection',
  interrupts: 'host interrupts',
  hostStack: 'host stack',
  guestInterrupts: 'guest interrupts',
  guestStack: 'guest stack',
};

export const DROP_LOCATION_LABELS: Readonly<Record<DropLocation, string>> = {
  source: 'source queue',
  nicRxRing: 'NIC RX ring',
  switchBacklog: 'switch backlog',
  guestRing: 'guest ring',
  nicTxRing: 'NIC TX ring',
};
