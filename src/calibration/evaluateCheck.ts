import type { RunResult } from '../run/runResult.js';
import type { PublishedCheck } from './publishedChecks.js';

export interface ValidationRow {
  readonly id: string;
  readonly result: string;
  readonly source: string;
  readonly what: string;
  readonly unit: string;
  /** `4.0` or `3 – 5`. */
  readonly published: string;
  readonly simulated: number;
  /** Relative error from the figure, or from the nearest end of the range (0 inside it), percent. */
  readonly errorPct: number;
  readonly tolerancePct: number;
  readonly pass: boolean;
  readonly fitted?: string;
}

export interface ValidationReport {
  readonly rows: readonly ValidationRow[];
  readonly passed: number;
  readonly failed: number;
}

/** Compare a check's simulated figure with the published one. */
export function evaluateCheck(check: PublishedCheck, runs: readonly (readonly RunResult[])[]): ValidationRow {
  const simulated = check.measure(runs);
  const figure = check.published;
  let errorPct: number;
  let published: string;
  if (figure.kind === 'value') {
    errorPct = ((simulated - figure.value) / figure.value) * 100;
    published = String(figure.value);
  } else {
    published = `${figure.low} – ${figure.high}`;
    if (simulated < figure.low) errorPct = ((simulated - figure.low) / figure.low) * 100;
    else if (simulated > figure.high) errorPct = ((simulated - figure.high) / figure.high) * 100;
    else errorPct = 0;
  }
  const pass = Number.isFinite(simulated) && Math.abs(errorPct) <= check.tolerancePct + 1e-9;
  return {
    id: check.id,
    result: check.result,
    source: check.source,
    what: check.what,
    unit: check.unit,
    published,
    simulated,
    errorPct,
    tolerancePct: check.tolerancePct,
    pass,
    ...(check.fitted === undefined ? {} : { fitted: check.fitted }),
  };
}

export function summarizeValidation(rows: readonly ValidationRow[]): ValidationReport {
  const passed = rows.filter((row) => row.pass).length;
  return { rows, passed, failed: rows.length - passed };
}
