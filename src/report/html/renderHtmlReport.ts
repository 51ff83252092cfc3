import { defaultCosts } from '../../model/costTable.js';
import type { RunResult } from '../../run/runResult.js';
import { MODE_IDS } from '../../scenario/scenarioConfig.js';
import { frameSizeText } from '../../workload/frameMix.js';
import { loadLabel } from '../../workload/offeredLoad.js';
import { formatCount, formatPlain, formatSignificant } from '../formatNumbers.js';
import type { ReportInput } from '../reportInput.js';
import { resultColumnsFor } from '../resultsTable.js';
import { MODE_SHORT_LABELS, vmCounts } from '../runSeries.js';
import { CHART_SCRIPT } from './chartScript.js';
import { buildChartSpecs, type ChartSpec } from './chartSpecs.js';
import { escapeHtml, jsonForScript, scriptSourceForInline } from './htmlEscape.js';
import { REPORT_STYLESHEET } from './reportStylesheet.js';

export interface HtmlReportOptions {
  /** The chart library's browser build (Chart.js UMD), inlined so the page needs no network. */
  readonly chartLibrarySource: string;
  /** For the footer, e.g. `Chart.js 4.6.1`. */
  readonly chartLibraryLabel?: string;
  /** The nicvirt that wrote the page, e.g. `nicvirt 0.2.0`, when it may differ from the result's. */
  readonly generator?: string;
  /** The result file the page was made from, as the user named it. */
  readonly sourceName?: string;
}

/**
 * One self-contained HTML page: charts (drawn in the browser by the inlined library from specs
 * embedded as JSON), then the scenario, versions and the table of every run. A pure function of
 * its input: same result, same bytes. Every interpolated string is escaped.
 */
export function renderHtmlReport(input: ReportInput, options: HtmlReportOptions): string {
  const runs = input.result.runs;
  const charts = buildChartSpecs(input);
  const title = reportTitle(runs);
  const description = distinct(runs.map((run) => run.scenario.description)).filter((text) => text !== '');
  const sections = [
    `<section class="charts" aria-label="charts">\n${charts.map(chartFigure).join('\n')}\n</section>`,
    kneeSection(input),
    aboutSection(input),
    resultsSection(runs),
  ].filter((section) => section !== '');
  const footer = [
    options.generator === undefined ? '' : `Made by ${escapeHtml(options.generator)}`,
    options.sourceName === undefined ? '' : `from <code>${escapeHtml(options.sourceName)}</code>`,
  ]
    .filter((part) => part !== '')
    .join(' ');
  const library = options.chartLibraryLabel ?? 'the chart library';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`nicvirt report: ${title}`)}</title>
<style>${REPORT_STYLESHEET}</style>
</head>
<body>
<header>
<h1>${escapeHtml(title)}</h1>
${description.map((text) => `<p class="lede">${escapeHtml(text)}</p>`).join('\n')}
<p class="summary">${escapeHtml(summaryLine(runs))}</p>
</header>
<noscript><p class="notice">The charts need JavaScript; every number is in the results table below.</p></noscript>
<main>
${sections.join('\n')}
</main>
<footer>${footer === '' ? '' : `${footer}. `}Charts drawn with ${escapeHtml(library)} (MIT licence), inlined in this file: the page needs no network.</footer>
<script>
${scriptSourceForInline(options.chartLibrarySource)}
</script>
<script type="application/json" id="nicvirt-report-data">${jsonForScript({ charts })}</script>
<script>
${CHART_SCRIPT}</script>
</body>
</html>
`;
}

function distinct<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

function reportTitle(runs: readonly RunResult[]): string {
  const names = distinct(runs.map((run) => run.scenario.name)).filter((name) => name !== '');
  return names.length === 1 && names[0] !== undefined ? names[0] : 'nicvirt results';
}

function modesOf(runs: readonly RunResult[]): string[] {
  return MODE_IDS.filter((mode) => runs.some((run) => run.mode === mode)).map(
    (mode) => MODE_SHORT_LABELS[mode],
  );
}

function listOrRange(values: readonly number[]): string {
  if (values.length > 8)
    return `${formatCount(values[0] ?? 0)}–${formatCount(values.at(-1) ?? 0)} (${values.length} counts)`;
  return values.map(formatCount).join(', ');
}

function summaryLine(runs: readonly RunResult[]): string {
  return [
    `${runs.length} run${runs.length === 1 ? '' : 's'}`,
    modesOf(runs).join(', '),
    `VMs ${listOrRange(vmCounts(runs))}`,
  ].join(' · ');
}

function chartFigure(chart: ChartSpec): string {
  const label = `${chart.title}: ${chart.datasets.map((set) => set.label).join(', ')}`;
  return `<figure class="chart" id="figure-${escapeHtml(chart.id)}" data-chart="${escapeHtml(chart.id)}" data-expected-series="${chart.datasets.length}">
<h2>${escapeHtml(chart.title)}</h2>
<div class="plot"><canvas id="chart-${escapeHtml(chart.id)}" role="img" aria-label="${escapeHtml(label)}"></canvas></div>
<figcaption>${escapeHtml(chart.caption)}</figcaption>
</figure>`;
}

function kneeSection(input: ReportInput): string {
  if (input.knees.length === 0) return '';
  const rows = input.knees.map(
    (knee) =>
      `<tr><td>${escapeHtml(MODE_SHORT_LABELS[knee.mode])}</td><td>${escapeHtml(knee.workload)}</td><td class="num">${escapeHtml(formatCount(knee.vms))}</td><td class="num">${escapeHtml(formatSignificant(knee.deliveredGbps))}</td><td class="wrap">${escapeHtml(knee.summary)}</td></tr>`,
  );
  return `<section class="knees">
<h2>Knees</h2>
<p>Where each mode’s throughput stops scaling with more VMs (ringed in the throughput chart); modes that scale through every VM count have none.</p>
<div class="table-wrap"><table>
<thead><tr><th scope="col">mode</th><th scope="col">workload</th><th class="num" scope="col">VMs</th><th class="num" scope="col">Gbit/s</th><th scope="col">why</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table></div>
</section>`;
}

/** MODEL_VERSION of the nicvirt that produced the runs: each run's own, else the result's tool's. */
function modelVersions(input: ReportInput): string[] {
  const named = (value: unknown) => (typeof value === 'string' && value !== '' ? [value] : []);
  const fromRuns = input.result.runs.flatMap((run) =>
    named((run as { modelVersion?: unknown }).modelVersion),
  );
  const fromTool = named((input.result.tool as { modelVersion?: unknown }).modelVersion);
  return distinct(fromRuns.length > 0 ? fromRuns : fromTool);
}

/** Cost parameters whose value differs from the built-in default in any run: `name=value`. */
function costOverrides(runs: readonly RunResult[]): string[] {
  const defaults: Readonly<Record<string, number>> = defaultCosts();
  const overrides = new Set<string>();
  for (const run of runs) {
    for (const [name, value] of Object.entries(run.scenario.costs as Readonly<Record<string, number>>)) {
      if (defaults[name] !== value) overrides.add(`${name}=${formatPlain(value)}`);
    }
  }
  return [...overrides].sort();
}

function aboutSection(input: ReportInput): string {
  const { runs, tool, schemaVersion, seed } = input.result;
  const join = (values: readonly string[]) => distinct(values).join(' / ');
  const scenarioNames = distinct(runs.map((run) => run.scenario.name)).filter((name) => name !== '');
  const overrides = costOverrides(runs);
  const frames = distinct(runs.map((run) => frameSizeText(run.frameLabel)));
  const facts: [string, string][] = [
    ['scenario', scenarioNames.length === 0 ? '(unnamed: built from flags)' : scenarioNames.join(' / ')],
    ['modes', modesOf(runs).join(', ')],
    [
      'VMs',
      `${listOrRange(vmCounts(runs))} (× ${join(runs.map((run) => String(run.scenario.vms.vcpus)))} vCPU)`,
    ],
    ['frames', frames.join(', ')],
    [
      'workload',
      join(
        runs.map(
          (run) =>
            `${run.direction}, ${loadLabel(run.scenario.workload.load)} load, ${run.scenario.workload.arrivals} arrivals`,
        ),
      ),
    ],
    [
      'window',
      join(
        runs.map(
          (run) =>
            `${formatPlain(run.scenario.workload.durationMs)} ms measured after ${formatPlain(run.scenario.workload.warmupMs)} ms warm-up`,
        ),
      ),
    ],
    [
      'host',
      join(
        runs.map(
          (run) =>
            `${run.scenario.host.profile}: ${run.scenario.host.cores} cores @ ${formatPlain(run.scenario.host.ghz)} GHz, posted interrupts ${run.scenario.host.postedInterrupts ? 'on' : 'off'}`,
        ),
      ),
    ],
    [
      'NIC',
      join(
        runs.map((run) => `${run.scenario.nic.profile} at ${formatPlain(run.scenario.nic.linkGbps)} Gbit/s`),
      ),
    ],
    ['seed', join([String(seed), ...runs.map((run) => String(run.scenario.seed))])],
    ['tool', join([`${tool.name} ${tool.version}`])],
    [
      'model version',
      modelVersions(input).join(' / ') || 'not recorded (results from before model versions)',
    ],
    [
      'cost parameters',
      overrides.length === 0 ? 'all at their defaults' : `changed from the defaults: ${overrides.join(', ')}`,
    ],
    ['result schema', `version ${schemaVersion}`],
  ];
  const rows = facts.map(([term, detail]) => `<dt>${escapeHtml(term)}</dt><dd>${escapeHtml(detail)}</dd>`);
  return `<section class="about">
<h2>Scenario and versions</h2>
<dl class="facts">
${rows.join('\n')}
</dl>
</section>`;
}

function resultsSection(runs: readonly RunResult[]): string {
  const columns = resultColumnsFor(runs);
  const cellClass = (heading: string, numeric: boolean) =>
    numeric ? ' class="num"' : heading === 'bottleneck' ? ' class="wrap"' : '';
  const head = columns
    .map(
      (column) => `<th${column.numeric ? ' class="num"' : ''} scope="col">${escapeHtml(column.heading)}</th>`,
    )
    .join('');
  const body = runs.map(
    (run) =>
      `<tr>${columns.map((column) => `<td${cellClass(column.heading, column.numeric)}>${escapeHtml(column.cell(run))}</td>`).join('')}</tr>`,
  );
  return `<section class="results">
<h2>Results</h2>
<div class="table-wrap"><table>
<thead><tr>${head}</tr></thead>
<tbody>
${body.join('\n')}
</tbody>
</table></div>
</section>`;
}
