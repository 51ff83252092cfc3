import type { CliIo } from './cliIo.js';

/**
 * Writing the results failed for a reason outside nicvirt: standard output closed by its reader
 * (EPIPE, `nicvirt … | head -1`), a full disk (ENOSPC), an I/O error. main() ends quietly with
 * exit 0 for a closed standard output (the reader has what it wanted) and otherwise prints one
 * line naming the destination and the reason and exits 1 — never a stack trace.
 */
export class OutputFault extends Error {
  /** `standard output`, or the file's path. */
  readonly destination: string;
  /** The system error code, e.g. `EPIPE`, `ENOSPC`; empty when there is none. */
  readonly code: string;
  constructor(destination: string, cause: unknown) {
    const code = errorCode(cause);
    super(`cannot write to ${destination}: ${describeWriteError(cause)}`);
    this.name = 'OutputFault';
    this.destination = destination;
    this.code = code;
  }

  /** The reader closed the pipe: not a failure of the command. */
  get readerClosed(): boolean {
    return isReaderClosedCode(this.code);
  }
}

/** Whether a write failed because the reader closed the pipe (or the stream was destroyed). */
export function isReaderClosedCode(code: string): boolean {
  return code === 'EPIPE' || code === 'ERR_STREAM_DESTROYED';
}

export function errorCode(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
}

const REASONS: Readonly<Record<string, string>> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EFBIG: 'file too large',
  EIO: 'input/output error',
  EPIPE: 'the reader closed the pipe',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOENT: 'no such file or directory',
  ENOTDIR: 'a part of the path is not a directory',
  EISDIR: 'it is a directory',
  ENOTREG: 'not a regular file (a device, pipe or socket); leave out the flag to write to standard output',
  EAGAIN: 'the output would block',
};

/** `no space left on the device (ENOSPC)`: the reason in words, then the code. */
export function describeWriteError(error: unknown): string {
  const code = errorCode(error);
  const words = REASONS[code];
  if (words !== undefined) return `${words} (${code})`;
  const message = error instanceof Error ? error.message : String(error);
  return code === '' || message.includes(code) ? message : `${message} (${code})`;
}

/**
 * The CliIo commands see: a throwing `stdout` becomes an OutputFault naming standard output, and a
 * failing `stderr` is ignored (there is nowhere left to report it, and it must not change the exit
 * code of a command whose results went to stdout or a file).
 */
export function guardIo(io: CliIo): CliIo {
  return {
    ...io,
    stdout: (text) => {
      try {
        io.stdout(text);
      } catch (error) {
        throw error instanceof OutputFault ? error : new OutputFault('standard output', error);
      }
    },
    stderr: (text) => {
      try {
        io.stderr(text);
      } catch {
        // Nowhere to report it.
      }
    },
  };
}
