/**
 * Two `npm run bench:sim` reports (bench-results/bench-sim.json), measure by measure: what a change
 * to the engine did, told apart from this machine's noise. Pure: parsed JSON in, plain rows out
 * (formatBenchComparison prints them). Either report may lack sections or rows (older files, other
 * --sections or --modes): those rows say so instead of failing.
 */

/** The parts of a bench:sim report compared here; everything is optional (older reports lack some). */
export interface BenchReport {
  readonly node?: string;
  readonly machine?: { readonly cpus?: number; readonly model?: string };
  readonly options?: {
    readonly repeat?: number;
    readonly packetBudget?: number;
    readonly arrivals?: string;
    readonly pinCpu?: string | null;
    /** Shortened sections (linearity's longest run 2 s, no 500 ms sweep, fewer memory rows); since the eighteenth round. */
    readonly quick?: boolean;
  };
  readonly reference?: {
    readonly programs?: readonly { readonly id?: string; readonly packetsPerCoreSec?: number }[];
  } | null;
  readonly speed?: readonly {
    readonly mode?: string;
    readonly frameBytes?: number;
    readonly packetsPerCoreSec?: number;
    readonly noise?: number;
    /** Bytes the engine allocated per packet (V8's sampling heap profiler; reports since the tenth round). */
    readonly allocatedBytesPerPacket?: number;
  }[];
  readonly scaling?: readonly ScalingRow[];
  /** Scaling at a light load, where the model does the same work at both sizes (since the fourteenth round). */
  readonly scalingLight?: readonly ScalingRow[];
  readonly linear?: readonly {
    readonly mode?: string;
    readonly runs?: readonly { readonly simulatedMs?: number; readonly medianCoreNsPerPacket?: number }[];
    readonly noise?: number;
  }[];
  readonly sweep?: {
    readonly wallSecJobs1?: number;
    readonly wallSecJobs2?: number;
    readonly longPoints?: { readonly wallSecJobs1?: number; readonly wallSecJobs2?: number };
    /** Two one-job sweeps started together, in two processes: wall time until both end (since the twenty-first round). */
    readonly sideBySide?: { readonly wallSec?: number };
  } | null;
  readonly memory?: readonly {
    readonly mode?: string;
    readonly vms?: number;
    /** Simulated ms of the run: 100, or section 5's longer run (since the fourteenth round). */
    readonly durationMs?: number;
    readonly peakRssMb?: number;
  }[];
  /** Bytes in the report's MB of RSS: 10^6 since the thirteenth round; older reports lack it (theirs were MiB). */
  readonly targets?: { readonly rssBytesPerMb?: number };
}

/** One row of a report's scaling section: the cost of 256 VMs over that of 32. */
export interface ScalingRow {
  readonly mode?: string;
  readonly frameBytes?: number;
  readonly coreRatio?: number;
  readonly noise?: number;
}

/**
 * Simulated ms of section 5's runs but its longest (scripts/bench-sim.js runs them so; older
 * reports have only these, unlabelled).
 */
export const MEMORY_RUN_MS = 100;

/** A section-5 run as the bench names it: `vmq 4096 VMs`, and `vmq 4096 VMs, 1 s` for a longer run. */
export function memoryRunLabel(row: {
  readonly mode?: string;
  readonly vms?: number;
  readonly durationMs?: number;
}): string | undefined {
  const { mode, vms, durationMs } = row;
  if (mode === undefined || vms === undefined) return undefined;
  const longer = durationMs === undefined || durationMs === MEMORY_RUN_MS ? '' : `, ${durationMs / 1000} s`;
  return `${mode} ${vms} VMs${longer}`;
}

/** What an older report's "MB" of RSS were: MiB (maxRSS, in KiB, divided by 1024). */
const OLD_RSS_BYTES_PER_MB = 1024 * 1024;

/** A report's peak RSS in MB of 10^6 bytes, whichever unit it was written in. */
function rssMb(report: BenchReport, value: number | undefined): number | undefined {
  return value === undefined
    ? undefined
    : (value * (report.targets?.rssBytesPerMb ?? OLD_RSS_BYTES_PER_MB)) / 1e6;
}

export type BenchSection = 'reference' | 'speed' | 'scaling' | 'linear' | 'sweep' | 'memory';

/**
 * better / worse: changed by more than the noise allowance, that way; same: within it; new / gone:
 * measured in one report only.
 */
export type BenchVerdict = 'better' | 'worse' | 'same' | 'new' | 'gone';

export interface BenchComparisonRow {
  readonly section: BenchSection;
  /** What was measured, e.g. `vmq 1518 B`, `C event loop`, `--jobs 2`. */
  readonly subject: string;
  /** The measure and its unit, e.g. `Mpkt per CPU s`. */
  readonly measure: string;
  readonly before: number | null;
  readonly after: number | null;
  /** after / before − 1, or null when either is missing. */
  readonly change: number | null;
  readonly higherIsBetter: boolean;
  /** The relative change taken as noise for this row: the larger of the floor and both runs' spread. */
  readonly allowance: number;
  /**
   * A change this large in the measure's own unit is noise too, whatever it is relatively (a measure
   * that moves in steps between processes of one build: ALLOCATION_NOISE_BYTES); absent elsewhere.
   */
  readonly absoluteAllowance?: number;
  readonly verdict: BenchVerdict;
}

export interface BenchComparison {
  readonly rows: readonly BenchComparisonRow[];
  /** Ways the two runs were set up differently (options, Node, machine): read their changes with care. */
  readonly differences: readonly string[];
  readonly counts: Readonly<Record<BenchVerdict, number>>;
}

/**
 * Smallest change counted as real, by section: the best of 5 on this machine still moves by a few
 * percent between runs of the same build (README, "Noise"); a sweep is one wall-clock run per
 * round, and wall time moves more.
 */
export const NOISE_FLOOR: Readonly<Record<BenchSection, number>> = {
  reference: 0.05,
  speed: 0.05,
  scaling: 0.05,
  linear: 0.05,
  sweep: 0.1,
  memory: 0.05,
};

/**
 * Bytes allocated per packet that two processes of one build may differ by: where V8 inlines a call
 * that takes or returns a picosecond time in one process and not in the next, each call boxes one
 * number (16 bytes). Seen over three full runs of one engine (sixteenth and seventeenth rounds):
 * VMQ at 1518 B 88 and 104 (88 in every process since the eighteenth round's inlining budget, see
 * cli/v8Tuning.ts), VMQ and VMDq at 64 B 1.1 and 16.5. A change within this is not counted
 * whatever its relative size; one of more than a boxed number a packet is.
 */
export const ALLOCATION_NOISE_BYTES = 20;

interface Measured {
  readonly value: number | undefined;
  /** The run's own spread (median over best − 1), where it reported one. */
  readonly noise?: number | undefined;
  /** A change in the measure's unit counted as noise (see BenchComparisonRow.absoluteAllowance). */
  readonly absoluteNoise?: number;
}

/** Compare `before` (the baseline) with `after`. */
export function compareBenchReports(before: BenchReport, after: BenchReport): BenchComparison {
  const rows: BenchComparisonRow[] = [];
  /** One measure of each pair of rows (by key) of a section. */
  const compareRows = <T>(
    section: BenchSection,
    measure: string,
    higherIsBetter: boolean,
    [old, now]: [readonly T[] | undefined, readonly T[] | undefined],
    keyOf: (row: T) => string | undefined,
    read: (row: T) => Measured,
  ): void => {
    for (const [subject, [oldRow, nowRow]] of pair(old ?? [], now ?? [], keyOf)) {
      const measured = (row: T | undefined) => (row === undefined ? undefined : read(row));
      const [was, is] = [measured(oldRow), measured(nowRow)];
      // A measure neither report has (one older reports lack): no row.
      if (finiteOrNull(was?.value) === null && finiteOrNull(is?.value) === null) continue;
      rows.push(compareOne(section, subject, measure, higherIsBetter, was, is));
    }
  };

  compareRows(
    'reference',
    'Mpkt per CPU s',
    true,
    [before.reference?.programs, after.reference?.programs],
    (program) => (program.id === undefined ? undefined : referenceName(program.id)),
    (program) => ({ value: mega(program.packetsPerCoreSec) }),
  );
  compareRows('speed', 'Mpkt per CPU s', true, [before.speed, after.speed], modeAndFrame, (row) => ({
    value: mega(row.packetsPerCoreSec),
    noise: row.noise,
  }));
  compareRows(
    'speed',
    'bytes allocated per packet',
    false,
    [before.speed, after.speed],
    modeAndFrame,
    (row) => ({ value: row.allocatedBytesPerPacket, absoluteNoise: ALLOCATION_NOISE_BYTES }),
  );
  // Scaling at 100% load, then at the light load (reports since the fourteenth round).
  const scalingTables: [string, (report: BenchReport) => readonly ScalingRow[] | undefined][] = [
    ['cost ratio 256/32 VMs', (report) => report.scaling],
    ['cost ratio 256/32 VMs, light load', (report) => report.scalingLight],
  ];
  for (const [measure, rowsOf] of scalingTables) {
    compareRows('scaling', measure, false, [rowsOf(before), rowsOf(after)], modeAndFrame, (row) => ({
      value: row.coreRatio,
      noise: row.noise,
    }));
  }
  compareRows(
    'linear',
    'ns per packet, 1 s run',
    false,
    [before.linear, after.linear],
    (row) => row.mode,
    (row) => ({ value: oneSecondNs(row.runs), noise: row.noise }),
  );
  type SweepRead = (sweep: NonNullable<BenchReport['sweep']>) => number | undefined;
  const sweepMeasures: [string, string, SweepRead][] = [
    ['--jobs 2', 'wall s, 126 points', (sweep) => sweep.wallSecJobs2],
    ['--jobs 1', 'wall s, 126 points', (sweep) => sweep.wallSecJobs1],
    ['two --jobs 1 side by side', 'wall s, 126 points each', (sweep) => sweep.sideBySide?.wallSec],
    ['--jobs 2, 500 ms points', 'wall s, 126 points', (sweep) => sweep.longPoints?.wallSecJobs2],
    ['--jobs 1, 500 ms points', 'wall s, 126 points', (sweep) => sweep.longPoints?.wallSecJobs1],
  ];
  for (const [subject, measure, read] of sweepMeasures) {
    const old = before.sweep ? read(before.sweep) : undefined;
    const now = after.sweep ? read(after.sweep) : undefined;
    if (old === undefined && now === undefined) continue;
    rows.push(compareOne('sweep', subject, measure, false, { value: old }, { value: now }));
  }
  // Each report's rows in MB of 10^6 bytes (an older report's were MiB): the two compare as measured.
  compareRows(
    'memory',
    'peak RSS MB',
    false,
    [
      before.memory?.map((row) => ({ ...row, peakRssMb: rssMb(before, row.peakRssMb) })),
      after.memory?.map((row) => ({ ...row, peakRssMb: rssMb(after, row.peakRssMb) })),
    ],
    memoryRunLabel,
    (row) => ({ value: row.peakRssMb }),
  );

  const counts: Record<BenchVerdict, number> = { better: 0, worse: 0, same: 0, new: 0, gone: 0 };
  for (const row of rows) counts[row.verdict]++;
  return { rows, differences: setupDifferences(before, after), counts };
}

function compareOne(
  section: BenchSection,
  subject: string,
  measure: string,
  higherIsBetter: boolean,
  old: Measured | undefined,
  now: Measured | undefined,
): BenchComparisonRow {
  const before = finiteOrNull(old?.value);
  const after = finiteOrNull(now?.value);
  const allowance = Math.max(NOISE_FLOOR[section], finiteOrZero(old?.noise), finiteOrZero(now?.noise));
  const absoluteAllowance = old?.absoluteNoise ?? now?.absoluteNoise;
  const change = before !== null && after !== null && before !== 0 ? after / before - 1 : null;
  let verdict: BenchVerdict;
  if (before === null) verdict = 'new';
  else if (after === null) verdict = 'gone';
  else if (change === null || Math.abs(change) <= allowance) verdict = 'same';
  else if (absoluteAllowance !== undefined && Math.abs(after - before) <= absoluteAllowance) verdict = 'same';
  else verdict = change > 0 === higherIsBetter ? 'better' : 'worse';
  return {
    section,
    subject,
    measure,
    before,
    after,
    change,
    higherIsBetter,
    allowance,
    ...(absoluteAllowance === undefined ? {} : { absoluteAllowance }),
    verdict,
  };
}

/**
 * The rows of both lists by key, in the order first seen (the baseline's, then new ones); rows
 * without a key are left out.
 */
function pair<T>(
  before: readonly T[],
  after: readonly T[],
  keyOf: (row: T) => string | undefined,
): Map<string, [T | undefined, T | undefined]> {
  const pairs = new Map<string, [T | undefined, T | undefined]>();
  for (const row of before) {
    const key = keyOf(row);
    if (key !== undefined && !pairs.has(key)) pairs.set(key, [row, undefined]);
  }
  for (const row of after) {
    const key = keyOf(row);
    if (key === undefined) continue;
    const entry = pairs.get(key);
    if (entry === undefined) pairs.set(key, [undefined, row]);
    else if (entry[1] === undefined) entry[1] = row;
  }
  return pairs;
}

function modeAndFrame(row: { readonly mode?: string; readonly frameBytes?: number }): string | undefined {
  return row.mode === undefined || row.frameBytes === undefined
    ? undefined
    : `${row.mode} ${row.frameBytes} B`;
}

const REFERENCE_NAMES: Readonly<Record<string, string>> = {
  cEventLoop: 'C event loop',
  lindley: 'Lindley recursion',
  simpy: 'SimPy',
  nicvirt: 'nicvirt on the tandem',
};

function referenceName(id: string): string {
  return REFERENCE_NAMES[id] ?? id;
}

function mega(value: number | undefined): number | undefined {
  return value === undefined ? undefined : value / 1e6;
}

/** The median ns per packet of the 1 s run (simulated 1000 ms plus the 1 ms warm-up). */
function oneSecondNs(
  runs: readonly { readonly simulatedMs?: number; readonly medianCoreNsPerPacket?: number }[] | undefined,
): number | undefined {
  return runs?.find((run) => run.simulatedMs === 1001)?.medianCoreNsPerPacket;
}

function finiteOrNull(value: number | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function finiteOrZero(value: number | undefined): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}

function setupDifferences(before: BenchReport, after: BenchReport): string[] {
  const differences: string[] = [];
  const differ = (label: string, old: unknown, now: unknown): void => {
    if (old !== undefined && now !== undefined && old !== now) {
      differences.push(`${label}: ${String(old)} → ${String(now)}`);
    }
  };
  differ('Node', before.node, after.node);
  differ('CPU model', before.machine?.model, after.machine?.model);
  differ('CPUs', before.machine?.cpus, after.machine?.cpus);
  // A report written before --arrivals existed ran CBR.
  differ('arrivals', before.options?.arrivals ?? 'cbr', after.options?.arrivals ?? 'cbr');
  differ('packets per run (--packets)', before.options?.packetBudget, after.options?.packetBudget);
  differ('rounds (--repeat)', before.options?.repeat, after.options?.repeat);
  differ('pinned CPU (--cpu)', before.options?.pinCpu ?? 'none', after.options?.pinCpu ?? 'none');
  // Reports from before the eighteenth round do not say: unknown, not a difference.
  differ('shortened sections (--quick)', before.options?.quick, after.options?.quick);
  return differences;
}

/** Whether parsed JSON looks like a bench:sim report (an object with its summary and speed rows). */
export function isBenchReport(value: unknown): value is BenchReport {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  return (
    typeof record.summary === 'object' &&
    record.summary !== null &&
    Array.isArray(record.speed) &&
    typeof record.targets === 'object'
  );
}
