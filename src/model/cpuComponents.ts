import { CPU_COMPONENTS, DROP_LOCATIONS, type CpuComponent, type DropLocation } from '../run/runResult.js';

/** Index of each CPU component in the recorder's arrays. */
export const COMPONENT: Readonly<Record<CpuComponent, number>> = Object.fromEntries(
  CPU_COMPONENTS.map((name, index) => [name, index]),
) as Record<CpuComponent, number>;

/** Index of each drop location in the recorder's arrays. */
export const DROP: Readonly<Record<DropLocation, number>> = Object.fromEntries(
  DROP_LOCATIONS.map((name, index) => [name, index]),
) as Record<DropLocation, number>;

/** Components whose time is the guest's own (guest mode); everything else is host time. */
export const GUEST_COMPONENTS: ReadonlySet<CpuComponent> = new Set<CpuComponent>([
  'guestInterrupts',
  'guestStack',
]);
