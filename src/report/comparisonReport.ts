import type { RunResult } from '../run/runResult.js';
import type { ModeId } from '../scenario/scenarioConfig.js';
import { formatCount, formatRate, formatRatio } from './formatNumbers.js';
import { borderedTable, keyValueLines, type ReportStyle } from './reportStyle.js';
import {
  DROPS_COLUMN,
  GUEST_CORES_COLUMN,
  HEADLINE_COLUMNS,
  HOST_CYCLES_COLUMN,
  type ResultColumn,
} from './resultsTable.js';
import { scenarioHeadline } from './scenarioHeadline.js';
import { loadLabel } from '../workload/offeredLoad.js';

/** The workload fields that can differ between the runs of a matrix, with their column titles. */
const VARYING_FIELDS: readonly { readonly title: string; readonly value: (run: RunResult) => string }[] = [
  { title: 'VMs', value: (run) => String(run.vms) },
  { title: 'frame B', value: (run) => run.frameLabel },
  { title: 'load', value: (run) => loadLabel(run.scenario.workload.load) },
  { title: 'dir', value: (run) => run.direction },
];

/** The results-table figures the comparison shows, in its order (then exits/s and irqs/s). */
const COMPARED_FIGURES: readonly ResultColumn[] = [
  ...HEADLINE_COLUMNS,
  GUEST_CORES_COLUMN,
  HOST_CYCLES_COLUMN,
];

export const DEFAULT_REFERENCE_MODE: ModeId = 'paravirt';

/** Delivered Gbit/s of a run divided by the reference run's; NaN when the reference delivered nothing. */
export function throughputRatio(run: RunResult, reference: RunResult): number {
  return reference.delivered.gbps > 0 ? run.delivered.gbps / reference.delivered.gbps : Number.NaN;
}

/**
 * Several runs of the same workload side by side (`--mode all`): one row per mode, with delivered
 * throughput relative to the reference mode when the reference was run.
 */
export function comparisonReport(
  runs: readonly RunResult[],
  style: ReportStyle,
  referenceMode: ModeId = DEFAULT_REFERENCE_MODE,
): string {
  const first = runs[0];
  if (!first) return '';
  const varying = VARYING_FIELDS.filter((field) => new Set(runs.map(field.value)).size > 1);
  const pointOf = (run: RunResult): string => varying.map((field) => field.value(run)).join('\u0000');
  const referenceFor = (run: RunResult): RunResult | undefined =>
    runs.find((candidate) => candidate.mode === referenceMode && pointOf(candidate) === pointOf(run));
  const labelOf = (run: RunResult): string =>
    [run.mode, ...varying.map((field) => `${field.title} ${field.value(run)}`)].join(' · ');
  const reference = runs.find((run) => run.mode === referenceMode);
  const head = [
    'mode',
    ...varying.map((field) => field.title),
    ...COMPARED_FIGURES.map((column) => column.heading),
    'exits/s',
    'irqs/s',
  ];
  if (reference) head.push(`× ${reference.mode}`);
  const table = borderedTable(style, { head, alignRight: head.map((_, index) => index > 0) });
  for (const run of runs) {
    const runReference = referenceFor(run);
    const row = [
      run.mode === reference?.mode ? style.heading(run.mode) : run.mode,
      ...varying.map((field) => field.value(run)),
      ...COMPARED_FIGURES.map((column) =>
        column === DROPS_COLUMN && run.dropRatio > 0 ? style.bad(column.cell(run)) : column.cell(run),
      ),
      formatRate(run.rates.vmExitsPerSec),
      formatRate(run.rates.interruptsPerSec),
    ];
    if (reference) row.push(runReference ? formatRatio(throughputRatio(run, runReference)) : '—');
    table.push(row);
  }

  const [workload, host] = scenarioHeadline(first);
  const sections = [`${style.heading('modes compared')} · ${workload}\n${style.dim(host)}`, table.toString()];
  if (varying.length > 0) {
    sections[0] += `\n${style.dim(
      `${varying.map((field) => field.title).join(', ')} vary across runs (see the columns); the line above describes the first run`,
    )}`;
  }
  if (reference) {
    sections.push(
      style.dim(
        `× ${reference.mode}: delivered Gbit/s relative to ${reference.modeName}, the reference (--reference)`,
      ),
    );
  }
  sections.push(
    `${style.heading('bottlenecks')}\n${keyValueLines(
      style,
      runs.map((run) => [labelOf(run), style.warn(run.bottleneck)] as const),
    )}`,
  );
  const withFallback = runs.filter((run) => run.placement.fallback > 0);
  if (withFallback.length > 0) {
    sections.push(
      `${style.heading('placement')}\n${keyValueLines(
        style,
        withFallback.map(
          (run) =>
            [
              labelOf(run),
              `${formatCount(run.placement.dedicated)} dedicated · ${formatCount(run.placement.fallback)} on the software switch` +
                (run.placement.note === '' ? '' : `\n${style.dim(run.placement.note)}`),
            ] as const,
        ),
      )}`,
    );
  }
  return `${sections.join('\n\n')}\n`;
}
