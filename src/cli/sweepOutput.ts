import { closeSync, openSync, readSync, fstatSync, writeSync } from 'node:fs';
import { formatSweepTable } from '../report/formatSweepTable.js';
import { REPORT_FORMATS, type ReportFormatter } from '../report/reportFormats.js';
import type { BenchResult } from '../run/runResult.js';
import type { CliIo } from './cliIo.js';
import { writeOutput, type ReportSettings } from './outputOptions.js';
import { OutputFault } from './outputFault.js';
import { outputWriteError } from './outputPath.js';
import { UsageError } from './usageError.js';

/** A sweep's or merge's result in the chosen format: `table` is one row per point, plus knees. */
function formatSweepResult(result: BenchResult, settings: ReportSettings): string {
  if (settings.format === 'table') return formatSweepTable(result, { color: settings.color });
  const formatter: ReportFormatter = REPORT_FORMATS[settings.format];
  return formatter(result, { color: settings.color });
}

/** Format a sweep's result (formatSweepResult) and write it to stdout or, atomically, to --output. */
export async function emitSweepResult(
  result: BenchResult,
  settings: ReportSettings,
  io: CliIo,
): Promise<void> {
  await writeOutput(formatSweepResult(result, settings), io, {
    outputPath: settings.outputPath,
    wrote: settings.format,
  });
}

/** Where NDJSON lines go as points finish: stdout, or a file written (and flushed) line by line. */
export interface LineSink {
  readonly write: (line: string) => void;
  readonly close: () => void;
}

/**
 * An NDJSON sink. A file is opened for writing (truncated), or for appending when it is the file
 * being resumed, so every finished point is on disk as soon as it finishes and an interrupted sweep
 * loses nothing that finished.
 */
export function openLineSink(io: CliIo, path: string | undefined, append: boolean): LineSink {
  if (path === undefined) {
    return {
      write: (line) => {
        // The reader went away (`| head -1`): stop the sweep rather than simulate for nobody.
        if (io.stdoutClosed?.() === true) throw new OutputFault('standard output', { code: 'EPIPE' });
        io.stdout(line);
      },
      close: () => undefined,
    };
  }
  let fd: number;
  try {
    fd = openSync(path, append ? 'a+' : 'w');
    if (append) {
      const size = fstatSync(fd).size;
      if (size > 0) {
        const last = Buffer.alloc(1);
        readSync(fd, last, 0, 1, size - 1);
        if (last.toString('utf8') !== '\n') writeSync(fd, '\n');
      }
    }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new UsageError(
      `--output: cannot write ${path}: ${reason}. Example: nicvirt sweep --vms 1,2 --format ndjson --output results.ndjson`,
    );
  }
  let open = true;
  return {
    write: (line) => {
      try {
        writeSync(fd, line);
      } catch (error) {
        throw outputWriteError('--output', path, error);
      }
    },
    close: () => {
      if (open) closeSync(fd);
      open = false;
    },
  };
}
