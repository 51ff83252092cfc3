import { describe, expect, it } from 'vitest';
import { pollPlanOf } from '../../src/metrics/pollPlan.js';
import { COMPONENT_COUNT } from '../../src/metrics/recorder.js';
import { makeCharge, NO_CHARGE, type Charge, type CostItem } from '../../src/model/costItem.js';
import { COMPONENT, DROP } from '../../src/model/cpuComponents.js';
import { kindOf, type PollerKindSpec } from '../../src/model/pollerKind.js';

const item = (component: number, fixedPs: number, perBytePs = 0): CostItem => ({
  component,
  fixedPs,
  perBytePs,
});
const charge = (items: CostItem[], exits = 0, interrupts = 0): Charge => makeCharge(items, exits, interrupts);

function spec(overrides: Partial<PollerKindSpec> = {}): PollerKindSpec {
  return {
    dropLocation: DROP.guestRing,
    minGapPs: 0,
    coalesceFrames: 0,
    delayPs: 0,
    budget: 64,
    perInterrupt: charge([item(COMPONENT.exits, 700), item(COMPONENT.guestInterrupts, 300)], 2, 1),
    perPoll: charge([item(COMPONENT.guestInterrupts, 100)]),
    perPacket: [item(COMPONENT.guestStack, 1_000, 2), item(COMPONENT.guestStack, 50, 1)],
    signalComponents: [],
    ...overrides,
  };
}

describe('kindOf', () => {
  it('gives pollers built from the same figures one shared kind, and different figures their own', () => {
    const a = kindOf(spec());
    // Equal figures in new objects (each VM's pollers are built from fresh charges).
    expect(kindOf(spec())).toBe(a);
    expect(kindOf(spec({ budget: 32 }))).not.toBe(a);
    expect(kindOf(spec({ perPoll: charge([item(COMPONENT.guestInterrupts, 101)]) }))).not.toBe(a);
    expect(kindOf(spec({ signalComponents: [COMPONENT.injection] }))).not.toBe(a);
  });

  it('finds the kind of a spec made of the same charge and cost-item objects without its figures as text', () => {
    // One host's pollers share their charges and items (CostModel hands out one object per figures).
    const perInterrupt = charge([item(COMPONENT.exits, 700)], 2, 1);
    const perPoll = charge([item(COMPONENT.guestInterrupts, 123)]);
    const stack = item(COMPONENT.guestStack, 1_000, 2);
    const shared = (overrides: Partial<PollerKindSpec> = {}): PollerKindSpec =>
      spec({ perInterrupt, perPoll, perPacket: [stack], ...overrides });
    const a = kindOf(shared());
    expect(kindOf(shared())).toBe(a);
    // Every other part still tells kinds apart when the poll charge is the same object.
    const others: Partial<PollerKindSpec>[] = [
      { dropLocation: DROP.nicRxRing },
      { minGapPs: 1 },
      { coalesceFrames: 4 },
      { delayPs: 1 },
      { budget: 32 },
      { perInterrupt: NO_CHARGE },
      { perPacket: [stack, stack] },
      { perPacket: [item(COMPONENT.guestStack, 999, 2)] },
      { signalComponents: [COMPONENT.injection] },
    ];
    for (const overrides of others) {
      const kind = kindOf(shared(overrides));
      expect(kind).not.toBe(a);
      expect(kindOf(shared(overrides))).toBe(kind);
    }
    // Equal figures in another item object: the same kind, found by its figures.
    expect(kindOf(shared({ perPacket: [item(COMPONENT.guestStack, 1_000, 2)] }))).toBe(a);
  });

  it('works out what a poll charges before its frames: the poll alone, or the interrupt and the poll', () => {
    const kind = kindOf(spec());
    expect(kind.pollStartPs).toBe(100);
    expect(kind.pollStartExits).toBe(0);
    expect(kind.pollStartInterrupts).toBe(0);
    expect(kind.interruptStartPs).toBe(1_100);
    expect(kind.interruptStartExits).toBe(2);
    expect(kind.interruptStartInterrupts).toBe(1);
  });

  it('plans what a poll charges each component: the starts per component and the per-frame items', () => {
    const kind = kindOf(spec({ signalComponents: [COMPONENT.injection] }));
    const interruptStart = new Float64Array(COMPONENT_COUNT);
    interruptStart[COMPONENT.exits] = 700;
    interruptStart[COMPONENT.guestInterrupts] = 400;
    const pollStart = new Float64Array(COMPONENT_COUNT);
    pollStart[COMPONENT.guestInterrupts] = 100;
    expect(kind.pollPlan).toEqual(
      pollPlanOf(kind.componentsUsed, interruptStart, pollStart, spec().perPacket),
    );
  });

  it('sums the per-frame items', () => {
    const kind = kindOf(spec());
    expect(kind.packetFixedPs).toBe(1_050);
    expect(kind.packetPerBytePs).toBe(3);
  });

  it('lists each component it may charge once, in order, its sinks’ signals included', () => {
    const kind = kindOf(spec({ signalComponents: [COMPONENT.injection] }));
    const expected = [COMPONENT.exits, COMPONENT.guestInterrupts, COMPONENT.guestStack, COMPONENT.injection];
    expect(Array.from(kind.componentsUsed)).toEqual([...new Set(expected)].sort((a, b) => a - b));
    expect(Array.from(kind.signalComponents)).toEqual([COMPONENT.injection]);
    expect(Array.from(kindOf(spec()).signalComponents)).toEqual([]);
    expect(Array.from(kindOf(spec({ perInterrupt: NO_CHARGE })).componentsUsed)).toEqual(
      [COMPONENT.guestInterrupts, COMPONENT.guestStack].sort((a, b) => a - b),
    );
  });

  it('keeps the moderation and the drop location', () => {
    const kind = kindOf(
      spec({ minGapPs: 8_000_000, coalesceFrames: 16, delayPs: 3, dropLocation: DROP.nicRxRing }),
    );
    expect([kind.minGapPs, kind.coalesceFrames, kind.delayPs, kind.dropLocation]).toEqual([
      8_000_000,
      16,
      3,
      DROP.nicRxRing,
    ]);
  });
});
