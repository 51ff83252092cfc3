import type { FrameSizeWeight, FrameSpec } from '../scenario/scenarioConfig.js';

/** Bytes added on the wire to every frame: 8 B preamble + SFD and 12 B inter-frame gap. */
export const WIRE_OVERHEAD_BYTES = 20;
export const MIN_FRAME_BYTES = 64;
export const MAX_FRAME_BYTES = 9018;

/** The simple IMIX: 64, 570 and 1518 B frames in 7:4:1. */
export const IMIX_SIZES: readonly FrameSizeWeight[] = [
  { bytes: 64, weight: 7 },
  { bytes: 570, weight: 4 },
  { bytes: 1518, weight: 1 },
];

export function frameSizes(spec: FrameSpec): readonly FrameSizeWeight[] {
  switch (spec.kind) {
    case 'fixed':
      return [{ bytes: spec.bytes, weight: 1 }];
    case 'imix':
      return IMIX_SIZES;
    case 'mix':
      return spec.sizes;
  }
}

/** Mean L2 frame size of a mix, bytes. */
export function meanFrameBytes(spec: FrameSpec): number {
  const sizes = frameSizes(spec);
  let weighted = 0;
  let total = 0;
  for (const { bytes, weight } of sizes) {
    weighted += bytes * weight;
    total += weight;
  }
  return weighted / total;
}

/** Frames per second a link carries at line rate for a frame mix (mean wire bytes per frame). */
export function lineRatePps(linkGbps: number, spec: FrameSpec): number {
  return (linkGbps * 1e9) / ((meanFrameBytes(spec) + WIRE_OVERHEAD_BYTES) * 8);
}

/** L2 Gbit/s a link carries at line rate for a frame mix. */
export function lineRateL2Gbps(linkGbps: number, spec: FrameSpec): number {
  return (lineRatePps(linkGbps, spec) * meanFrameBytes(spec) * 8) / 1e9;
}

/** Human label: `1518`, `imix`, or `mix(64:7,1518:1)`. */
export function frameLabel(spec: FrameSpec): string {
  switch (spec.kind) {
    case 'fixed':
      return String(spec.bytes);
    case 'imix':
      return 'imix';
    case 'mix':
      return `mix(${spec.sizes.map((size) => `${size.bytes}:${size.weight}`).join(',')})`;
  }
}

/** A frame label for people: `1518 B` for a fixed size (a label of digits only), else as is (`imix`). */
export function frameSizeText(label: string): string {
  return /^\d+$/.test(label) ? `${label} B` : label;
}

/** A frame spec for people: `1518 B`, `imix`, or `mix(64:7,1518:1)`. */
export function frameText(spec: FrameSpec): string {
  return frameSizeText(frameLabel(spec));
}
