import { MAX_RANK, type Clock } from '../sim/clock.js';
import { LocalClock } from '../sim/localClock.js';
import { RankedClock } from '../sim/rankedClock.js';
import type { Simulator } from '../sim/simulator.js';
import type { CpuCore } from './cpuCore.js';
import { Poller } from './poller.js';

/**
 * Put every core, with the pollers on it, on a clock, once the host is wired. A core forms a clock
 * group of its own, off the global heap, when nothing but its one upstream stage can observe it:
 * - every poller on it hands frames only to final delivery, to pollers on the same core, or to
 *   pollers on cores that are groups too and fed by this one alone;
 * - its pollers are fed either only from outside the cores (the NIC, a traffic source) and cores on
 *   the global heap — calls that come in the global loop's time order — or only by one other group;
 * - none of its pollers fed by another core's poller fires on a frame count: handing it a batch, that
 *   poller's frames can make its interrupt due at that very moment, and the next frame's hand-over
 *   would then catch the group up halfway through the batch, where the heap runs the interrupt after
 *   the producer's event. (Frame-count coalescing is a NIC feature: its pollers are fed by the NIC,
 *   whose frames are always ready later than the moment they are handed over.)
 * The group's rank is one more than its feeding group's (1 when fed from the global heap). Cores
 * that fail a rule stay on the global heap (rank 0), and so does a group that would feed them.
 *
 * In the RX direction this takes in most of a host: SR-IOV guests and native RSS queues (fed by
 * the NIC, delivering), VMQ/VMDq queue cores and their guests, the software switch's core and the
 * guests behind it. Transmit paths end at the NIC's TX port, which many cores share, so they stay
 * on the heap, and so do the vCPUs that also run a guest's TX.
 *
 * With `sim.shortcuts` off, a group's events go on the heap with its rank (RankedClock): the same
 * order, event for event, which is what the tests compare. Returns each core's rank.
 */
export function assignClocks(sim: Simulator, cores: readonly CpuCore[]): number[] {
  const count = cores.length;
  const indexOf = new Map<CpuCore, number>();
  cores.forEach((core, i) => indexOf.set(core, i));
  const lazy = new Array<boolean>(count).fill(false);
  const fedFromOutside = new Array<boolean>(count).fill(false);
  // Most cores have no other core up- or downstream: they share one empty set (link() gives a core
  // its own). Two sets a core were a tenth of what a 32-VM host allocated.
  const upstream = new Array<Set<number>>(count).fill(NO_CORES);
  const downstream = new Array<Set<number>>(count).fill(NO_CORES);
  cores.forEach((core, i) => {
    let eligible = core.jobs.length > 0;
    for (const job of core.jobs) {
      if (!(job instanceof Poller)) {
        eligible = false;
        continue;
      }
      for (const sink of job.outputs) {
        if (sink.passive === true) continue;
        const d = sink instanceof Poller ? indexOf.get(sink.coreOf) : undefined;
        if (d === undefined) eligible = false;
        else if (d !== i) link(downstream, i, d);
      }
      for (const producer of job.producers) {
        const u = producer === null ? undefined : indexOf.get(producer.coreOf);
        if (u === undefined) fedFromOutside[i] = true;
        else if (u !== i) {
          link(upstream, i, u);
          if (job.firesOnFrameCount) eligible = false;
        }
      }
    }
    lazy[i] = eligible;
  });

  const ranks = new Array<number>(count).fill(0);
  for (;;) {
    settle(lazy, upstream, downstream, fedFromOutside);
    // Rank: one more than the one group feeding it. A chain deeper than MAX_RANK goes back to
    // the heap at its root (the stage fed from the heap), so the deepest stages stay groups; a
    // cycle, which has no root, at the core where it overflows. Then the rules are settled again.
    ranks.fill(0);
    for (let i = 0; i < count; i++) if (lazy[i]) ranks[i] = 1;
    // Up to MAX_RANK + 1 passes, each in core order; a pass that changes no rank leaves the next
    // one nothing to change, so the passes stop there (chains are short: 8 passes over every core
    // were half of a 256-VM host's clock assignment).
    let overflow = -1;
    let changed = true;
    for (let pass = 0; pass <= MAX_RANK && overflow < 0 && changed; pass++) {
      changed = false;
      for (let i = 0; i < count && overflow < 0; i++) {
        if (!lazy[i]) continue;
        const feeder = lazyFeeder(i, lazy, upstream);
        const rank = feeder < 0 ? 1 : ranks[feeder]! + 1;
        if (rank !== ranks[i]) {
          ranks[i] = rank;
          changed = true;
        }
        if (rank > MAX_RANK) overflow = i;
      }
    }
    if (overflow < 0) break;
    lazy[chainRoot(overflow, lazy, upstream)] = false;
  }

  cores.forEach((core, i) => {
    const rank = ranks[i]!;
    const clock: Clock =
      rank === 0
        ? sim
        : sim.shortcuts
          ? new LocalClock(sim, rank, core.jobs.length === 1)
          : new RankedClock(sim, rank);
    core.useClock(clock);
    for (const job of core.jobs) if (job instanceof Poller) job.useClock(clock);
  });
  return ranks;
}

/** The cores linked to a core that has none (shared, never written). */
const NO_CORES = new Set<number>();

/** Add core `j` to core `i`'s set in `sets`, giving `i` a set of its own first if it shares NO_CORES. */
function link(sets: Set<number>[], i: number, j: number): void {
  let set = sets[i]!;
  if (set === NO_CORES) sets[i] = set = new Set<number>();
  set.add(j);
}

/** Demote cores until the rules hold: a group feeds only groups, and a group is fed by one group or none. */
function settle(
  lazy: boolean[],
  upstream: readonly ReadonlySet<number>[],
  downstream: readonly ReadonlySet<number>[],
  fedFromOutside: readonly boolean[],
): void {
  let changed = true;
  while (changed) {
    changed = false;
    for (let i = 0; i < lazy.length; i++) {
      if (!lazy[i]) continue;
      for (const d of downstream[i]!) {
        if (!lazy[d]) {
          lazy[i] = false;
          changed = true;
          break;
        }
      }
    }
    for (let d = 0; d < lazy.length; d++) {
      if (!lazy[d]) continue;
      const feeders = upstream[d]!;
      let lazyFeeders = 0;
      for (const u of feeders) if (lazy[u]) lazyFeeders++;
      if (lazyFeeders === 0) continue;
      if (lazyFeeders > 1 || fedFromOutside[d] || feeders.size > 1) {
        for (const u of feeders) lazy[u] = false;
        changed = true;
      }
    }
  }
}

/** The first group of the chain of groups feeding group `i`; `i` itself when the chain is a cycle. */
function chainRoot(i: number, lazy: readonly boolean[], upstream: readonly ReadonlySet<number>[]): number {
  let at = i;
  for (let steps = 0; steps < lazy.length; steps++) {
    const feeder = lazyFeeder(at, lazy, upstream);
    if (feeder < 0) return at;
    at = feeder;
  }
  return i;
}

/** The group feeding group `i`, or -1 when it is fed from the global heap. */
function lazyFeeder(i: number, lazy: readonly boolean[], upstream: readonly ReadonlySet<number>[]): number {
  for (const u of upstream[i]!) if (lazy[u]) return u;
  return -1;
}
