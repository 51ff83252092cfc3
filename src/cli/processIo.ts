import type { CliIo } from './cliIo.js';
import { errorCode, isReaderClosedCode } from './outputFault.js';

let installed = false;
/** The first error of process.stdout (EPIPE, ENOSPC, …), kept for the next write or the flush. */
let stdoutError: NodeJS.ErrnoException | undefined;

/**
 * Handle stream errors once per process. Node reports a failed write as an 'error' event (for a
 * file, during the write itself; for a pipe, a tick later); without a listener it crashes with a
 * stack trace. The error is kept instead: a closed pipe (`nicvirt costs | head`) makes stdout
 * discard the rest of the output, and any other error (`> /dev/full`: ENOSPC) is thrown from the
 * next write or from flush(), for main() to report in one line. stderr errors are ignored: there
 * is nowhere left to report them.
 */
function installStreamGuards(): void {
  if (installed) return;
  installed = true;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    stdoutError ??= error;
  });
  process.stderr.on('error', () => undefined);
}

/** The stream's error: Node marks the stream `errored` at once, the 'error' event comes a tick later. */
function currentError(): NodeJS.ErrnoException | undefined {
  stdoutError ??= (process.stdout.errored as NodeJS.ErrnoException | null) ?? undefined;
  return stdoutError;
}

function readerClosed(): boolean {
  return isReaderClosedCode(errorCode(currentError()));
}

/** The real CliIo, built from `process`. */
export function processIo(): CliIo {
  installStreamGuards();
  return {
    stdout: (text) => {
      if (readerClosed()) return;
      const before = currentError();
      if (before) throw before;
      process.stdout.write(text);
      const after = currentError();
      if (after && !readerClosed()) throw after;
    },
    stderr: (text) => {
      process.stderr.write(text);
    },
    stdoutIsTty: process.stdout.isTTY === true,
    stderrIsTty: process.stderr.isTTY === true,
    env: process.env,
    cwd: process.cwd(),
    stdoutClosed: readerClosed,
    flush: () =>
      new Promise<void>((resolve, reject) => {
        const settle = (error?: Error | null): void => {
          if (error) stdoutError ??= error;
          const failed = currentError();
          if (failed && !readerClosed()) reject(failed);
          else resolve();
        };
        if (currentError()) settle();
        else process.stdout.write('', settle);
      }),
  };
}
