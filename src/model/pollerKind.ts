import { pollPlanOf } from '../metrics/pollPlan.js';
import { COMPONENT_COUNT } from '../metrics/recorder.js';
import { itemsKey, type Charge } from './costItem.js';
import type { Moderation, PollerSpec } from './poller.js';

/**
 * What a poller's kind is made of: its spec's costs and budget, its moderation, and the signals its
 * consumers need.
 */
export type PollerKindSpec = Pick<
  PollerSpec,
  'dropLocation' | 'budget' | 'perInterrupt' | 'perPoll' | 'perPacket'
> &
  Moderation & {
    /** The components its sinks' signals charge (sorted, each once: it is part of the kind's key). */
    readonly signalComponents: readonly number[];
  };

/**
 * The read-only part of a poller, worked out once from its spec: moderation, budget, the costs of a
 * poll's start (per component and in total, the interrupt's and the poll's costs added in the order
 * charging them item by item would, so the sums are the same to the last bit) and of each frame.
 * Every poller built from the same figures shares one (kindOf): 256 guests' pollers then read the
 * same few cache lines for these instead of owning a copy each, and each poller's own object keeps
 * only its state.
 */
export class PollerKind {
  // Initial numbers for fields set in the constructor: see the note in Poller.
  /** Index into DROP_LOCATIONS: where a frame is counted when the ring is full. */
  readonly dropLocation: number = 0;
  readonly minGapPs: number = 0;
  readonly coalesceFrames: number = 0;
  readonly delayPs: number = 0;
  readonly budget: number = 0;
  /** The per-frame cost items' sums (a frame's length on the core). */
  readonly packetFixedPs: number = 0;
  readonly packetPerBytePs: number = 0;
  /** The components a poller of this kind can charge (its own costs and its sinks' signals). */
  readonly componentsUsed: Int32Array;
  /** Of those, the ones its sinks' signals charge: all a poll's signals can touch. */
  readonly signalComponents: Int32Array;
  readonly pollStartPs: number = 0;
  readonly pollStartExits: number = 0;
  readonly pollStartInterrupts: number = 0;
  readonly interruptStartPs: number = 0;
  readonly interruptStartExits: number = 0;
  readonly interruptStartInterrupts: number = 0;
  /** What a poll charges each component, for Recorder.busyFromPlan (see metrics/pollPlan.ts). */
  readonly pollPlan: Float64Array;

  constructor(spec: PollerKindSpec) {
    this.dropLocation = spec.dropLocation;
    this.minGapPs = spec.minGapPs;
    this.coalesceFrames = spec.coalesceFrames;
    this.delayPs = spec.delayPs;
    this.budget = spec.budget;
    let fixed = 0;
    let perByte = 0;
    for (const item of spec.perPacket) {
      fixed += item.fixedPs;
      perByte += item.perBytePs;
    }
    this.packetFixedPs = fixed;
    this.packetPerBytePs = perByte;
    const used = new Set<number>(spec.signalComponents);
    for (const charge of [spec.perInterrupt, spec.perPoll]) {
      for (const item of charge.items) used.add(item.component);
    }
    for (const item of spec.perPacket) used.add(item.component);
    this.componentsUsed = Int32Array.from([...used].sort((a, b) => a - b));
    this.signalComponents = Int32Array.from(spec.signalComponents);
    const pollStart = startOf([spec.perPoll]);
    this.pollStartPs = pollStart.totalPs;
    this.pollStartExits = pollStart.exits;
    this.pollStartInterrupts = pollStart.interrupts;
    const interruptStart = startOf([spec.perInterrupt, spec.perPoll]);
    this.interruptStartPs = interruptStart.totalPs;
    this.interruptStartExits = interruptStart.exits;
    this.interruptStartInterrupts = interruptStart.interrupts;
    this.pollPlan = pollPlanOf(
      this.componentsUsed,
      interruptStart.byComponentPs,
      pollStart.byComponentPs,
      spec.perPacket,
    );
  }
}

/** What `charges` cost together, per component and in total, with the exits and interrupts they count. */
function startOf(charges: readonly Charge[]) {
  const byComponentPs = new Float64Array(COMPONENT_COUNT);
  let totalPs = 0;
  let exits = 0;
  let interrupts = 0;
  for (const charge of charges) {
    const components = charge.componentByItem;
    for (let i = 0; i < components.length; i++) byComponentPs[components[i]!]! += charge.fixedPsByItem[i]!;
    // The charge's own sum, item by item from 0: what charging its items one by one comes to.
    totalPs += charge.fixedPs;
    exits += charge.exits;
    interrupts += charge.interrupts;
  }
  return { totalPs, byComponentPs, exits, interrupts };
}

/** Kinds built so far, by their figures (bounded: a long sweep in one process builds many hosts). */
const kinds = new Map<string, PollerKind>();
const MAX_KINDS = 10_000;

/** Its figures as text, exactly (numbers print shortest round-trip), quicker than JSON for a host of hundreds of VMs. */
function keyOf(spec: PollerKindSpec): string {
  return [
    spec.dropLocation,
    spec.minGapPs,
    spec.coalesceFrames,
    spec.delayPs,
    spec.budget,
    spec.perInterrupt.key,
    spec.perPoll.key,
    itemsKey(spec.perPacket),
    spec.signalComponents.join(','),
  ].join(';');
}

/**
 * Kinds already handed out for a charge object, by the poll charge of their spec (its other parts
 * compared one by one): a host builds its pollers from the few charge and cost-item objects its
 * CostModel hands out, so every VM's poller after the first finds its kind here without writing its
 * figures out as text (~0.3 kB of strings a poller; cold set-up of a 1024-VM VMQ host, V8's code,
 * 71.6k -> 66.8k instructions a VM under callgrind).
 * Weak: the entries go with the charges, i.e. with the host that made them; a charge every host
 * shares (NO_CHARGE) keeps at most MAX_KNOWN_PER_CHARGE, so a long sweep's do not pile up.
 */
const kindsByCharge = new WeakMap<Charge, KnownKind[]>();
const MAX_KNOWN_PER_CHARGE = 32;

interface KnownKind {
  readonly spec: PollerKindSpec;
  readonly kind: PollerKind;
}

/** The kind for `spec`: the one already built from the same figures, or a new one. */
export function kindOf(spec: PollerKindSpec): PollerKind {
  let known = kindsByCharge.get(spec.perPoll);
  if (known === undefined) kindsByCharge.set(spec.perPoll, (known = []));
  for (let i = 0; i < known.length; i++) {
    const entry = known[i]!;
    if (sameParts(entry.spec, spec)) return entry.kind;
  }
  const kind = kindByFigures(spec);
  if (known.length >= MAX_KNOWN_PER_CHARGE) known.length = 0;
  known.push({ spec, kind });
  return kind;
}

/** Whether `a` and `b` are made of the same parts: equal numbers, the same charge and cost-item objects. */
function sameParts(a: PollerKindSpec, b: PollerKindSpec): boolean {
  return (
    a.perPoll === b.perPoll &&
    a.perInterrupt === b.perInterrupt &&
    a.dropLocation === b.dropLocation &&
    a.minGapPs === b.minGapPs &&
    a.coalesceFrames === b.coalesceFrames &&
    a.delayPs === b.delayPs &&
    a.budget === b.budget &&
    sameEntries(a.perPacket, b.perPacket) &&
    sameEntries(a.signalComponents, b.signalComponents)
  );
}

function sameEntries<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The kind for `spec` by its figures written out: equal figures in other objects share one too. */
function kindByFigures(spec: PollerKindSpec): PollerKind {
  const key = keyOf(spec);
  const known = kinds.get(key);
  if (known !== undefined) return known;
  if (kinds.size >= MAX_KINDS) kinds.clear();
  const kind = new PollerKind(spec);
  kinds.set(key, kind);
  return kind;
}
