import {
  decodeScenarioBytes,
  MAX_SCENARIO_BYTES,
  readScenarioFile,
  STDIN_SOURCE,
} from '../scenario/loadScenarioFile.js';
import type { LocatedResult } from '../scenario/locatedResult.js';
import type { CliIo } from './cliIo.js';

/** Reads standard input up to `maxBytes` (+1, so callers can tell it was over the cap). */
export type StdinReader = (maxBytes: number) => Promise<Uint8Array>;

export interface ScenarioSource {
  /** As the user named it, or `<stdin>`. */
  readonly source: string;
  readonly text: string;
}

/** `-` is standard input (format sniffed from the content); anything else a file under io.cwd. */
export async function readScenarioSource(
  argument: string,
  io: CliIo,
  readStdin: StdinReader,
): Promise<LocatedResult<ScenarioSource>> {
  if (argument === '-') {
    const bytes = await readStdin(MAX_SCENARIO_BYTES);
    const decoded = decodeScenarioBytes(bytes, STDIN_SOURCE);
    return decoded.ok ? { ok: true, value: { source: STDIN_SOURCE, text: decoded.value } } : decoded;
  }
  const text = await readScenarioFile(argument, io.cwd);
  return text.ok ? { ok: true, value: { source: argument, text: text.value } } : text;
}

/** The real standard input, read to its end or just past `maxBytes`. */
export async function readProcessStdin(maxBytes: number): Promise<Uint8Array> {
  if (process.stdin.isTTY)
    process.stderr.write('nicvirt: reading a scenario from standard input (end with Ctrl-D)\n');
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of process.stdin) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    chunks.push(buffer);
    total += buffer.length;
    if (total > maxBytes) break;
  }
  return Buffer.concat(chunks);
}
