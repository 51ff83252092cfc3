import type { Rng } from '../sim/rng.js';
import type { FrameSpec } from '../scenario/scenarioConfig.js';
import { frameSizes } from './frameMix.js';

/** The frame size when every frame has the same one (no random draws), else null. */
export function fixedFrameBytes(spec: FrameSpec): number | null {
  const sizes = frameSizes(spec);
  return sizes.length === 1 ? sizes[0]!.bytes : null;
}

/** The size of the next frame: fixed, or drawn from a weighted mix. */
export function makeFramePicker(spec: FrameSpec, random: Rng): () => number {
  const sizes = frameSizes(spec);
  if (sizes.length === 1) {
    const bytes = sizes[0]!.bytes;
    return () => bytes;
  }
  const total = sizes.reduce((sum, size) => sum + size.weight, 0);
  const cumulative: number[] = [];
  let running = 0;
  for (const size of sizes) {
    running += size.weight / total;
    cumulative.push(running);
  }
  const bytes = sizes.map((size) => size.bytes);
  return () => {
    const u = random.nextFloat();
    for (let i = 0; i < cumulative.length; i++) if (u < cumulative[i]!) return bytes[i]!;
    return bytes[bytes.length - 1]!;
  };
}
