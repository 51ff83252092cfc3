/** One piece of CPU work: `fixedPs + perBytePs × frame bytes`, attributed to a CPU component. */
export interface CostItem {
  /** Index into CPU_COMPONENTS. */
  readonly component: number;
  readonly fixedPs: number;
  readonly perBytePs: number;
}

/** Work charged once per occasion (an interrupt, a poll, a wake-up), with the exits and interrupts it means. */
export interface Charge {
  readonly items: readonly CostItem[];
  readonly exits: number;
  readonly interrupts: number;
}

export const NO_CHARGE: Charge = { items: [], exits: 0, interrupts: 0 };
