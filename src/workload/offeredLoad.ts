import type { FrameSpec, LoadSpec } from '../scenario/scenarioConfig.js';
import { lineRatePps, meanFrameBytes } from './frameMix.js';

/** Offered frames per second for one direction, all VMs together. */
export function offeredPps(load: LoadSpec, linkGbps: number, frame: FrameSpec): number {
  switch (load.unit) {
    case 'percent':
      return (load.value / 100) * lineRatePps(linkGbps, frame);
    case 'gbps':
      return (load.value * 1e9) / (meanFrameBytes(frame) * 8);
    case 'mpps':
      return load.value * 1e6;
  }
}

/** Offered load as a fraction of line rate (1 = line rate). */
export function offeredFractionOfLineRate(load: LoadSpec, linkGbps: number, frame: FrameSpec): number {
  return offeredPps(load, linkGbps, frame) / lineRatePps(linkGbps, frame);
}

export function loadLabel(load: LoadSpec): string {
  switch (load.unit) {
    case 'percent':
      return `${load.value}%`;
    case 'gbps':
      return `${load.value}gbps`;
    case 'mpps':
      return `${load.value}mpps`;
  }
}
