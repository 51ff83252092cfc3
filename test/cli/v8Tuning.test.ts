import { getHeapSpaceStatistics } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { tuneV8ForSimulation } from '../../src/cli/v8Tuning.js';

const newSpaceBytes = (): number =>
  getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')!.space_size;

describe('tuneV8ForSimulation', () => {
  it('keeps the young generation from growing, even where many young objects survive', () => {
    tuneV8ForSimulation();
    const before = newSpaceBytes();
    // A rolling window of live objects: enough of each scavenge survives that V8 grows the young
    // generation without the tuning (checked: this test then fails, the young generation grew).
    const window = new Array<{ atPs: number }>(200_000);
    for (let i = 0; i < 3_000_000; i++) window[i % window.length] = { atPs: i * 1.5 };
    expect(window[window.length - 1]!.atPs).toBe((3_000_000 - 1) * 1.5);
    expect(newSpaceBytes()).toBeLessThanOrEqual(before);
  });
});
