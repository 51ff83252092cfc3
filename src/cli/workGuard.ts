import type { Command } from 'commander';
import {
  DEFAULT_MAX_PACKETS,
  FRAMES_PER_VM_SETUP,
  PLANNING_FRAMES_PER_SECOND,
  estimateWork,
  wallSeconds,
  type WorkEstimate,
} from '../run/estimateWork.js';
import type { ScenarioConfig } from '../scenario/scenarioConfig.js';
import { formatCount } from '../report/formatNumbers.js';
import { TOOL_NAME } from './toolVersion.js';
import { UsageError } from './usageError.js';

const FLAG = '--max-packets';

/** `--max-packets <n>` on a command that simulates. */
export function addMaxPacketsOption(command: Command): Command {
  return command.option(
    `${FLAG} <n>`,
    `refuse to start when the runs would simulate more than N frames in total, warm-up included, each VM built counting as ${FRAMES_PER_VM_SETUP} (default ${formatCount(DEFAULT_MAX_PACKETS)}; the refusal says how long it would take)`,
  );
}

/** The `--max-packets` value of a command declared with addMaxPacketsOption, or the default. */
export function maxPacketsFromOptions(command: Command, commandPrefix: string): number {
  const raw: unknown = command.opts()['maxPackets'];
  if (raw === undefined) return DEFAULT_MAX_PACKETS;
  const text = String(raw).trim();
  const value = parseWholeNumber(text);
  if (value === undefined || value < 1) {
    throw new UsageError(
      `${FLAG} expects a whole number of frames, 1 or more, such as 200000000 or 2e8 (got "${String(raw)}"); the default is ${formatCount(DEFAULT_MAX_PACKETS)}. Example: ${commandPrefix} ${FLAG} 200000000`,
    );
  }
  return value;
}

/** `50000000`, `50_000_000`, `50,000,000` or `5e7`; undefined for anything else or beyond 2^53. */
function parseWholeNumber(text: string): number | undefined {
  let value: number;
  if (/^\d{1,3}(?:([_,])\d{3})?(?:\1\d{3})*$/.test(text) || /^\d+$/.test(text)) {
    value = Number(text.replace(/[_,]/g, ''));
  } else if (/^\d+(?:\.\d+)?e\+?\d+$/i.test(text)) {
    value = Number(text);
  } else {
    return undefined;
  }
  return Number.isSafeInteger(value) ? value : undefined;
}

/**
 * The arguments as typed after `nicvirt` (commander keeps the program's raw argv, untyped), for a
 * fix-it example that repeats the command; just the command's name when they are not available.
 */
export function typedArgv(command: Command): readonly string[] {
  let root: Command = command;
  while (root.parent) root = root.parent;
  const raw = (root as unknown as { rawArgs?: unknown }).rawArgs;
  if (Array.isArray(raw) && raw.length > 2 && raw.every((arg) => typeof arg === 'string')) {
    return (raw as string[]).slice(2);
  }
  return [command.name()];
}

export interface WorkGuardSettings {
  readonly maxPackets: number;
  /** The command as typed, for the fix-it example (commander's rawArgs of the program). */
  readonly argv: readonly string[];
  /** `bench`, `run`, `sweep`: names the command in the message. */
  readonly commandName: string;
  /** What one run is called: `run`, `point`. */
  readonly unit?: string;
  /** Runs simulated at once (sweep workers); the time estimate divides by it. */
  readonly parallel?: number;
}

/**
 * Refuse, before anything runs, a command whose runs would simulate more frames than the cap. The
 * message gives the estimate (frames, events), the expected wall time at the planning speed and the
 * command again with `--max-packets` raised. Returns the estimate when the work is within the cap.
 */
export function guardWork(configs: readonly ScenarioConfig[], settings: WorkGuardSettings): WorkEstimate {
  const estimate = estimateWork(configs);
  if (estimate.workFrames <= settings.maxPackets) return estimate;
  const unit = settings.unit ?? 'run';
  const parallel = Math.max(1, Math.min(settings.parallel ?? 1, estimate.runs));
  const seconds = wallSeconds(estimate, parallel);
  const runs = `${formatCount(estimate.runs)} ${unit}${estimate.runs === 1 ? '' : 's'}`;
  const lanes = parallel > 1 ? ` on ${parallel} workers` : '';
  const setupFrames = estimate.workFrames - estimate.frames;
  // Building VMs counts too (FRAMES_PER_VM_SETUP each); say so when it is a real part of the work.
  const setup =
    setupFrames > 0.1 * estimate.workFrames
      ? ` and build ${formatCount(estimate.vms)} VMs (counted as ${FRAMES_PER_VM_SETUP} frames each: ${formatCount(estimate.workFrames)} in all)`
      : '';
  const fewer = setup === '' ? 'run fewer modes or points' : 'run fewer modes, points or VMs';
  throw new UsageError(
    `${FLAG}: this ${settings.commandName} would simulate about ${formatCount(estimate.frames)} frames${setup} in ${runs} (up to ${roughly(estimate.events)} events), over the limit of ${formatCount(settings.maxPackets)} frames per command. At a cautious ${PLANNING_FRAMES_PER_SECOND / 1e6} M frames/s (npm run bench:sim measures the engine 3 to 40 times faster, by mode and frame size) that would take ${durationText(seconds)}${lanes}. Shorten --duration or --warmup, lower --load, or ${fewer}; or raise the limit to run it anyway. Example: ${exampleWithLimit(settings.argv, suggestedLimit(estimate.workFrames))}`,
  );
}

/** The estimate rounded up to two significant digits: a limit that lets this command run. */
export function suggestedLimit(frames: number): number {
  if (frames < 100) return Math.max(1, Math.ceil(frames));
  const scale = 10 ** (Math.floor(Math.log10(frames)) - 1);
  return Math.ceil(frames / scale) * scale;
}

/** The typed command with `--max-packets N` set (replacing a typed value), shell-quoted. */
function exampleWithLimit(argv: readonly string[], limit: number): string {
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === FLAG) {
      i++;
      continue;
    }
    if (arg.startsWith(`${FLAG}=`)) continue;
    args.push(arg);
  }
  return [TOOL_NAME, ...args, FLAG, String(limit)].map(shellWord).join(' ');
}

function shellWord(word: string): string {
  if (/^[\w@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replaceAll("'", `'\\''`)}'`;
}

/** `about 40 s`, `about 12 min`, `about 2.5 hours`, `about 3 days`. */
export function durationText(seconds: number): string {
  if (seconds < 1) return 'under a second';
  if (seconds < 90) return `about ${Math.round(seconds)} s`;
  const minutes = seconds / 60;
  if (minutes < 90) return `about ${Math.round(minutes)} min`;
  const hours = minutes / 60;
  if (hours < 48) return `about ${Number(hours.toPrecision(2))} hours`;
  const days = hours / 24;
  return `about ${formatCount(Math.round(days))} days`;
}

/** Two significant digits, grouped: `45,000,000,000`. */
function roughly(value: number): string {
  if (value < 100) return formatCount(value);
  const scale = 10 ** (Math.floor(Math.log10(value)) - 1);
  return formatCount(Math.round(value / scale) * scale);
}
