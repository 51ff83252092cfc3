import type { CpuComponent } from '../run/runResult.js';
import { itemsKey, makeCharge, type Charge, type CostItem } from './costItem.js';
import type { CostValues } from './costTable.js';
import { COMPONENT } from './cpuComponents.js';

/**
 * Turns the cost table into CostItems in picoseconds for one host: cycles at the core clock,
 * copies at memory speed (independent of the clock).
 */
export class CostModel {
  readonly costs: CostValues;
  readonly ghz: number;
  private readonly ddio: boolean;
  private readonly appCyclesPerFrame: number;
  /** Charges handed out, by their figures (see charge()). */
  private readonly charges = new Map<string, Charge>();

  constructor(costs: CostValues, ghz: number, ddio: boolean, appCyclesPerFrame = 0) {
    this.costs = costs;
    this.ghz = ghz;
    this.ddio = ddio;
    this.appCyclesPerFrame = appCyclesPerFrame;
  }

  cyclesToPs(cycles: number): number {
    return (cycles * 1000) / this.ghz;
  }

  cycles(component: CpuComponent, cycles: number, cyclesPerByte = 0): CostItem {
    return {
      component: COMPONENT[component],
      fixedPs: this.cyclesToPs(cycles),
      perBytePs: this.cyclesToPs(cyclesPerByte),
    };
  }

  /**
   * One memory copy of a frame. `fromDmaBuffer`: the source was just written by the NIC, so it is
   * cache-resident only on DDIO hosts; any later copy reads what the previous copy left in cache.
   */
  copy(fromDmaBuffer: boolean): CostItem {
    const cold = fromDmaBuffer && !this.ddio;
    const fixedNs = cold ? this.costs.copyColdFixedNs : this.costs.copyFixedNs;
    const gbps = cold ? this.costs.copyColdGBps : this.costs.copyHotGBps;
    return { component: COMPONENT.copy, fixedPs: fixedNs * 1000, perBytePs: 1000 / gbps };
  }

  /** Driver plus stack (plus the workload's application) work per frame, native or in a guest. */
  stack(component: 'hostStack' | 'guestStack'): CostItem {
    return this.cycles(
      component,
      this.costs.stackPacketCycles + this.appCyclesPerFrame,
      this.costs.stackByteCycles,
    );
  }

  /**
   * A charge of `items` (those that cost anything) counting `exits` and `interrupts`. Equal figures
   * give the same (read-only) object: each VM's path asks for its own, and a shared one keeps the
   * few cache lines a signal's charging reads the same for hundreds of VMs.
   */
  charge(items: readonly CostItem[], exits = 0, interrupts = 0): Charge {
    const costing = items.filter((item) => item.fixedPs > 0 || item.perBytePs > 0);
    const key = `${itemsKey(costing)}/${exits}/${interrupts}`;
    const known = this.charges.get(key);
    if (known !== undefined) return known;
    const charge = makeCharge(costing, exits, interrupts);
    this.charges.set(key, charge);
    return charge;
  }
}
