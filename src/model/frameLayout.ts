/**
 * How frames are laid out: in a poll's batch (CpuCore.batch), in a ring's slots (PacketRing, whose
 * module has the functions that read and pack them) and in the pages of a host's ring arena
 * (RingArena).
 *
 * The modules whose code runs per frame (packetRing.ts, ringArena.ts, poller.ts) do not use these
 * names as imported: each takes module-private copies (`const { PAGE_MASK, … } = layout`). V8
 * (11.3, Node 20) reads an imported binding — and a module's own exported one — through its module
 * cell at every use, with a check that it is initialised (~7 instructions); a module's private
 * constant it folds into the optimised code. The copies (with those of packetRing.ts's functions)
 * took 8–12% of the instructions a frame off every mode measured (callgrind: native at 1518 B
 * 1,941 → 1,716, VMQ 5,672 → 5,109; see docs/simulator-speed.md, "Twenty-first round"). Results
 * are the same: these are the same numbers.
 */

/**
 * A page is 2^PAGE_SHIFT slots (32) of one ring's frames: 32 narrow slots (NARROW_SLOT_WORDS, a
 * ring whose frames all have one size and VM) or 32 wide ones (WIDE_SLOT_WORDS); see packetRing.ts.
 * 16-slot pages held VMQ's frames at 4096 VMs in 2.43 M slots instead of 2.59 M, but a poll of full
 * rings crosses a page every 16 frames: VMQ at 64 B and 256 VMs 131 ms instead of 125 per 150
 * simulated ms (best of 18 alternating runs each), the other modes the same.
 */
export const PAGE_SHIFT = 5;
export const PAGE_SLOTS = 1 << PAGE_SHIFT;
/** A position's slot within its page. */
export const PAGE_MASK = PAGE_SLOTS - 1;
/** Words a slot spans in a ring whose frames all have the same size and VM (two times, no size or VM). */
export const NARROW_SLOT_WORDS = 3;
/** Words a slot spans in a ring whose frames differ in size or VM (the two times, then size and VM). */
export const WIDE_SLOT_WORDS = 4;
/** Words a page of wide slots spans: 512 bytes, eight cache lines (a narrow one: 384 bytes, six). */
export const WIDE_PAGE_WORDS = PAGE_SLOTS * WIDE_SLOT_WORDS;

/** A frame in a poll's batch (CpuCore.batch) is FRAME_FIELDS numbers: these offsets from its base. */
export const FRAME_GEN_PS = 0;
/** When its processing ends. */
export const FRAME_TIME_PS = 1;
/** Size and VM in one number (frameMeta): `vm * 2^FRAME_VM_SHIFT + bytes`, a small integer. */
export const FRAME_META = 2;
export const FRAME_FIELDS = 3;

/** The bits of FRAME_META below the VM: the size (MAX_FRAME_BYTES and MAX_VMS fit, see the ring's test). */
export const FRAME_VM_SHIFT = 14;
export const FRAME_BYTES_MASK = (1 << FRAME_VM_SHIFT) - 1;

/**
 * A frame in a ring is three or four 32-bit words (NARROW_SLOT_WORDS, WIDE_SLOT_WORDS), at these
 * offsets from its base: the low 32 bits of the time the ring's consumer may see it and of its
 * generation time, the high 16 bits of both (the ring time's in the low half), and — in a wide slot
 * only — its size and VM as in FRAME_META.
 */
export const RING_TIME_LO = 0;
export const RING_GEN_LO = 1;
export const RING_TIMES_HI = 2;
export const RING_META = 3;

/**
 * The latest time a ring holds exactly: 2^48 - 1 ps, ~281 s. A run is at most 60 s after a warm-up
 * of at most 60 s (runScenario checks its clock never went past this); times are never negative.
 */
export const MAX_RING_TIME_PS = 2 ** 48 - 1;
