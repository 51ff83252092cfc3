import { describe, expect, it } from 'vitest';
import { costItem, itemsKey, makeCharge, NO_CHARGE } from '../../src/model/costItem.js';
import { COMPONENT } from '../../src/model/cpuComponents.js';

/** Three items, two of one component, with figures that print long. */
function threeItems() {
  return [
    { component: COMPONENT.injection, fixedPs: 1_153.846153846154, perBytePs: 0 },
    { component: COMPONENT.exits, fixedPs: 0.1, perBytePs: 0.5 },
    { component: COMPONENT.injection, fixedPs: 0.2, perBytePs: 0 },
  ];
}

describe('makeCharge', () => {
  it('keeps its items, exits and interrupts, and their components and fixed costs as typed arrays', () => {
    const items = threeItems();
    const charge = makeCharge(items, 1, 2);
    expect(charge.items).toBe(items);
    expect([charge.exits, charge.interrupts]).toEqual([1, 2]);
    expect([...charge.componentByItem]).toEqual([COMPONENT.injection, COMPONENT.exits, COMPONENT.injection]);
    expect([...charge.fixedPsByItem]).toEqual([1_153.846153846154, 0.1, 0.2]);
  });

  it('adds the fixed costs up in item order from 0, to the bit, as charging them one by one does', () => {
    const fixed = [0.1, 0.2, 0.3];
    let oneByOne = 0;
    for (const ps of fixed) oneByOne += ps;
    const charge = makeCharge(
      fixed.map((fixedPs) => ({ component: COMPONENT.exits, fixedPs, perBytePs: 0 })),
    );
    expect(Object.is(charge.fixedPs, oneByOne)).toBe(true);
    // Another order rounds differently: the order is part of the contract.
    expect(charge.fixedPs).not.toBe(fixed.reduceRight((sum, ps) => sum + ps, 0));
  });

  it('names the components it charges once each, sorted, and its figures in a key', () => {
    const items = threeItems();
    const charge = makeCharge(items, 1, 2);
    expect(charge.components).toEqual([COMPONENT.exits, COMPONENT.injection].sort((a, b) => a - b));
    // Equal figures give equal keys, whatever objects hold them; any other figure another key.
    expect(
      makeCharge(
        items.map((item) => ({ ...item })),
        1,
        2,
      ).key,
    ).toBe(charge.key);
    expect(makeCharge(items, 1, 3).key).not.toBe(charge.key);
    expect(makeCharge(items, 2, 2).key).not.toBe(charge.key);
    expect(makeCharge(items.slice(0, 2), 1, 2).key).not.toBe(charge.key);
    expect(makeCharge([{ ...items[0]!, fixedPs: 1_153.846153846155 }, ...items.slice(1)], 1, 2).key).not.toBe(
      charge.key,
    );
  });

  it('gives an empty charge nothing to charge', () => {
    expect([NO_CHARGE.fixedPs, NO_CHARGE.componentByItem.length, NO_CHARGE.fixedPsByItem.length]).toEqual([
      0, 0, 0,
    ]);
    expect([NO_CHARGE.exits, NO_CHARGE.interrupts]).toEqual([0, 0]);
  });
});

describe('costItem', () => {
  it('carries its key, the same text itemsKey makes of an item without one', () => {
    const made = costItem(COMPONENT.switch, 500_000.5, 192.30769230769232);
    const plain = { component: COMPONENT.switch, fixedPs: 500_000.5, perBytePs: 192.30769230769232 };
    expect(itemsKey([made])).toBe(itemsKey([plain]));
    expect(itemsKey([made, plain])).toBe(`${made.key},${made.key},`);
    expect(itemsKey([costItem(COMPONENT.switch, 500_000.5, 0)])).not.toBe(itemsKey([made]));
  });
});
