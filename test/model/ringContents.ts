import {
  FRAME_BYTES_MASK,
  FRAME_VM_SHIFT,
  type PacketRing,
  RING_META,
  ringGenPs,
  ringTimePs,
} from '../../src/model/packetRing.js';

/** The frames a ring holds, oldest first, as [genPs, bytes, vm, readyPs]. */
export function ringContents(ring: PacketRing): number[][] {
  return Array.from({ length: ring.size }, (_, i) => {
    const base = ring.baseAt(i);
    const meta = ring.words[base + RING_META]!;
    return [
      ringGenPs(ring.words, base),
      meta & FRAME_BYTES_MASK,
      meta >> FRAME_VM_SHIFT,
      ringTimePs(ring.words, base),
    ];
  });
}
