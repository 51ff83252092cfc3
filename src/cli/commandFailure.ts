/**
 * A command finished its work but the outcome is a failure the caller asked to be told about
 * (a validation that did not hold, an assertion, a regression gate): main() prints the message,
 * if any, and exits with `exitCode` (1) — not a bug, not bad input.
 */
export class CommandFailure extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode: number) {
    super(message);
    this.name = 'CommandFailure';
    this.exitCode = exitCode;
  }
}
