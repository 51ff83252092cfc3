import cliProgress from 'cli-progress';
import type { CliIo } from './cliIo.js';
import { inCi } from './sweepProgress.js';

/** Progress of an RFC 2544 run on stderr, one step per finished search (mode × frame size). */
export interface Rfc2544Progress {
  /** A search finished; `line` describes it for the plain (non-terminal) output. */
  readonly searchDone: (line: string) => void;
  readonly stop: () => void;
}

/**
 * A cli-progress bar with ETA when stderr is a terminal and CI is not set; otherwise one plain line
 * per finished search, `nicvirt: [3/48] …`. stdout is never touched.
 */
export function rfc2544Progress(io: CliIo, total: number): Rfc2544Progress {
  if (total === 0) return { searchDone: () => undefined, stop: () => undefined };
  if (!io.stderrIsTty || inCi(io)) {
    let done = 0;
    return {
      searchDone: (line) => {
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
  const bar = new cliProgress.SingleBar(
    {
      stream: stream as unknown as NodeJS.WritableStream,
      format: 'rfc2544 [{bar}] {value}/{total} searches · {percentage}% · ETA {eta_formatted}',
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 10,
      fps: 5,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return {
    searchDone: () => bar.increment(),
    stop: () => bar.stop(),
  };
}
