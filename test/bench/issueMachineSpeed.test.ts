import { describe, expect, it } from 'vitest';
import { ISSUE_C_EVENT_LOOP_PPS, speedOnIssueMachine } from '../../src/bench/issueMachineSpeed.js';

describe('speedOnIssueMachine', () => {
  it("scales a row by the issue's C event loop (≈ 3 M/s) against the one measured beside it", () => {
    expect(ISSUE_C_EVENT_LOOP_PPS).toBe(3e6);
    // The nineteenth round's VMQ at 1518 B: 1.48 M here beside a C loop of 4.54 M.
    const vmq = speedOnIssueMachine(1.48e6, 4.54e6, 2e6)!;
    expect(vmq.packetsPerSec).toBeCloseTo((1.48e6 * 3) / 4.54, 0);
    expect(vmq.pass).toBe(false);
    // A machine twice as fast as the issue's halves every row.
    expect(speedOnIssueMachine(12e6, 6e6, 5e6)).toEqual({ packetsPerSec: 6e6, pass: true });
    // A machine slower than the issue's raises it.
    expect(speedOnIssueMachine(1.8e6, 2.4e6, 2e6)).toEqual({ packetsPerSec: 2.25e6, pass: true });
  });

  it('passes a row exactly at its target there', () => {
    expect(speedOnIssueMachine(10e6, 6e6, 5e6)).toEqual({ packetsPerSec: 5e6, pass: true });
    expect(speedOnIssueMachine(9.9e6, 6e6, 5e6)!.pass).toBe(false);
  });

  it('is null when the C event loop was not measured (the reference section not run or skipped)', () => {
    expect(speedOnIssueMachine(5e6, null, 5e6)).toBeNull();
    expect(speedOnIssueMachine(5e6, 0, 5e6)).toBeNull();
    expect(speedOnIssueMachine(5e6, Number.NaN, 5e6)).toBeNull();
  });
});
