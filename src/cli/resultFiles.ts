import { readFile } from 'node:fs/promises';
import { RESULT_SCHEMA_VERSION } from '../run/runResult.js';
import { parseResults, type ParsedResults } from '../sweep/parseResults.js';
import type { CliIo } from './cliIo.js';
import { absolutePath } from './outputPath.js';
import { UsageError } from './usageError.js';

export interface ReadResultSettings {
  /** Who reads it, for messages: `nicvirt merge`, `--resume`. */
  readonly reader: string;
  /** A command that works, for the fix-it part of messages. */
  readonly example: string;
  /** A missing file reads as no runs (for --resume's first run) instead of an error. */
  readonly missingOk?: boolean;
  /** Refuse a schemaVersion other than this nicvirt's (default); merge compares files itself. */
  readonly checkVersion?: boolean;
}

/**
 * Read a result file (JSON or NDJSON) as runs, or throw a UsageError (exit 2) that names the file
 * and says what to do: missing files, truncated lines, foreign JSON, newer schema versions.
 */
export async function readResultFile(
  file: string,
  io: CliIo,
  settings: ReadResultSettings,
): Promise<ParsedResults> {
  let text: string;
  try {
    text = await readFile(absolutePath(file, io), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && settings.missingOk === true)
      return { format: 'ndjson', schemaVersion: undefined, runs: [] };
    const reason =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a directory'
          : error instanceof Error
            ? error.message
            : String(error);
    throw new UsageError(`${settings.reader}: cannot read ${file}: ${reason}. Example: ${settings.example}`);
  }
  const parsed = parseResults(text);
  if (!parsed.ok) {
    throw new UsageError(
      `${settings.reader}: ${file}: ${parsed.reason}. Fix or remove that line (e.g. delete a cut-off last line), or write the file again with --format json or ndjson. Example: ${settings.example}`,
    );
  }
  const version = parsed.value.schemaVersion;
  if (settings.checkVersion !== false && version !== undefined && version !== RESULT_SCHEMA_VERSION) {
    throw new UsageError(
      `${settings.reader}: ${file} has schemaVersion ${version}, but this nicvirt reads and writes schemaVersion ${RESULT_SCHEMA_VERSION}; produce it again with this nicvirt. Example: ${settings.example}`,
    );
  }
  return parsed.value;
}
