import { describe, expect, it } from 'vitest';
import {
  PLAN_COMPONENT,
  PLAN_INTERRUPT_START_PS,
  PLAN_ITEM_COUNT,
  PLAN_ITEM_WORDS,
  PLAN_ITEMS,
  PLAN_POLL_START_PS,
  pollPlanOf,
} from '../../src/metrics/pollPlan.js';
import { COMPONENT_COUNT } from '../../src/metrics/recorder.js';
import { COMPONENT } from '../../src/model/cpuComponents.js';

const byComponent = (entries: [number, number][]) => {
  const ps = new Float64Array(COMPONENT_COUNT);
  for (const [component, value] of entries) ps[component] = value;
  return ps;
};

describe('pollPlanOf', () => {
  it('gives each charged component one entry: its two starts and its per-frame items in order', () => {
    const components = [
      COMPONENT.exits,
      COMPONENT.guestInterrupts,
      COMPONENT.guestStack,
      COMPONENT.injection,
    ].sort((a, b) => a - b);
    const plan = pollPlanOf(
      components,
      byComponent([
        [COMPONENT.exits, 700],
        [COMPONENT.guestInterrupts, 400],
      ]),
      byComponent([[COMPONENT.guestInterrupts, 100]]),
      [
        { component: COMPONENT.guestStack, fixedPs: 1_000, perBytePs: 2 },
        { component: COMPONENT.guestInterrupts, fixedPs: 7, perBytePs: 0 },
        { component: COMPONENT.guestStack, fixedPs: 50, perBytePs: 1 },
      ],
    );
    // Read the entries back: the injection component (a signal's, nothing a poll charges) is left out.
    const entries: unknown[] = [];
    for (let at = 0; at < plan.length;) {
      const count = plan[at + PLAN_ITEM_COUNT]!;
      const items: number[][] = [];
      for (let i = 0; i < count; i++) {
        const item = at + PLAN_ITEMS + i * PLAN_ITEM_WORDS;
        items.push([plan[item]!, plan[item + 1]!]);
      }
      entries.push([
        plan[at + PLAN_COMPONENT],
        plan[at + PLAN_INTERRUPT_START_PS],
        plan[at + PLAN_POLL_START_PS],
        items,
      ]);
      at += PLAN_ITEMS + count * PLAN_ITEM_WORDS;
    }
    const expected = new Map<number, unknown>([
      [COMPONENT.exits, [COMPONENT.exits, 700, 0, []]],
      [COMPONENT.guestInterrupts, [COMPONENT.guestInterrupts, 400, 100, [[7, 0]]]],
      [
        COMPONENT.guestStack,
        [
          COMPONENT.guestStack,
          0,
          0,
          [
            [1_000, 2],
            [50, 1],
          ],
        ],
      ],
    ]);
    expect(entries).toEqual(components.filter((c) => expected.has(c)).map((c) => expected.get(c)));
  });

  it('is empty when a poll charges nothing', () => {
    expect(
      pollPlanOf(
        [COMPONENT.injection],
        new Float64Array(COMPONENT_COUNT),
        new Float64Array(COMPONENT_COUNT),
        [],
      ),
    ).toEqual(new Float64Array(0));
  });
});
