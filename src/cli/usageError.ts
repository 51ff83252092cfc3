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

/**
 * Problems as one UsageError: a single problem is the message itself; several are
 * `N problems WHERE:` (e.g. `in file.yaml`), each listed as data.
 */
export function usageErrorFromList(problems: readonly Problem[], where: string): UsageError {
  const first = problems[0];
  if (problems.length === 1 && first) return new UsageError(first.message, problems);
  return new UsageError(`${problems.length} problems ${where}:`, problems);
}
