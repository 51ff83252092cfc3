import type { CliIo } from './cliIo.js';
import { stepProgress } from './sweepProgress.js';

/** Progress of an RFC 2544 run on stderr, one step per finished search (mode × frame size). */
export interface Rfc2544Progress {
  /** A search finished; `line` describes it for the plain (non-terminal) output. */
  readonly searchDone: (line: string) => void;
  readonly stop: () => void;
}

/** A bar with ETA on a terminal, one plain line per finished search otherwise (see stepProgress). */
export function rfc2544Progress(io: CliIo, total: number): Rfc2544Progress {
  const progress = stepProgress(io, total, 'rfc2544', 'searches');
  return { searchDone: progress.stepDone, stop: progress.stop };
}
