import { pollPlanOf } from '../metrics/pollPlan.js';
import { COMPONENT_COUNT } from '../metrics/recorder.js';

/** One piece of CPU work: `fixedPs + perBytePs × frame bytes`, attributed to a CPU component. */
export interface CostItem {
  /** Index into CPU_COMPONENTS. */
  readonly component: number;
  readonly fixedPs: number;
  readonly perBytePs: number;
  /** Its figures as text (see itemsKey), when it was made by costItem(): worked out once. */
  readonly key?: string;
}

/** A cost item that carries its key, for one that is shared (CostModel hands out one per figures). */
export function costItem(component: number, fixedPs: number, perBytePs: number): CostItem {
  return { component, fixedPs, perBytePs, key: figuresKey(component, fixedPs, perBytePs) };
}

/** One item's figures as text, exactly (numbers print shortest round-trip). */
function figuresKey(component: number, fixedPs: number, perBytePs: number): string {
  return `${component}:${fixedPs}:${perBytePs}`;
}

/** `items`' figures as text: a key for equal figures. */
export function itemsKey(items: readonly CostItem[]): string {
  let key = '';
  for (const item of items) key += `${item.key ?? figuresKey(item.component, item.fixedPs, item.perBytePs)},`;
  return key;
}

/** The key of a charge of `items` counting `exits` and `interrupts` (Charge.key). */
export function chargeKey(items: readonly CostItem[], exits: number, interrupts: number): string {
  return `${itemsKey(items)}/${exits}/${interrupts}`;
}

/**
 * Work charged once per occasion (an interrupt, a poll, a wake-up), with the exits and interrupts it
 * means. Make one with makeCharge().
 */
export interface Charge {
  readonly items: readonly CostItem[];
  readonly exits: number;
  readonly interrupts: number;
  /**
   * The items' components and fixed costs as typed arrays, for the poll that charges a signal to
   * read instead of the item objects: an optimised poll that read the objects fell into
   * deoptimising on every signal (thousands of times a run, "wrong map"), where typed arrays give it
   * nothing to guess about.
   */
  readonly componentByItem: Int32Array;
  readonly fixedPsByItem: Float64Array;
  /** The items' fixed costs added up in order (what charging them one by one from 0 comes to). */
  readonly fixedPs: number;
  /** The components the items charge, sorted, each once. */
  readonly components: readonly number[];
  /** Its figures as text (chargeKey): equal charges have equal keys. */
  readonly key: string;
  /**
   * What it charges each component, as a poll plan with no per-frame items (metrics/pollPlan.ts):
   * each component's items added up in order from 0, what charging them one by one comes to.
   */
  readonly plan: Float64Array;
}

/** A charge of `items` counting `exits` and `interrupts`. */
export function makeCharge(items: readonly CostItem[], exits = 0, interrupts = 0): Charge {
  let fixedPs = 0;
  for (const item of items) fixedPs += item.fixedPs;
  const components = [...new Set(items.map((item) => item.component))].sort((a, b) => a - b);
  const byComponentPs = new Float64Array(COMPONENT_COUNT);
  for (const item of items) byComponentPs[item.component]! += item.fixedPs;
  return {
    items,
    exits,
    interrupts,
    componentByItem: Int32Array.from(items, (item) => item.component),
    fixedPsByItem: Float64Array.from(items, (item) => item.fixedPs),
    fixedPs,
    components,
    key: chargeKey(items, exits, interrupts),
    plan: pollPlanOf(components, byComponentPs, byComponentPs, []),
  };
}

export const NO_CHARGE: Charge = makeCharge([]);
