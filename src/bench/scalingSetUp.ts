/**
 * How much of a scaling row (`npm run bench:sim`, section 2) is building the host and summing the
 * run up rather than the run: a child times both in every run (wall ms), and a row over the limit
 * read strictly is printed with them and with the ratio of the runs alone. Pure.
 */

/** What the bench keeps of one size of a scaling row (a child's best core time, its medians). */
export interface ScalingSize {
  /** The best main-thread CPU time of a run, in seconds (set-up and summary included). */
  readonly oneCoreSec: number;
  /** Medians over the child's runs, wall ms: building the host, summing the run up. */
  readonly medianBuildMs: number;
  readonly medianSummaryMs: number;
}

export interface ScalingSetUp {
  /** Building the host and summing up at 32 and at 256 VMs, wall ms. */
  readonly setUpMs32: number;
  readonly setUpMs256: number;
  /**
   * The 256-VM run over the 32-VM one with set-up and summary taken out of both: roughly, since
   * it takes medians of wall time from a best of CPU time.
   */
  readonly runAloneRatio: number;
}

export function scalingSetUp(small: ScalingSize, large: ScalingSize): ScalingSetUp {
  const setUpMs = (size: ScalingSize): number => size.medianBuildMs + size.medianSummaryMs;
  const runAloneSec = (size: ScalingSize): number => size.oneCoreSec - setUpMs(size) / 1000;
  return {
    setUpMs32: setUpMs(small),
    setUpMs256: setUpMs(large),
    runAloneRatio: runAloneSec(large) / runAloneSec(small),
  };
}
