import { FRAME_BYTES_MASK, FRAME_VM_SHIFT, PAGE_SLOTS } from '../../src/model/frameLayout.js';
import { type PacketRing, ringGenPs, ringTimePs } from '../../src/model/packetRing.js';

/** The frames a ring holds, oldest first, as [genPs, bytes, vm, readyPs]. */
export function ringContents(ring: PacketRing): number[][] {
  return Array.from({ length: ring.size }, (_, i) => {
    const base = ring.baseAt(i);
    const meta = ring.metaAt(base);
    return [
      ringGenPs(ring.words, base),
      meta & FRAME_BYTES_MASK,
      meta >> FRAME_VM_SHIFT,
      ringTimePs(ring.words, base),
    ];
  });
}

/** The pages a ring holds now (where each starts in its words): its page table's entries that name one. */
export function ringPages(ring: PacketRing): number[] {
  const pages: number[] = [];
  for (let entry = 0; entry < ring.limit / PAGE_SLOTS; entry++) {
    const page = ring.words[ring.tableAt + entry]!;
    if (page > 0) pages.push(page);
  }
  return pages;
}
