import type { Problem } from '../scenario/problem.js';

/**
 * Bad input. Thrown only inside src/cli (never by the engine); main() prints `message` as one
 * paragraph and exits 2. `problems` carries validation problems as data when there are several.
 */
export class UsageError extends Error {
  readonly problems: readonly Problem[];
  constructor(message: string, problems: readonly Problem[] = []) {
    super(message);
    this.name = 'UsageError';
    this.problems = problems;
  }
}
