import { setFlagsFromString } from 'node:v8';

/**
 * V8's budget of bytecodes it inlines into one optimised function (its default: 920), and its cap
 * on them (`--max-inlined-bytecode-size-absolute`, default 4600). A frame's path through the
 * simulator — traffic source, the NIC's wire and DMA stages, the ring it lands in, the poll that
 * takes it — is a chain of small methods. With the default budget V8 stops inlining partway, and
 * every call left in the chain passes picosecond times (doubles beyond the small-integer range) as
 * freshly allocated heap numbers. 3000 inlines most of the chain: 10–20% faster in every mode at 32
 * and 256 VMs (alternating fresh processes, best and median of 6; 2000 and 4000 did as well). Not
 * all of it: calls still left out of line box 16–125 bytes of times per frame, by mode (V8's
 * sampling heap profiler). 4600 (the cap) since the rings keep their frames in pages (thirteenth
 * round): a push then reads its page, and at 3000 the traffic source's chain left the poller's
 * `accept` out of line (VMQ at 1518 B: 128 bytes allocated a frame instead of 112, 247 ms instead
 * of 217 per simulated second; at 4600, 212). It had been measured 3–4% quicker before, for VMQ and
 * SR-IOV, and left out then for the memory its larger code took (VMQ at 4096 VMs up to 148 MiB,
 * when the limit was 150 MB); with pages that run peaks at 141–145 MB (10^6 bytes).
 *
 * 6000, budget and cap, since the eighteenth round: at 4600 whether `accept` was inlined into the
 * run loop was luck. V8 counts a callee that already has optimised code of its own as its bytecode
 * plus all that code inlined (Poller.accept: 274 + 3,525: catching its clock group up), so it fit
 * what the traffic source's chain left of the budget only when the run loop was optimised before
 * `accept` was, a race in V8's concurrent compiler: VMQ at 1518 B allocated 104 bytes a frame in
 * most processes and 88 in some. At 6000 it fits either way: 88 in every process (6 of 6). Against
 * the 4600 build (alternating fresh processes, best of 12 runs): VMQ at 1518 B 222 → 211 ms per
 * simulated second, VMDq 219 → 215, SR-IOV at 64 B and paravirt at 1518 B with 256 VMs the same
 * (276 → 274, 61 → 62), the other modes at 32 VMs within ±2%; the 126-point sweep 1–2% slower,
 * within its noise (two jobs 3.01–3.17 s against 2.97–3.09, one job 4.26–4.37 against 4.18–4.35,
 * three alternating runs each); peak RSS of VMQ at 4096 VMs for 1 s 141 MB either way. On
 * bench:sim's reading, the best of five processes, a wash (its best process at 4600 was mostly a
 * lucky one): what goes is that piece of luck (VMQ at 64 B still allocates 0.9 or 16.7 bytes a
 * frame by process). 8000 did no better for VMQ and VMDq and made the sweep on two jobs slower
 * (3.08–3.18 s); 10000/20000 had made long runs 5–10% quicker but every process compiled more (the
 * sweep on two jobs 3.6–3.8 → 4.1–4.8 s).
 */
const INLINED_BYTECODES_PER_FUNCTION = 6000;

/**
 * On-stack replacement off. OSR optimises a loop while its function is still running; V8 (11.3,
 * Node 20) keeps that code and jumps back into it at the loop's next iteration even after it has
 * deoptimised, so a deoptimisation in OSR code can repeat hundreds of times (traced: a poll's end,
 * optimised by OSR in a sweep worker, deoptimised 175 times in one run, all in the same code). The
 * engine's loops are short calls, and the run loop returns every few thousand steps
 * (Simulator, CHUNK_STEPS), so ordinary optimisation serves them all; measured, off is as fast.
 */
const OSR = '--no-use-osr';

/**
 * The young generation kept at its starting size (2 MB) instead of growing to V8's 32 MB. The
 * engine allocates little (16-125 bytes of boxed times per frame, collected young), but enough for
 * V8 to grow the young generation to its maximum, all of it resident: at 4096 VMs that was ~28 MB
 * of the run's peak RSS (native at 64 B in both directions, 120 -> 92 MB in process). Measured as
 * fast (main-thread CPU, alternating fresh processes: VMQ at 1518 B, emulated at 256 VMs, SR-IOV
 * and VMQ at 64 B, paravirt, within each other's noise). Its maximum can only be set at start-up,
 * but its growth factor is read when it would grow, and a grown young generation never shrinks, so
 * bin/nicvirt.js sets the flags before it loads the CLI, whose loading alone grew it to 8 MB (4096
 * VMs, emulated at 64 B both ways: 149 -> 142 MB peak RSS of the CLI; loading it then took ~6 more
 * scavenges, ~10 ms of start-up, won back by loading less: see main.ts). Worker threads get the
 * same from their resource limits (see sweep/runPoints.ts).
 */
const YOUNG_GENERATION = '--semi-space-growth-factor=1';

/**
 * The old generation allowed to grow 20% past what the last full collection kept before the next
 * one, instead of V8's factor of up to 4 (chosen from its own collection and allocation speeds).
 * Boxed times that happen to be alive at two scavenges in a row, batches and lists outgrown as a
 * host warms up, are promoted to the old generation and die there; a host of thousands of VMs is
 * built once and lives as long as the run, so that garbage piled up on top of it. VMQ at 4096 VMs
 * with a queue each (64 B both ways, the bench's memory section): 150 → 144 MB peak RSS of the CLI,
 * VMDq 152 → 146, emulated 116 → 110, paravirt 107 → 102. A full collection of such a host takes
 * ~20 ms, and few happen: the 126-point sweep on two jobs 2.9–3.3 s either way (alternating runs).
 */
const OLD_GENERATION_GROWTH = '--heap-growing-percent=20';

let tuned = false;

/**
 * Raise V8's inlining budget and its cap, turn OSR off, keep the young generation small and the
 * old one close to what it holds, once per process, before the simulation's code is optimised.
 * Flags are process-wide (worker threads started later have them too) and only steer V8's
 * optimising compiler and garbage collector, so results are identical with and without.
 */
export function tuneV8ForSimulation(): void {
  if (tuned) return;
  tuned = true;
  setFlagsFromString(`--max-inlined-bytecode-size-cumulative=${INLINED_BYTECODES_PER_FUNCTION}`);
  setFlagsFromString(`--max-inlined-bytecode-size-absolute=${INLINED_BYTECODES_PER_FUNCTION}`);
  setFlagsFromString(OSR);
  setFlagsFromString(YOUNG_GENERATION);
  setFlagsFromString(OLD_GENERATION_GROWTH);
}
