import { CPU_COMPONENTS, DROP_LOCATIONS } from '../run/runResult.js';
import { LogHistogram } from './logHistogram.js';
import * as pollPlan from './pollPlan.js';

export const COMPONENT_COUNT = CPU_COMPONENTS.length;
/** COMPONENT_COUNT as this module reads it: a private copy, for busyJob runs every poll (see model/frameLayout.ts). */
const componentCount = COMPONENT_COUNT;
export const DROP_LOCATION_COUNT = DROP_LOCATIONS.length;
// Module-private copies of the poll plan's layout, read every poll (see model/frameLayout.ts).
const {
  PLAN_COMPONENT,
  PLAN_INTERRUPT_START_PS,
  PLAN_POLL_START_PS,
  PLAN_ITEM_COUNT,
  PLAN_ITEMS,
  PLAN_ITEM_WORDS,
} = pollPlan;

/** One VM's frame counts in the measured cohort. */
export interface VmTotals {
  readonly offeredFrames: number;
  readonly offeredBytes: number;
  readonly deliveredFrames: number;
  readonly deliveredBytes: number;
  readonly droppedFrames: number;
}

// A VM's counts are one record of VM_FIELDS numbers in `Recorder.vmCounts`, at these offsets.
const VM_OFFERED_FRAMES = 0;
const VM_OFFERED_BYTES = 1;
const VM_DELIVERED_FRAMES = 2;
const VM_DELIVERED_BYTES = 3;
const VM_DROPPED_FRAMES = 4;
const VM_LATENCY_MAX_NS = 5;
const VM_FIELDS = 8;
// The run's totals are one record of numbers in `Recorder.totals`, at these offsets.
const OFFERED_FRAMES = 0;
const OFFERED_BYTES = 1;
const DELIVERED_FRAMES = 2;
const DELIVERED_BYTES = 3;
const DROPPED_FRAMES = 4;
const VM_EXITS = 5;
const INTERRUPTS = 6;
const TOTAL_FIELDS = 7;
/** Sub-bucket bits of a VM's latency histogram (the run's has 8; each of these buckets holds whole ones of those). */
const VM_LATENCY_BITS = 6;
/** Sub-bucket bits of the run's latency histogram (every frame's latency, to 1/128 of its value). */
const RUN_LATENCY_BITS = 8;

/**
 * For each bucket of the run's latency histogram, the per-VM histogram's bucket holding it: the
 * same for every run, so worked out once (its 3,456 buckets were a third of a 32-VM host's
 * set-up time, ~0.25 ms a run) and shared read-only.
 */
let vmBucketOfRunBucket: Int32Array | undefined;
function vmBucketOf(): Int32Array {
  vmBucketOfRunBucket ??= new LogHistogram(VM_LATENCY_BITS).foldMapFrom(new LogHistogram(RUN_LATENCY_BITS));
  return vmBucketOfRunBucket;
}

/** An empty per-VM histogram, for its buckets' edges. */
let vmLatencyShapeHistogram: LogHistogram | undefined;
function vmLatencyShape(): LogHistogram {
  vmLatencyShapeHistogram ??= new LogHistogram(VM_LATENCY_BITS);
  return vmLatencyShapeHistogram;
}

/**
 * vmBucketOf() scaled by a run's VM count, where VM 0's bucket is in Recorder.vmLatencyCounts;
 * kept for the last VM count asked for (3,456 multiplications were ~10% of a 32-VM set-up).
 */
let vmBucketOffsets: { readonly vmCount: number; readonly offsets: Int32Array } | undefined;
function vmBucketOffsetsFor(vmCount: number): Int32Array {
  if (vmBucketOffsets?.vmCount !== vmCount) {
    const offsets = new Int32Array(vmBucketOf());
    for (let i = 0; i < offsets.length; i++) offsets[i]! *= vmCount;
    vmBucketOffsets = { vmCount, offsets };
  }
  return vmBucketOffsets.offsets;
}

/**
 * Collects everything a run reports. Frames are counted by cohort: a frame belongs to the
 * measurement when it was generated inside the window [windowStartPs, windowEndPs); its fate
 * (delivered, dropped, still in flight) is counted whenever it happens, so
 * offered = delivered + dropped + in flight holds exactly. CPU time and event counts are clipped
 * to the window.
 *
 * CPU time is summed per resource and component, and across resources only when read: each core's
 * jobs arrive in that core's own order, so the totals do not depend on how work on different cores
 * interleaves in the event loop (which lets the engine apply a core's events off the heap).
 */
export class Recorder {
  // Initial numbers for fields set in the constructor: see the note in Poller. The window's edges
  // start as NaN, a double: a window starting at 1 ms starts below 2^31 ps, and V8 would otherwise
  // keep it as a small integer and compile the comparisons with it for small integers, to be undone
  // (a deoptimisation) as soon as the times compared with it pass 2^31.
  readonly windowStartPs: number = NaN;
  readonly windowEndPs: number = NaN;
  readonly vmCount: number = 0;

  /**
   * The run's totals (read them through the getters below), in a typed array rather than fields: a
   * field that starts as a small integer and is later handed a double (byte counts pass 2^31 within
   * seconds of 1518 B frames; exit counts come from double-typed charges) changes its representation
   * mid-run. V8 then gives the Recorder a new hidden class, and every optimised function with a
   * recorder call inlined, i.e. every poll, deoptimises. Once that fell into a loop: a poll's end
   * deoptimised 5,000 times in one run, costing the run's first 4 M frames 15% (emulated, 1518 B).
   */
  private readonly totals = new Float64Array(TOTAL_FIELDS);
  readonly dropsByLocation = new Float64Array(DROP_LOCATION_COUNT);
  /**
   * Per VM, its counts as one record (VM_FIELDS numbers, 64 contiguous bytes: a cache line or two),
   * so a frame's offer, delivery or drop touches that record of its VM's, not a line per count: with hundreds of VMs taking
   * turns, each of those is a cache miss (read them with vmTotals).
   */
  private readonly vmCounts: Float64Array;
  readonly latencyNs = new LogHistogram(RUN_LATENCY_BITS);
  /**
   * Every VM's latency histogram as plain counts, by bucket and then by VM: bucket b of VM v at
   * `b * vmCount + v` (read them with vmLatencyNs); a VM's largest value is in its record, its
   * total is its delivered frames. By bucket, not VM after VM, so the buckets of latencies no frame
   * had (most of the 928, which span 0 ns to 4.3 s) are pages never written, which the kernel never
   * maps. At 4096 VMs the array is 14.5 MB, and VM after VM every page of it had some VM's buckets
   * in use: by bucket, emulated at 64 B both ways peaked at 149 instead of 153 MB.
   */
  private readonly vmLatencyCounts: Uint32Array;
  private readonly vmLatencyBuckets: number = 0;
  /** Where in `vmLatencyCounts` VM 0's bucket holding each bucket of `latencyNs` is (a VM adds its id). */
  private readonly vmBucketOffsetOf: Int32Array;
  /** Busy ps in the window per resource id. */
  readonly busyByResourcePs: Float64Array;
  /** Busy ps in the window per resource and component: `[resource * COMPONENT_COUNT + component]`. */
  readonly busyByResourceComponentPs: Float64Array;

  constructor(windowStartPs: number, windowEndPs: number, vmCount: number, resourceCount: number) {
    this.windowStartPs = windowStartPs;
    this.windowEndPs = windowEndPs;
    this.vmCount = vmCount;
    this.vmCounts = new Float64Array(vmCount * VM_FIELDS);
    this.vmLatencyBuckets = LogHistogram.bucketCount(VM_LATENCY_BITS);
    this.vmLatencyCounts = new Uint32Array(vmCount * this.vmLatencyBuckets);
    this.vmBucketOffsetOf = vmBucketOffsetsFor(vmCount);
    this.busyByResourcePs = new Float64Array(resourceCount);
    this.busyByResourceComponentPs = new Float64Array(resourceCount * componentCount);
  }

  get offeredFrames(): number {
    return this.totals[OFFERED_FRAMES]!;
  }

  get offeredBytes(): number {
    return this.totals[OFFERED_BYTES]!;
  }

  get deliveredFrames(): number {
    return this.totals[DELIVERED_FRAMES]!;
  }

  get deliveredBytes(): number {
    return this.totals[DELIVERED_BYTES]!;
  }

  get droppedFrames(): number {
    return this.totals[DROPPED_FRAMES]!;
  }

  /** VM exits counted in the window. */
  get vmExits(): number {
    return this.totals[VM_EXITS]!;
  }

  /** Interrupts counted in the window. */
  get interrupts(): number {
    return this.totals[INTERRUPTS]!;
  }

  /** What VM `vm` was offered, had delivered and lost, in the measured cohort. */
  vmTotals(vm: number): VmTotals {
    const base = vm * VM_FIELDS;
    const counts = this.vmCounts;
    return {
      offeredFrames: counts[base + VM_OFFERED_FRAMES]!,
      offeredBytes: counts[base + VM_OFFERED_BYTES]!,
      deliveredFrames: counts[base + VM_DELIVERED_FRAMES]!,
      deliveredBytes: counts[base + VM_DELIVERED_BYTES]!,
      droppedFrames: counts[base + VM_DROPPED_FRAMES]!,
    };
  }

  /** The latency (ns) of VM `vm`'s delivered frames in the measured cohort. */
  vmLatencyNs(vm: number): LogHistogram {
    const all = this.vmLatencyCounts;
    const stride = this.vmCount;
    const counts = new Uint32Array(this.vmLatencyBuckets);
    for (let bucket = 0, at = vm; bucket < counts.length; bucket++, at += stride) counts[bucket] = all[at]!;
    // Every delivered frame of the cohort is counted once in its VM's histogram (deliver()).
    return new LogHistogram(
      VM_LATENCY_BITS,
      counts,
      this.vmCounts[vm * VM_FIELDS + VM_LATENCY_MAX_NS]!,
      this.vmCounts[vm * VM_FIELDS + VM_DELIVERED_FRAMES]!,
    );
  }

  /**
   * Every VM's latency (ns) at each of `qs` (ascending), as vmLatencyNs(vm).quantiles(qs) gives
   * them: `[vm * qs.length + k]`. In one pass over the buckets, by bucket as they lie, from the
   * lowest one any frame used (the run's histogram knows it) to where every VM has its quantiles.
   * Copying each VM's 928 buckets out and walking them was a third of a 256-VM run's summary (CPU
   * profile, paravirt).
   */
  vmLatencyQuantilesNs(qs: readonly number[]): Float64Array {
    LogHistogram.checkAscending(qs);
    const vmCount = this.vmCount;
    const qCount = qs.length;
    const values = new Float64Array(vmCount * qCount);
    // Per VM: the rank of each quantile's value, the frames seen so far, the next quantile to find;
    // an empty VM's quantiles are 0, the rest start at its max (which also caps each bucket's edge).
    const ranks = new Float64Array(vmCount * qCount);
    const seen = new Float64Array(vmCount);
    const next = new Int32Array(vmCount);
    let pending = 0;
    for (let vm = 0; vm < vmCount; vm++) {
      const total = this.vmCounts[vm * VM_FIELDS + VM_DELIVERED_FRAMES]!;
      const max = this.vmCounts[vm * VM_FIELDS + VM_LATENCY_MAX_NS]!;
      if (total === 0 || qCount === 0) {
        next[vm] = qCount;
        continue;
      }
      pending++;
      for (let k = 0; k < qCount; k++) {
        values[vm * qCount + k] = max;
        ranks[vm * qCount + k] = LogHistogram.rankOf(qs[k]!, total);
      }
    }
    const first = this.latencyNs.firstUsedBucket();
    if (first < 0) return values;
    const shape = vmLatencyShape();
    const all = this.vmLatencyCounts;
    const buckets = this.vmLatencyBuckets;
    const scan: QuantileScan = { all, vmCount, qCount, ranks, seen, next, values };
    for (let bucket = vmBucketOf()[first]!; bucket < buckets && pending > 0; bucket++) {
      pending -= scanBucket(scan, bucket * vmCount, shape.upperEdgeOf(bucket));
    }
    return values;
  }

  /** Busy ps in the window per component, summed over resources in resource order. */
  get busyByComponentPs(): Float64Array {
    const byComponent = new Float64Array(componentCount);
    const all = this.busyByResourceComponentPs;
    for (let base = 0; base < all.length; base += componentCount) {
      for (let c = 0; c < componentCount; c++) byComponent[c]! += all[base + c]!;
    }
    return byComponent;
  }

  /** A frame was generated at `genPs`; counted when it belongs to the measured cohort. */
  offer(vm: number, bytes: number, genPs: number): void {
    if (genPs < this.windowStartPs || genPs >= this.windowEndPs) return;
    const totals = this.totals;
    totals[OFFERED_FRAMES]! += 1;
    totals[OFFERED_BYTES]! += bytes;
    const base = vm * VM_FIELDS;
    this.vmCounts[base + VM_OFFERED_FRAMES]! += 1;
    this.vmCounts[base + VM_OFFERED_BYTES]! += bytes;
  }

  /** A frame generated at `genPs` reached its end at `donePs`; counted when it is of the cohort. */
  deliver(vm: number, bytes: number, genPs: number, donePs: number): void {
    if (genPs < this.windowStartPs || genPs >= this.windowEndPs) return;
    const latencyPs = donePs - genPs;
    const totals = this.totals;
    totals[DELIVERED_FRAMES]! += 1;
    totals[DELIVERED_BYTES]! += bytes;
    const base = vm * VM_FIELDS;
    const counts = this.vmCounts;
    counts[base + VM_DELIVERED_FRAMES]! += 1;
    counts[base + VM_DELIVERED_BYTES]! += bytes;
    // Floored here, as recordFolded would: a whole number of nanoseconds passes to it as a small
    // integer, where the fraction made it a heap number, allocated for every frame whenever V8
    // leaves recordFolded out of line.
    const ns = this.latencyNs.recordFolded(
      Math.floor(latencyPs / 1000),
      this.vmLatencyCounts,
      vm,
      this.vmBucketOffsetOf,
    );
    if (ns > counts[base + VM_LATENCY_MAX_NS]!) counts[base + VM_LATENCY_MAX_NS] = ns;
  }

  /** A frame generated at `genPs` was dropped at `location`; counted when it is of the cohort. */
  drop(location: number, vm: number, genPs: number): void {
    if (genPs < this.windowStartPs || genPs >= this.windowEndPs) return;
    this.totals[DROPPED_FRAMES]! += 1;
    this.dropsByLocation[location]! += 1;
    this.vmCounts[vm * VM_FIELDS + VM_DROPPED_FRAMES]! += 1;
  }

  /**
   * Charge one job on a CPU resource: it holds the core `durationPs` (the integer-ps job length)
   * from `startPs`; its `workPs` of work (the unrounded sum) splits over components as
   * `componentPs[c]` for each c in `components`. A job that straddles a window edge is clipped
   * pro rata.
   */
  busyJob(
    resource: number,
    startPs: number,
    durationPs: number,
    workPs: number,
    componentPs: Float64Array,
    components: Int32Array,
  ): void {
    const share = this.hold(resource, startPs, durationPs, workPs);
    if (share === 0) return;
    const byComponent = this.busyByResourceComponentPs;
    const base = resource * componentCount;
    for (let i = 0; i < components.length; i++) {
      const c = components[i]!;
      byComponent[base + c]! += componentPs[c]! * share;
    }
  }

  /**
   * Charge one job from a plan (metrics/pollPlan.ts), as busyJob would a job whose components are
   * what `plan` gives: a poll's (PollerKind.pollPlan), started by an interrupt or not, taking
   * `frames` frames of `bytes` bytes in all; or a charge's (Charge.plan: no per-frame items, both
   * starts the same). The same sums, to the last bit.
   */
  busyFromPlan(
    resource: number,
    startPs: number,
    durationPs: number,
    workPs: number,
    plan: Float64Array,
    afterInterrupt: boolean,
    frames: number,
    bytes: number,
  ): void {
    const share = this.hold(resource, startPs, durationPs, workPs);
    if (share === 0) return;
    const byComponent = this.busyByResourceComponentPs;
    const base = resource * componentCount;
    const startAt = afterInterrupt ? PLAN_INTERRUPT_START_PS : PLAN_POLL_START_PS;
    for (let at = 0; at < plan.length;) {
      let componentPs = plan[at + startAt]!;
      const end = at + PLAN_ITEMS + PLAN_ITEM_WORDS * plan[at + PLAN_ITEM_COUNT]!;
      for (let item = at + PLAN_ITEMS; item < end; item += PLAN_ITEM_WORDS) {
        componentPs += frames * plan[item]! + bytes * plan[item + 1]!;
      }
      byComponent[base + plan[at + PLAN_COMPONENT]!]! += componentPs * share;
      at = end;
    }
  }

  /**
   * A job holds `resource` `durationPs` (its integer length) from `startPs`: add the part inside
   * the window to the resource's busy time, and return the share of each picosecond of its
   * `workPs` of work (the unrounded sum) that its components are charged, 0 when none.
   */
  private hold(resource: number, startPs: number, durationPs: number, workPs: number): number {
    if (durationPs <= 0 || workPs <= 0) return 0;
    // The core is held for the whole (integer) duration; the components share it pro rata, so a
    // core's busy time never exceeds the time that passed.
    // Clipped on every call, from locals, not only for jobs at an edge: code that runs only there
    // never taught V8 what it computes, and every core's last job of the run, at the window's end,
    // deoptimised the poll it was charged from (100–800 deoptimisations a run). Integers: exact.
    const windowStartPs = this.windowStartPs;
    const windowEndPs = this.windowEndPs;
    const endPs = startPs + durationPs;
    const fromPs = startPs > windowStartPs ? startPs : windowStartPs;
    const toPs = endPs < windowEndPs ? endPs : windowEndPs;
    const heldPs = toPs - fromPs;
    if (heldPs <= 0) return 0;
    this.busyByResourcePs[resource]! += heldPs;
    return heldPs / workPs;
  }

  countExits(count: number, atPs: number): void {
    if (atPs >= this.windowStartPs && atPs < this.windowEndPs) this.totals[VM_EXITS]! += count;
  }

  countInterrupts(count: number, atPs: number): void {
    if (atPs >= this.windowStartPs && atPs < this.windowEndPs) this.totals[INTERRUPTS]! += count;
  }
}

/** What vmLatencyQuantilesNs walks, bucket by bucket (see scanBucket). */
interface QuantileScan {
  /** Every VM's counts, by bucket and then by VM (Recorder.vmLatencyCounts). */
  readonly all: Uint32Array;
  readonly vmCount: number;
  readonly qCount: number;
  /** Per VM and quantile: the rank its value has; per VM: frames seen so far, the next quantile to find. */
  readonly ranks: Float64Array;
  readonly seen: Float64Array;
  readonly next: Int32Array;
  /** Per VM and quantile: its value so far (the VM's max until its bucket is found). */
  readonly values: Float64Array;
}

/**
 * One bucket's counts of every VM (from `row`): each VM whose next quantiles' ranks it reaches gets
 * them at the bucket's upper edge (or its max, if lower). Returns how many VMs have all their
 * quantiles now. A function of its own, called once a bucket: a run's summary runs once, and with
 * on-stack replacement off (cli/v8Tuning.ts) a loop inside it would run unoptimised to the end
 * (at 256 VMs most of a summary's time); this one is optimised after a few buckets.
 */
function scanBucket(scan: QuantileScan, row: number, upperEdge: number): number {
  const { all, vmCount, qCount, ranks, seen, next, values } = scan;
  let done = 0;
  for (let vm = 0; vm < vmCount; vm++) {
    const count = all[row + vm]!;
    if (count === 0) continue;
    let k = next[vm]!;
    if (k === qCount) continue;
    const total = (seen[vm]! += count);
    const at = vm * qCount;
    for (; k < qCount && total >= ranks[at + k]!; k++) {
      if (upperEdge < values[at + k]!) values[at + k] = upperEdge;
    }
    next[vm] = k;
    if (k === qCount) done++;
  }
  return done;
}
