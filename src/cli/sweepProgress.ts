import { createRequire } from 'node:module';
import type CliProgress from 'cli-progress';
import type { CliIo } from './cliIo.js';

/** Whether `CI` is set to anything but empty, `0` or `false`. */
export function inCi(io: CliIo): boolean {
  const value = io.env['CI'];
  return value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';
}

/** Progress over a known number of steps on stderr. */
export interface StepProgress {
  /** A step finished; `line` describes it for the plain (non-terminal) output. */
  readonly stepDone: (line: string) => void;
  readonly stop: () => void;
}

/**
 * A progress bar with ETA (cli-progress) when stderr is a terminal and CI is not set; otherwise one
 * plain line per finished step, `nicvirt: [3/42] …`, nothing animated. stdout is never touched.
 * `label` and `unit` name the bar: `sweep [███░░] 3/42 points`.
 */
export function stepProgress(io: CliIo, total: number, label: string, unit: string): StepProgress {
  if (total === 0) return { stepDone: () => undefined, stop: () => undefined };
  if (!io.stderrIsTty || inCi(io)) {
    let done = 0;
    return {
      stepDone: (line) => {
        done += 1;
        io.stderr(`nicvirt: [${done}/${total}] ${line}\n`);
      },
      stop: () => undefined,
    };
  }
  const stream = {
    isTTY: true,
    columns: 80,
    write: (text: string): boolean => {
      io.stderr(text);
      return true;
    },
  };
  // cli-progress only when a bar is drawn (a terminal), not at start-up: see main.ts.
  const cliProgress = createRequire(import.meta.url)('cli-progress') as typeof CliProgress;
  const bar = new cliProgress.SingleBar(
    {
      stream: stream as unknown as NodeJS.WritableStream,
      format: `${label} [{bar}] {value}/{total} ${unit} · {percentage}% · ETA {eta_formatted}`,
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 20,
      fps: 5,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return {
    stepDone: () => bar.increment(),
    stop: () => bar.stop(),
  };
}
