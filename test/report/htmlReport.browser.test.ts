import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatJson } from '../../src/report/formatJson.js';
import { kneeMarks } from '../../src/report/reportInput.js';
import { CPU_COMPONENTS, type BenchResult } from '../../src/run/runResult.js';
import { runCli } from '../cli/runCli.js';
import { runSmallSweep, SWEEP_MODES } from './sweepFixture.js';

/**
 * The HTML report in a real browser: Debian's Chromium (installed by .ci/run), driven by
 * playwright-core. Skipped, with a message, only on a machine without Chromium that is not CI; in
 * CI a missing Chromium fails the suite, so CI cannot pass by skipping it.
 */
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const ARTIFACTS = resolve(fileURLToPath(new URL('../../test-artifacts', import.meta.url)));
const inCi = (process.env['CI'] ?? '') !== '';
const haveChromium = existsSync(CHROMIUM);

if (!haveChromium && !inCi) {
  console.warn(
    `skipping the browser test of the HTML report: ${CHROMIUM} not found (apt-get install chromium); in CI it fails instead`,
  );
}

/** Pixels the page is wider than the window (> 0: sideways scrolling). */
const HORIZONTAL_OVERFLOW = 'document.documentElement.scrollWidth - window.innerWidth';

/**
 * Run in the page (as plain JavaScript: this project's TypeScript has no DOM types): for every
 * chart figure, what Chart.js holds for its canvas and how much of the canvas got drawn on.
 */
const DRAWN_CHARTS = `[...document.querySelectorAll('figure.chart')].map((figure) => {
  const canvas = figure.querySelector('canvas');
  const chart = window.Chart.getChart(canvas);
  const datasets = chart ? chart.data.datasets : [];
  const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  let inked = 0;
  for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) inked++;
  const isPoint = (value) => value !== null && (typeof value !== 'object' || value.y !== null);
  return {
    id: figure.dataset.chart,
    expectedAttribute: Number(figure.dataset.expectedSeries),
    datasets: datasets.length,
    labels: datasets.map((set) => set.label),
    withData: datasets.filter((set) => set.data.some(isPoint)).length,
    width: canvas.clientWidth,
    height: canvas.clientHeight,
    inked: inked / Math.max(1, canvas.width * canvas.height),
  };
})`;

interface DrawnChart {
  readonly id: string;
  readonly expectedAttribute: number;
  readonly datasets: number;
  readonly labels: readonly string[];
  /** Datasets with at least one point to draw. */
  readonly withData: number;
  readonly width: number;
  readonly height: number;
  /** Share of the canvas's pixels that are not blank: something was drawn. */
  readonly inked: number;
}

describe.skipIf(!haveChromium && !inCi)('HTML report in headless Chromium', () => {
  let work: string;
  let context: BrowserContext | undefined;
  let sweep: BenchResult;
  let htmlPath: string;
  let rfcModes: number;

  beforeAll(async () => {
    if (!haveChromium) {
      throw new Error(
        `CI is set but ${CHROMIUM} is missing: .ci/run installs Debian's chromium package before the tests; the browser test must run in CI`,
      );
    }
    work = mkdtempSync(join(tmpdir(), 'nicvirt-report-browser-'));
    sweep = runSmallSweep();
    const sweepPath = join(work, 'sweep.json');
    writeFileSync(sweepPath, formatJson(sweep));
    const rfcPath = join(work, 'rfc2544.json');
    const rfc = await runCli([
      'rfc2544',
      '--mode',
      'paravirt,vmdq,sriov',
      '--vms',
      '4',
      '--frame-size',
      '64,512,1518',
      '--trial-frames',
      '10000',
      '--precision',
      '5%',
      '--max-trials',
      '8',
      '--no-back-to-back',
      '--no-latency',
      '--jobs',
      '1',
      '--format',
      'json',
      '--output',
      rfcPath,
    ]);
    expect(rfc.code, rfc.stderr).toBe(0);
    const points = (JSON.parse(readFileSync(rfcPath, 'utf8')) as { points: { mode: string }[] }).points;
    rfcModes = new Set(points.map((point) => point.mode)).size;
    htmlPath = join(work, 'report.html');
    const report = await runCli(['report', sweepPath, rfcPath, '-o', htmlPath]);
    expect(report.code, report.stderr).toBe(0);
    context = await chromium.launchPersistentContext(join(work, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_FLAGS,
      viewport: { width: 1366, height: 768 },
    });
  }, 30_000);

  afterAll(async () => {
    await context?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  async function openReport(): Promise<{ page: Page; errors: string[]; requests: string[] }> {
    if (!context) throw new Error('no browser');
    const page = await context.newPage();
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('request', (request) => {
      if (!request.url().startsWith('file:')) requests.push(request.url());
    });
    await page.goto(pathToFileURL(htmlPath).href);
    await page.waitForFunction('document.body.dataset.charts !== undefined', undefined, {
      timeout: 10_000,
    });
    return { page, errors, requests };
  }

  it('draws every chart with the expected series, without console errors or network', async () => {
    const { page, errors, requests } = await openReport();
    expect(await page.evaluate('document.body.dataset.charts')).toBe('ready');

    const drawn = (await page.evaluate(DRAWN_CHARTS)) as DrawnChart[];

    const largest = SWEEP_MODES.map((mode) =>
      sweep.runs.filter((run) => run.mode === mode).reduce((a, b) => (b.vms > a.vms ? b : a)),
    );
    const components = CPU_COMPONENTS.filter((name) => largest.some((run) => run.cpu.byComponent[name] > 0));
    const knees = kneeMarks(sweep.runs).length > 0 ? 1 : 0;
    const modes = SWEEP_MODES.length;
    const expected: Record<string, number> = {
      throughput: modes + knees,
      'host-cores': modes,
      'cpu-breakdown': components.length,
      latency: modes,
      'per-vm-throughput': modes,
      'per-vm-p99': modes,
      ndr: rfcModes,
    };
    expect(knees).toBe(1);
    expect(drawn.map((chart) => chart.id)).toEqual(Object.keys(expected));
    for (const chart of drawn) {
      expect({ id: chart.id, datasets: chart.datasets }).toEqual({
        id: chart.id,
        datasets: expected[chart.id],
      });
      expect(chart.expectedAttribute, chart.id).toBe(chart.datasets);
      expect(chart.withData, `${chart.id}: datasets with points`).toBe(chart.datasets);
      expect(chart.width, chart.id).toBeGreaterThan(300);
      expect(chart.height, chart.id).toBeGreaterThan(200);
      expect(chart.inked, `${chart.id}: drawn pixels`).toBeGreaterThan(0.01);
    }
    expect(drawn.find((chart) => chart.id === 'throughput')?.labels).toEqual([
      'emulated',
      'paravirt',
      'VMDq',
      'SR-IOV',
      'knee',
    ]);

    // Laptop screen: no sideways scrolling of the page (the results table scrolls in its own box).
    const overflow = await page.evaluate(HORIZONTAL_OVERFLOW);
    expect(overflow).toBeLessThanOrEqual(0);

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'report.png'), fullPage: true });
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: join(ARTIFACTS, 'report-print.png'), fullPage: true });
    await page.pdf({ path: join(ARTIFACTS, 'report.pdf'), preferCSSPageSize: true, printBackground: true });
    writeFileSync(join(ARTIFACTS, 'report.html'), readFileSync(htmlPath));

    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    await page.close();
  }, 30_000);

  it('lays the charts out in one column on a narrow window', async () => {
    const { page, errors } = await openReport();
    await page.setViewportSize({ width: 720, height: 900 });
    await page.waitForTimeout(200);
    const columns = await page.evaluate(
      "getComputedStyle(document.querySelector('.charts')).gridTemplateColumns.split(' ').length",
    );
    expect(columns).toBe(1);
    const overflow = await page.evaluate(HORIZONTAL_OVERFLOW);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(ARTIFACTS, 'report-narrow.png') });
    expect(errors).toEqual([]);
    await page.close();
  }, 20_000);
});
