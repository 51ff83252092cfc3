import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as layout from '../../src/model/frameLayout.js';

describe('frameLayout', () => {
  it('lays pages out in whole slots, and a slot index in the bits its mask keeps', () => {
    expect(layout.PAGE_SLOTS).toBe(2 ** layout.PAGE_SHIFT);
    expect(layout.PAGE_MASK).toBe(layout.PAGE_SLOTS - 1);
    expect(layout.WIDE_PAGE_WORDS).toBe(layout.PAGE_SLOTS * layout.WIDE_SLOT_WORDS);
    expect(layout.NARROW_SLOT_WORDS).toBeLessThan(layout.WIDE_SLOT_WORDS);
  });

  it('gives every word of a slot and every number of a batch frame a place of its own', () => {
    const narrow = [layout.RING_TIME_LO, layout.RING_GEN_LO, layout.RING_TIMES_HI];
    expect(new Set([...narrow, layout.RING_META]).size).toBe(4);
    for (const offset of narrow) expect(offset).toBeLessThan(layout.NARROW_SLOT_WORDS);
    // Only a wide slot holds size and VM.
    expect(layout.RING_META).toBeGreaterThanOrEqual(layout.NARROW_SLOT_WORDS);
    expect(layout.RING_META).toBeLessThan(layout.WIDE_SLOT_WORDS);
    const batch = [layout.FRAME_GEN_PS, layout.FRAME_TIME_PS, layout.FRAME_META];
    expect(new Set(batch).size).toBe(layout.FRAME_FIELDS);
    for (const offset of batch) expect(offset).toBeLessThan(layout.FRAME_FIELDS);
    expect(layout.FRAME_BYTES_MASK).toBe(2 ** layout.FRAME_VM_SHIFT - 1);
  });

  it('is used by the per-frame modules through module-private copies, never by imported name', () => {
    // V8 reads an imported name through its module cell at every use (see frameLayout.ts): a named
    // import of the layout into these modules would cost the hot paths 7-9% of their instructions.
    const names = Object.keys(layout);
    for (const file of ['packetRing.ts', 'poller.ts', 'ringArena.ts']) {
      const source = readFileSync(new URL(`../../src/model/${file}`, import.meta.url), 'utf8');
      expect(source, file).toContain("import * as layout from './frameLayout.js';");
      const named = [...source.matchAll(/import\s*(?:type\s*)?\{([^}]*)\}\s*from\s*'[^']*'/g)].flatMap(
        (match) => match[1]!.split(',').map((name) => name.trim()),
      );
      expect(
        named.filter((name) => names.includes(name)),
        file,
      ).toEqual([]);
    }
  });
});
