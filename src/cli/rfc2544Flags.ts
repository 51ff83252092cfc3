import { DEFAULT_BURST_SEARCH } from '../rfc2544/searchBurst.js';
import { DEFAULT_THROUGHPUT_SEARCH } from '../rfc2544/searchThroughput.js';
import { MODE_IDS, type FrameSpec, type ModeId } from '../scenario/scenarioConfig.js';
import { MAX_FRAME_BYTES, MIN_FRAME_BYTES } from '../workload/frameMix.js';
import { parseFrameSize, parseMode } from './scenarioFlags.js';
import { UsageError } from './usageError.js';

export const RFC2544_PREFIX = 'nicvirt rfc2544';

/** RFC 2544's standard frame sizes plus the simple IMIX. */
export const DEFAULT_RFC2544_FRAMES = '64,128,256,512,1024,1280,1518,imix';

export const MAX_JOBS = 1024;

const NUMBER = String.raw`[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?`;
const PERCENT_PATTERN = new RegExp(`^(${NUMBER})\\s*%?$`, 'i');

/** One paragraph: the flag, what it accepts, what was given, a command that works. */
function flagError(flag: string, accepted: string, raw: string, example: string): UsageError {
  return new UsageError(`${flag} expects ${accepted} (got "${raw}"). Example: ${RFC2544_PREFIX} ${example}`);
}

/** `all` (every mode), one mode, or a comma-separated list; `undefined` (not given) means all. */
export function parseRfc2544Modes(raw: string | undefined): {
  readonly modes: readonly ModeId[];
  readonly all: boolean;
} {
  if (raw === undefined) return { modes: MODE_IDS, all: true };
  const modes: ModeId[] = [];
  for (const part of raw.split(',')) {
    const mode = parseMode(part);
    if (mode === 'all' && raw.split(',').length === 1) return { modes: MODE_IDS, all: true };
    if (mode === undefined || mode === 'all') {
      throw flagError(
        '--mode',
        `all, or one or more of ${MODE_IDS.join(', ')} separated by commas`,
        raw,
        '--mode paravirt,sriov',
      );
    }
    if (!modes.includes(mode)) modes.push(mode);
  }
  return { modes, all: false };
}

/**
 * `64,128,imix`: frame sizes to search, in order (duplicates dropped). A value with `:` is one
 * weighted mix (`64:7,1518:1`), since its commas separate the mix's sizes. Range checks are
 * resolveScenario's, reported against --frame-size.
 */
export function parseRfc2544Frames(raw: string | undefined): readonly FrameSpec[] {
  const text = raw ?? DEFAULT_RFC2544_FRAMES;
  const accepted = `frame sizes in bytes (${MIN_FRAME_BYTES}-${MAX_FRAME_BYTES}) or imix, separated by commas, or one mix such as 64:7,1518:1`;
  if (text.includes(':')) {
    const mix = parseFrameSize(text);
    if (!mix) throw flagError('--frame-size', accepted, text, '--frame-size 64,1518,imix');
    return [mix];
  }
  const frames: FrameSpec[] = [];
  const seen = new Set<string>();
  for (const part of text.split(',')) {
    const frame = part.trim() === '' ? undefined : parseFrameSize(part);
    if (!frame) throw flagError('--frame-size', accepted, text, '--frame-size 64,1518,imix');
    const key = JSON.stringify(frame);
    if (!seen.has(key)) frames.push(frame);
    seen.add(key);
  }
  return frames;
}

/**
 * A loss ratio or precision given in percent: `0.1%` or a bare `0.1` (as --load reads a bare
 * number as percent). Returns the 0..1 fraction.
 */
export function parsePercentFlag(
  flag: string,
  raw: string | undefined,
  fallback: number,
  range: { readonly min: number; readonly max: number; readonly example: string },
): number {
  if (raw === undefined) return fallback;
  const match = PERCENT_PATTERN.exec(raw.trim());
  const percent = match?.[1] === undefined ? Number.NaN : Number(match[1]);
  if (!(percent >= range.min && percent <= range.max)) {
    throw flagError(
      flag,
      `a percentage from ${range.min}% to ${range.max}% (e.g. 0.1% or a bare 0.1)`,
      raw,
      `${flag} ${range.example}`,
    );
  }
  return percent / 100;
}

/** A whole number in [min, max]. */
export function parseWholeFlag(
  flag: string,
  raw: string | undefined,
  fallback: number,
  range: { readonly min: number; readonly max: number; readonly what: string; readonly example: string },
): number {
  if (raw === undefined) return fallback;
  const text = raw.trim().replaceAll('_', '');
  const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!(value >= range.min && value <= range.max)) {
    throw flagError(
      flag,
      `a whole number of ${range.what} from ${range.min} to ${range.max}`,
      raw,
      `${flag} ${range.example}`,
    );
  }
  return value;
}

/** `--trial-frames auto` (the rule) or a whole number of frames. */
export function parseTrialFrames(raw: string | undefined): number | null {
  if (raw === undefined || raw.trim().toLowerCase() === 'auto') return null;
  return parseWholeFlag('--trial-frames', raw, 0, {
    min: 100,
    max: 100_000_000,
    what: 'frames per trial, or auto (the rule in --help)',
    example: '1000000',
  });
}

export const RFC2544_DEFAULTS = {
  ndrLossPct: DEFAULT_THROUGHPUT_SEARCH.ndrLossRatio * 100,
  pdrLossPct: DEFAULT_THROUGHPUT_SEARCH.pdrLossRatio * 100,
  precisionPct: DEFAULT_THROUGHPUT_SEARCH.precision * 100,
  maxTrials: DEFAULT_THROUGHPUT_SEARCH.maxTrials,
  burstMaxFrames: DEFAULT_BURST_SEARCH.maxFrames,
} as const;
