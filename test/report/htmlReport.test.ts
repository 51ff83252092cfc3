import { describe, expect, it } from 'vitest';
import { buildChartSpecs } from '../../src/report/html/chartSpecs.js';
import { escapeHtml, jsonForScript, scriptSourceForInline } from '../../src/report/html/htmlEscape.js';
import { renderHtmlReport } from '../../src/report/html/renderHtmlReport.js';
import { reportInputOf, type NdrPoint } from '../../src/report/reportInput.js';
import { vmAxisIsLogarithmic } from '../../src/report/runSeries.js';
import type { BenchResult } from '../../src/run/runResult.js';
import { runSmallSweep } from './sweepFixture.js';

const LIBRARY = 'window.Chart = function () {};';
const sweep = runSmallSweep(['paravirt', 'sriov'], [1, 2, 4, 8, 16]);

const NDR: readonly NdrPoint[] = [64, 512, 1518].flatMap((frameBytes) =>
  (['paravirt', 'sriov'] as const).map((mode) => ({
    mode,
    vms: 4,
    direction: 'rx' as const,
    frameBytes,
    frameLabel: String(frameBytes),
    lineRatePct: mode === 'sriov' ? 100 : frameBytes / 20,
    mpps: 1,
    gbps: 1,
  })),
);

/** The chart specs embedded in a page, read back as the browser would. */
function embeddedCharts(html: string): unknown {
  const match = /<script type="application\/json" id="nicvirt-report-data">([^<]*)<\/script>/.exec(html);
  if (!match?.[1]) throw new Error('no data element');
  return (JSON.parse(match[1]) as { charts: unknown }).charts;
}

describe('escaping', () => {
  it('escapes text for HTML content and attributes', () => {
    expect(escapeHtml(`<a href="x">Tom & 'Jerry'</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;',
    );
  });

  it('keeps </script> and <!-- out of JSON data, and parses back to the same value', () => {
    const value = { name: '</script><script>alert(1)</script><!-- & \u2028' };
    const text = jsonForScript(value);
    expect(text).not.toMatch(/<|>|&|\u2028/);
    expect(JSON.parse(text)).toEqual(value);
  });

  it('neutralises </script> and <!-- in an inlined library without changing what it does', () => {
    const source = 'var a = "</script><!--"; var b = /<\\/script>/.source;\n//# sourceMappingURL=x.map\n';
    const safe = scriptSourceForInline(source);
    expect(safe).not.toMatch(/<\/script|<!--|sourceMappingURL/i);
    const run = (code: string) => new Function(`${code}; return [a, b];`)() as unknown;
    expect(run(safe)).toEqual(run(source));
  });
});

describe('renderHtmlReport', () => {
  const input = reportInputOf(sweep, NDR);

  it('is one self-contained page: library and data inline, no external references', () => {
    const html = renderHtmlReport(input, {
      chartLibrarySource: LIBRARY,
      chartLibraryLabel: 'Chart.js 9.9.9',
    });
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain(LIBRARY);
    expect(html).toContain('Chart.js 9.9.9');
    expect(html).not.toMatch(/\b(src|href)\s*=/i);
    expect(html).not.toMatch(/@import|url\(/);
    expect(embeddedCharts(html)).toEqual(JSON.parse(JSON.stringify(buildChartSpecs(input))));
  });

  it('is a pure function of its input: same result, same bytes', () => {
    const options = { chartLibrarySource: LIBRARY };
    expect(renderHtmlReport(input, options)).toBe(renderHtmlReport(reportInputOf(sweep, NDR), options));
  });

  it('shows scenario, seed, tool and model version, and a row per run', () => {
    const html = renderHtmlReport(input, { chartLibrarySource: LIBRARY });
    expect(html).toContain('<h1>report test sweep</h1>');
    expect(html).toMatch(/<dt>seed<\/dt><dd>1<\/dd>/);
    expect(html).toMatch(/<dt>tool<\/dt><dd>nicvirt \d+\.\d+\.\d+<\/dd>/);
    expect(html).toMatch(/<dt>model version<\/dt><dd>[^<]+<\/dd>/);
    const body = html.slice(html.indexOf('<section class="results">'));
    expect(body.match(/<tr><td>/g)).toHaveLength(sweep.runs.length);
  });

  it('escapes what a scenario file controls', () => {
    const evil = '</script><script>alert("x")</script><img src=x onerror=alert(1)>';
    const runs = sweep.runs.map((run) => ({
      ...run,
      scenario: { ...run.scenario, name: evil, description: evil },
    }));
    const result: BenchResult = { ...sweep, runs };
    const html = renderHtmlReport(reportInputOf(result), { chartLibrarySource: LIBRARY });
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;/script&gt;&lt;script&gt;alert(&quot;x&quot;)');
    expect(html.match(/<script\b/g)).toHaveLength(3);
  });
});

describe('chart specs', () => {
  it('draws one series per mode, the knees, and NDR only when RFC 2544 results are given', () => {
    const withoutNdr = buildChartSpecs(reportInputOf(sweep));
    expect(withoutNdr.map((chart) => chart.id)).toEqual([
      'throughput',
      'host-cores',
      'cpu-breakdown',
      'latency',
      'per-vm-throughput',
      'per-vm-p99',
    ]);
    const throughput = withoutNdr[0];
    // paravirt is one-core bound from the first VM: the knee finder marks it; SR-IOV has no knee.
    expect(throughput?.datasets.map((set) => set.label)).toEqual(['paravirt', 'SR-IOV', 'knee']);
    expect(throughput?.datasets[2]?.points).toEqual([
      { x: 1, y: sweep.runs.find((run) => run.mode === 'paravirt' && run.vms === 1)?.delivered.gbps },
    ]);
    expect(throughput?.x).toMatchObject({ scale: 'logarithmic', ticks: [1, 2, 4, 8, 16] });

    const withNdr = buildChartSpecs(reportInputOf(sweep, NDR));
    const ndr = withNdr.find((chart) => chart.id === 'ndr');
    expect(ndr?.datasets.map((set) => set.label)).toEqual(['paravirt', 'SR-IOV']);
    expect(ndr?.datasets[0]?.points).toEqual([
      { x: 64, y: 3.2 },
      { x: 512, y: 25.6 },
      { x: 1518, y: 75.9 },
    ]);
  });

  it('splits a mode into one series per frame size when the runs vary in it', () => {
    const small = runSmallSweep(['sriov'], [1, 2], { workload: { frame: { kind: 'fixed', bytes: 64 } } });
    const large = runSmallSweep(['sriov'], [1, 2]);
    const charts = buildChartSpecs(reportInputOf({ ...small, runs: [...small.runs, ...large.runs] }));
    const labels = charts[0]?.datasets.map((set) => set.label).filter((label) => label !== 'knee');
    expect(labels).toEqual(['SR-IOV · 64 B', 'SR-IOV · 1518 B']);
    expect(charts[0]?.datasets[0]?.dash).not.toEqual(charts[0]?.datasets[1]?.dash);
  });

  it('has only the NDR chart for RFC 2544 results alone', () => {
    const empty: BenchResult = { ...sweep, runs: [] };
    expect(buildChartSpecs(reportInputOf(empty, NDR)).map((chart) => chart.id)).toEqual(['ndr']);
  });

  it('puts VM counts on a log axis when they grow geometrically', () => {
    expect(vmAxisIsLogarithmic([1, 2, 4, 8, 16, 32, 64])).toBe(true);
    expect(vmAxisIsLogarithmic([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16])).toBe(false);
    expect(vmAxisIsLogarithmic([1, 4, 16])).toBe(false);
    expect(vmAxisIsLogarithmic([4, 8, 16])).toBe(false);
  });
});
