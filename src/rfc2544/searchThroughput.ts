import { driveSteps, type Steps } from './steps.js';
import { lossRatio, type TrialOutcome } from './trialOutcome.js';

/** Options of an NDR/PDR search. Loads are fractions of line rate (1 = line rate). */
export interface ThroughputSearchOptions {
  /** Highest loss ratio (0..1) that still counts as "no drop" for NDR; RFC 2544 uses 0. */
  readonly ndrLossRatio: number;
  /** Highest loss ratio (0..1) for PDR, e.g. 0.001 for 0.1%. At least ndrLossRatio. */
  readonly pdrLossRatio: number;
  /** Width of the final interval, as a fraction of line rate, e.g. 0.001 for 0.1%. */
  readonly precision: number;
  /** At most this many trials for NDR and PDR together; the search stops unconverged beyond it. */
  readonly maxTrials: number;
}

export const DEFAULT_THROUGHPUT_SEARCH: ThroughputSearchOptions = {
  ndrLossRatio: 0,
  pdrLossRatio: 0.001,
  precision: 0.001,
  maxTrials: 40,
};

/** One trial the search ran, in the order it ran them. */
export interface SearchTrial<O extends TrialOutcome> {
  readonly loadFraction: number;
  readonly lossRatio: number;
  readonly outcome: O;
}

/** The result for one loss criterion (NDR or PDR). */
export interface RateFound<O extends TrialOutcome> {
  /** The highest load that met the criterion; 0 when none did (not even the lowest step). */
  readonly loadFraction: number;
  /** The trial at `loadFraction`, undefined when it is 0. */
  readonly outcome: O | undefined;
  /** The lowest load that failed the criterion, undefined when line rate passed. */
  readonly failedAboveFraction: number | undefined;
  /** The passing and failing loads are one precision step apart (or line rate passed). */
  readonly converged: boolean;
}

export interface ThroughputSearch<O extends TrialOutcome> {
  readonly ndr: RateFound<O>;
  readonly pdr: RateFound<O>;
  readonly trials: readonly SearchTrial<O>[];
  /**
   * Trials whose result contradicted an earlier one (a pass above a load that failed): the system
   * is not monotonic there. The first result stands; counted so it is not hidden.
   */
  readonly nonMonotonicTrials: number;
}

/**
 * The loads a search may try: step k is k·precision, and the top step is line rate itself. When
 * 1/precision is a whole number N the steps are computed as k/N, so 0.4 is exactly 0.4 and a
 * capacity that sits on a step is found exactly.
 */
export interface LoadGrid {
  /** Index of the top step (line rate). */
  readonly top: number;
  readonly load: (step: number) => number;
}

export function loadGrid(precision: number): LoadGrid {
  if (!(precision > 0 && precision <= 1)) throw new Error(`precision must be in (0, 1], got ${precision}`);
  const inverse = 1 / precision;
  const whole = Math.round(inverse);
  const exact = Math.abs(inverse - whole) < 1e-9 * inverse;
  const top = exact ? whole : Math.ceil(inverse);
  return {
    top,
    load: (step) => (step >= top ? 1 : exact ? step / whole : step * precision),
  };
}

/**
 * RFC 2544 throughput by binary search, NDR and PDR in one pass: the first trial is at line rate;
 * then each trial halves the NDR interval until it is one precision step wide, then the PDR
 * interval. Every trial narrows both (a trial losing more than the NDR threshold but no more than
 * the PDR threshold is a fail for NDR and a pass for PDR), so PDR usually needs only a few more
 * trials. Sequential by nature: each load depends on the previous result. Yields the load of each
 * trial (a fraction of line rate) and is resumed with its outcome.
 */
export function* throughputSearchSteps<O extends TrialOutcome>(
  options: ThroughputSearchOptions = DEFAULT_THROUGHPUT_SEARCH,
): Steps<number, O, ThroughputSearch<O>> {
  checkOptions(options);
  const grid = loadGrid(options.precision);
  const outcomes = new Map<number, O>();
  const trials: SearchTrial<O>[] = [];
  let nonMonotonicTrials = 0;
  // Step 0 (no load) passes by definition; top + 1 stands for "above line rate", never tried.
  let ndrLow = 0;
  let ndrHigh = grid.top + 1;
  let pdrLow = 0;
  let pdrHigh = grid.top + 1;

  let step: number | undefined = grid.top;
  while (step !== undefined) {
    const loadFraction = grid.load(step);
    const outcome: O = yield loadFraction;
    const loss = lossRatio(outcome);
    outcomes.set(step, outcome);
    trials.push({ loadFraction, lossRatio: loss, outcome });
    let consistent = true;
    if (loss <= options.ndrLossRatio) {
      if (step < ndrHigh) ndrLow = Math.max(ndrLow, step);
      else consistent = false;
    } else if (step > ndrLow) ndrHigh = Math.min(ndrHigh, step);
    else consistent = false;
    if (loss <= options.pdrLossRatio) {
      if (step < pdrHigh) pdrLow = Math.max(pdrLow, step);
      else consistent = false;
    } else if (step > pdrLow) pdrHigh = Math.min(pdrHigh, step);
    else consistent = false;
    if (!consistent) nonMonotonicTrials++;

    if (trials.length >= options.maxTrials) step = undefined;
    else if (ndrHigh - ndrLow > 1) step = Math.floor((ndrLow + ndrHigh) / 2);
    else if (pdrHigh - pdrLow > 1) step = Math.floor((pdrLow + pdrHigh) / 2);
    else step = undefined;
  }

  const found = (low: number, high: number): RateFound<O> => ({
    loadFraction: low === 0 ? 0 : grid.load(low),
    outcome: low === 0 ? undefined : outcomes.get(low),
    failedAboveFraction: high > grid.top ? undefined : grid.load(high),
    converged: high - low <= 1,
  });
  return { ndr: found(ndrLow, ndrHigh), pdr: found(pdrLow, pdrHigh), trials, nonMonotonicTrials };
}

/** The search driven by a synchronous trial function: `trial(loadFraction)` runs one trial. */
export function searchThroughput<O extends TrialOutcome>(
  trial: (loadFraction: number) => O,
  options: ThroughputSearchOptions = DEFAULT_THROUGHPUT_SEARCH,
): ThroughputSearch<O> {
  return driveSteps(throughputSearchSteps<O>(options), trial);
}

function checkOptions(options: ThroughputSearchOptions): void {
  const { ndrLossRatio, pdrLossRatio, maxTrials } = options;
  if (!(ndrLossRatio >= 0 && ndrLossRatio < 1)) {
    throw new Error(`ndrLossRatio must be in [0, 1), got ${ndrLossRatio}`);
  }
  if (!(pdrLossRatio >= ndrLossRatio && pdrLossRatio < 1)) {
    throw new Error(`pdrLossRatio must be in [ndrLossRatio, 1), got ${pdrLossRatio}`);
  }
  if (!(Number.isInteger(maxTrials) && maxTrials >= 1)) {
    throw new Error(`maxTrials must be a whole number ≥ 1, got ${maxTrials}`);
  }
}
