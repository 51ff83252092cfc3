/** One piece of CPU work: `fixedPs + perBytePs × frame bytes`, attributed to a CPU component. */
export interface CostItem {
  /** Index into CPU_COMPONENTS. */
  readonly component: number;
  readonly fixedPs: number;
  readonly perBytePs: number;
}

/** `items`' figures as text, exactly (numbers print shortest round-trip): a key for equal figures. */
export function itemsKey(items: readonly CostItem[]): string {
  let key = '';
  for (const item of items) key += `${item.component}:${item.fixedPs}:${item.perBytePs},`;
  return key;
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
}

/** A charge of `items` counting `exits` and `interrupts`. */
export function makeCharge(items: readonly CostItem[], exits = 0, interrupts = 0): Charge {
  let fixedPs = 0;
  for (const item of items) fixedPs += item.fixedPs;
  return {
    items,
    exits,
    interrupts,
    componentByItem: Int32Array.from(items, (item) => item.component),
    fixedPsByItem: Float64Array.from(items, (item) => item.fixedPs),
    fixedPs,
  };
}

export const NO_CHARGE: Charge = makeCharge([]);
