import { accessSync, constants, statSync, type Stats } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { describeWriteError, errorCode, OutputFault } from './outputFault.js';
import { UsageError } from './usageError.js';

/** Codes that mean the path itself is wrong (exit 2), not that the system failed to write (exit 1). */
const PATH_PROBLEMS = new Set([
  'ENOENT',
  'ENOTDIR',
  'EISDIR',
  'EACCES',
  'EPERM',
  'EROFS',
  'ENAMETOOLONG',
  'ELOOP',
  'EINVAL',
  'ENOTREG',
]);

/**
 * Check, before any simulation runs, that `path` can be written the way writeFileAtomic writes it
 * (a temporary file in the same directory, renamed over the target): the directory exists and is
 * writable, and the target, if it exists, is a writable regular file. A problem is a UsageError
 * (exit 2) naming the flag, the path and a fix, so a long run never ends in an unwritable file.
 * A file or directory with no write permission bit counts as read-only even for root.
 */
export function checkOutputPath(path: string, flag: string, example: string): void {
  const fail = (reason: string): never => {
    throw new UsageError(`${flag}: cannot write ${path}: ${reason}. Example: ${example}`);
  };
  const directory = dirname(path);
  let directoryInfo: Stats;
  try {
    directoryInfo = statSync(directory);
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ENOENT')
      fail(
        `the directory ${directory} does not exist; create it (mkdir -p ${directory}) or choose another path`,
      );
    fail(`cannot reach the directory ${directory}: ${describeWriteError(error)}`);
    return;
  }
  if (!directoryInfo.isDirectory()) fail(`${directory} is not a directory`);
  if (!writable(directory, directoryInfo)) {
    fail(
      `the directory ${directory} is not writable (the file is written beside its target, then renamed); choose another directory`,
    );
  }
  let target: Stats;
  try {
    target = statSync(path);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return;
    fail(describeWriteError(error));
    return;
  }
  if (target.isDirectory()) fail('it is a directory; name a file inside it');
  if (!target.isFile()) {
    fail(
      'it is not a regular file (a device, pipe or socket); to write to standard output, leave out the flag',
    );
  }
  if (!writable(path, target))
    fail(`the file is read-only; make it writable (chmod u+w ${path}) or choose another path`);
}

function writable(path: string, info: Stats): boolean {
  if ((info.mode & 0o222) === 0) return false;
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * A failed write of an output file as the error main() reports: a path problem (missing directory,
 * permissions, read-only file system) is a UsageError, exit 2; anything else (a full disk, an I/O
 * error) an OutputFault, exit 1. Both name the flag and the path.
 */
export function outputWriteError(flag: string, path: string, error: unknown): Error {
  if (error instanceof OutputFault || error instanceof UsageError) return error;
  if (PATH_PROBLEMS.has(errorCode(error))) {
    return new UsageError(`${flag}: cannot write ${path}: ${describeWriteError(error)}`);
  }
  return new OutputFault(`${path} (${flag})`, error);
}

/** An absolute path for a file argument, relative names resolved against the CLI's working directory. */
export function absolutePath(file: string, io: { readonly cwd: string }): string {
  return isAbsolute(file) ? file : resolve(io.cwd, file);
}

export interface OutputPathSettings {
  /** The option, for messages; default `--output`. */
  readonly flag?: string;
  /** A command that works, shown when the value is blank (and by checkOutputPath). */
  readonly example: string;
  /** Check with checkOutputPath now, before anything runs (default false). */
  readonly check?: boolean;
  /** Trim the value before using it (default false: only the blank check trims). */
  readonly trim?: boolean;
}

/**
 * The absolute path of an output-file option, or undefined when it was not given. A blank value is
 * a UsageError naming the flag and an example; with `check`, the path is checked to be writable
 * (checkOutputPath) before any work runs.
 */
export function outputPathArgument(
  raw: unknown,
  io: { readonly cwd: string },
  settings: OutputPathSettings,
): string | undefined {
  if (raw === undefined) return undefined;
  const flag = settings.flag ?? '--output';
  const text = settings.trim === true ? String(raw).trim() : String(raw);
  if (text.trim() === '') {
    throw new UsageError(`${flag} expects a file name (got ""). Example: ${settings.example}`);
  }
  const path = absolutePath(text, io);
  if (settings.check === true) checkOutputPath(path, flag, settings.example);
  return path;
}
