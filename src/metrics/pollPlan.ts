import type { CostItem } from '../model/costItem.js';

/**
 * A poll plan: what one poll of a poller kind charges each CPU component, as one array that
 * Recorder.busyFromPlan walks once a poll (a Charge has one too, for a lone signal: no per-frame
 * items). Per component that the poll's start or its frames charge, in component order, one entry:
 *
 *   [component, its part of an interrupt's and poll's start (ps), of a poll's start alone (ps),
 *    item count, then each per-frame item of that component: fixed ps, ps per byte]
 *
 * A poll taking n frames of b bytes in all charges a component its start plus, item by item in
 * their order, `n × fixed + b × per byte`: the sums charging the items one by one come to, to the
 * last bit. One array and one pass, where setting each component's start in a scratch array,
 * adding each item's frames to it and charging the core from it were three loops, each re-checking
 * its typed arrays at every step: ~50 instructions a poll more (VMQ at 1518 B 1.9% more a frame,
 * scripts/instructions-per-frame.mjs).
 */
export const PLAN_COMPONENT = 0;
export const PLAN_INTERRUPT_START_PS = 1;
export const PLAN_POLL_START_PS = 2;
export const PLAN_ITEM_COUNT = 3;
/** Where an entry's items start; each is two numbers (PLAN_ITEM_WORDS). */
export const PLAN_ITEMS = 4;
export const PLAN_ITEM_WORDS = 2;

/**
 * The plan for `components` (sorted, each once), given the start of a poll after an interrupt and
 * of one without, per component, and the per-frame items. A component nothing charges is left out:
 * it would add 0.
 */
export function pollPlanOf(
  components: ArrayLike<number>,
  interruptStartByComponentPs: ArrayLike<number>,
  pollStartByComponentPs: ArrayLike<number>,
  perPacket: readonly CostItem[],
): Float64Array {
  const plan: number[] = [];
  for (let i = 0; i < components.length; i++) {
    const component = components[i]!;
    const items = perPacket.filter((item) => item.component === component);
    const interruptPs = interruptStartByComponentPs[component]!;
    const pollPs = pollStartByComponentPs[component]!;
    if (items.length === 0 && interruptPs === 0 && pollPs === 0) continue;
    plan.push(component, interruptPs, pollPs, items.length);
    for (const item of items) plan.push(item.fixedPs, item.perBytePs);
  }
  return Float64Array.from(plan);
}
