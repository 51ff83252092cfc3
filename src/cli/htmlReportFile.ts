import { readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { renderHtmlReport } from '../report/html/renderHtmlReport.js';
import { parseResultText, type ReportFile } from '../report/parseResultText.js';
import type { ReportInput } from '../report/reportInput.js';
import type { CliIo } from './cliIo.js';
import { writeOutput } from './outputOptions.js';
import { errorCode } from './outputFault.js';
import { absolutePath } from './outputPath.js';
import type { StdinReader } from './readScenarioSource.js';
import { TOOL_NAME, toolVersion } from './toolVersion.js';
import { UsageError } from './usageError.js';

/** Result files larger than this are refused: a sweep of 1000 runs × 4096 VMs stays well below. */
const MAX_RESULT_BYTES = 512 * 1024 * 1024;

export interface ChartLibrary {
  readonly source: string;
  /** `Chart.js 4.6.1` */
  readonly label: string;
}

let cachedLibrary: Promise<ChartLibrary> | undefined;

/**
 * Chart.js's browser build (UMD, minified) from node_modules, to inline in HTML reports. The
 * package's exports map has no entry for it, so it is found beside the package's main file.
 */
function readChartLibrary(): Promise<ChartLibrary> {
  cachedLibrary ??= (async () => {
    const require = createRequire(import.meta.url);
    const dist = dirname(require.resolve('chart.js'));
    const build = await readFile(join(dist, 'chart.umd.min.js'), 'utf8');
    // The MIT licence asks for its notice with every copy: the page is one.
    const licence = await readFile(join(dist, '..', 'LICENSE.md'), 'utf8').catch(() => '');
    const source =
      licence === ''
        ? build
        : `/*! Chart.js licence:\n${licence.replaceAll('*/', '* /').trim()}\n*/\n${build}`;
    const version = /Chart\.js v(\d+\.\d+\.\d+)/.exec(build)?.[1];
    return { source, label: version === undefined ? 'Chart.js' : `Chart.js ${version}` };
  })();
  return cachedLibrary;
}

/**
 * Render the HTML report and write it atomically to `outputPath`. `flag` names the option in an
 * error (`--output`, `--report`): an unwritable path is bad input, exit 2.
 */
export async function writeHtmlReport(
  input: ReportInput,
  outputPath: string,
  io: CliIo,
  settings: { readonly flag: string; readonly sourceName?: string },
): Promise<void> {
  const library = await readChartLibrary();
  const html = renderHtmlReport(input, {
    chartLibrarySource: library.source,
    chartLibraryLabel: library.label,
    generator: `${TOOL_NAME} ${toolVersion()}`,
    ...(settings.sourceName === undefined ? {} : { sourceName: settings.sourceName }),
  });
  await writeOutput(html, io, { outputPath, flag: settings.flag, wrote: 'HTML report' });
}

/**
 * Read and check a result file (a JSON result, an NDJSON stream of runs, or an RFC 2544 result);
 * `-` is standard input. Anything unreadable, truncated or foreign is a UsageError naming the file
 * and the fix.
 */
export async function readReportFile(file: string, io: CliIo, readStdin: StdinReader): Promise<ReportFile> {
  const sourceName = file === '-' ? '<stdin>' : file;
  let bytes: Uint8Array;
  if (file === '-') {
    bytes = await readStdin(MAX_RESULT_BYTES);
  } else {
    const path = absolutePath(file, io);
    try {
      const info = await stat(path);
      if (info.isDirectory())
        throw new UsageError(`${file} is a directory; name a result file (.json or .ndjson)`);
      if (info.size > MAX_RESULT_BYTES) {
        throw new UsageError(
          `${file} is ${info.size} bytes, over the ${MAX_RESULT_BYTES}-byte limit for result files`,
        );
      }
      bytes = await readFile(path);
    } catch (error) {
      if (error instanceof UsageError) throw error;
      throw new UsageError(`cannot read ${file}: ${readErrorReason(error)}`);
    }
  }
  if (bytes.length > MAX_RESULT_BYTES) {
    throw new UsageError(`${sourceName} is over the ${MAX_RESULT_BYTES}-byte limit for result files`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new UsageError(`${sourceName} is not UTF-8 text; expected a result from nicvirt … --format json`);
  }
  const parsed = parseResultText(text, sourceName);
  if (parsed.ok) return parsed.value;
  const [first] = parsed.problems;
  const message =
    parsed.problems.length === 1 && first !== undefined
      ? first.message.startsWith(sourceName)
        ? first.message
        : `${sourceName}: ${first.message}`
      : `${parsed.problems.length} problems in ${sourceName}:`;
  throw new UsageError(message, parsed.problems.length > 1 ? parsed.problems : []);
}

function readErrorReason(error: unknown): string {
  const code = errorCode(error);
  switch (code) {
    case 'ENOENT':
      return 'no such file; write one with nicvirt bench --mode all --format json --output results.json';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    default:
      return code === '' ? (error instanceof Error ? error.message : String(error)) : code;
  }
}
