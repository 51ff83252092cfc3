import type { CpuComponent } from '../run/runResult.js';
import { chargeKey, costItem, makeCharge, type Charge, type CostItem } from './costItem.js';
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
  /** The same charges by their items' identity, exits and interrupts (see charge()). */
  private readonly chargesByItems: ChargeNode = newChargeNode();
  /**
   * Cost items handed out, by component, cycles and cycles per byte: each VM's path asks for the
   * same few, and one object per figures carries its key worked out once (a host of hundreds of
   * VMs is built in a fraction of the time).
   */
  private readonly cycleItems = new Map<CpuComponent, Map<number, Map<number, CostItem>>>();
  private readonly copyItems: (CostItem | undefined)[] = [undefined, undefined];

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
    let byCycles = this.cycleItems.get(component);
    if (byCycles === undefined) this.cycleItems.set(component, (byCycles = new Map()));
    let byPerByte = byCycles.get(cycles);
    if (byPerByte === undefined) byCycles.set(cycles, (byPerByte = new Map()));
    let item = byPerByte.get(cyclesPerByte);
    if (item === undefined) {
      item = costItem(COMPONENT[component], this.cyclesToPs(cycles), this.cyclesToPs(cyclesPerByte));
      byPerByte.set(cyclesPerByte, item);
    }
    return item;
  }

  /**
   * One memory copy of a frame. `fromDmaBuffer`: the source was just written by the NIC, so it is
   * cache-resident only on DDIO hosts; any later copy reads what the previous copy left in cache.
   */
  copy(fromDmaBuffer: boolean): CostItem {
    const cold = fromDmaBuffer && !this.ddio;
    const known = this.copyItems[cold ? 1 : 0];
    if (known !== undefined) return known;
    const fixedNs = cold ? this.costs.copyColdFixedNs : this.costs.copyFixedNs;
    const gbps = cold ? this.costs.copyColdGBps : this.costs.copyHotGBps;
    const item = costItem(COMPONENT.copy, fixedNs * 1000, 1000 / gbps);
    this.copyItems[cold ? 1 : 0] = item;
    return item;
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
    // First by the items' identity (those from cycles() and copy() are one object per figures), a
    // few map lookups; only a combination not seen yet is looked up by its figures as text.
    let node = this.chargesByItems;
    for (const item of items) {
      let next = node.next.get(item);
      if (next === undefined) node.next.set(item, (next = newChargeNode()));
      node = next;
    }
    let byInterrupts = node.byExits.get(exits);
    if (byInterrupts === undefined) node.byExits.set(exits, (byInterrupts = new Map()));
    let charge = byInterrupts.get(interrupts);
    if (charge === undefined) {
      charge = this.chargeByFigures(items, exits, interrupts);
      byInterrupts.set(interrupts, charge);
    }
    return charge;
  }

  private chargeByFigures(items: readonly CostItem[], exits: number, interrupts: number): Charge {
    const costing = items.filter((item) => item.fixedPs > 0 || item.perBytePs > 0);
    const key = chargeKey(costing, exits, interrupts);
    const known = this.charges.get(key);
    if (known !== undefined) return known;
    const charge = makeCharge(costing, exits, interrupts);
    this.charges.set(key, charge);
    return charge;
  }
}

/** A node of CostModel's charges by item identity: the items so far lead here; then exits, interrupts. */
interface ChargeNode {
  readonly next: Map<CostItem, ChargeNode>;
  readonly byExits: Map<number, Map<number, Charge>>;
}

function newChargeNode(): ChargeNode {
  return { next: new Map(), byExits: new Map() };
}
