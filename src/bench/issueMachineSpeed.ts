/**
 * Issue 8's speed target read on the issue's own machine. The issue sets its targets "on this
 * 2-core machine" and describes that machine by its reference programs, among them the C event
 * loop of its tandem model at ≈ 3 M packets per second. Machines of that kind differ (the
 * eighteenth round's ran the loop at 6.3–6.7 M, the nineteenth round's at 4.1–4.6 M), so bench:sim
 * also reads every speed row scaled by the C loop measured beside it: its packets per CPU second
 * × 3 M / the loop's here. An estimate, and a kind one: the nineteenth round's slower machine
 * slowed nicvirt 1.2–2× more than it slowed the C loop.
 */

/** The issue's figure for its C event loop on its machine, packets per second. */
export const ISSUE_C_EVENT_LOOP_PPS = 3e6;

/** A speed row as it would read on the issue's machine. */
export interface IssueMachineSpeed {
  /** Packets per CPU second, scaled by the C event loop's ≈ 3 M there against its speed here. */
  readonly packetsPerSec: number;
  /** At or above the row's target there. */
  readonly pass: boolean;
}

/** `packetsPerCoreSec` measured beside a C event loop of `cEventLoopPps`; null when that was not measured. */
export function speedOnIssueMachine(
  packetsPerCoreSec: number,
  cEventLoopPps: number | null,
  targetPps: number,
): IssueMachineSpeed | null {
  if (cEventLoopPps === null || !(cEventLoopPps > 0)) return null;
  const packetsPerSec = (packetsPerCoreSec * ISSUE_C_EVENT_LOOP_PPS) / cEventLoopPps;
  return { packetsPerSec, pass: packetsPerSec >= targetPps };
}
