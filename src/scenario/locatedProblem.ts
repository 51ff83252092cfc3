import type { Problem } from './problem.js';

/** A problem with where it came from: a file position, or the command line. */
export interface LocatedProblem extends Problem {
  /** The file as the user named it, `<stdin>`, or `command line`. */
  readonly source: string;
  /** 1-based line and column of the offending key or value, when known. */
  readonly line?: number;
  readonly column?: number;
}

/** Path segments as in a file: keys and list indexes. */
export type FieldPath = readonly (string | number)[];

/** `workload.frameBytes[1]`; the empty path is the whole document. */
export function formatFieldPath(path: FieldPath): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else text += text === '' ? segment : `.${segment}`;
  }
  return text;
}

/**
 * One paragraph: `file:line:col: field: what is wrong (expected …, found …); how to fix it`.
 * Expected/found are added only when the message does not already say them.
 */
export function formatLocatedProblem(problem: LocatedProblem): string {
  const where =
    problem.line === undefined ? problem.source : `${problem.source}:${problem.line}:${problem.column ?? 1}`;
  const field = problem.path === '' ? '' : ` ${problem.path}:`;
  const { expected, received, message } = problem;
  const detail =
    expected !== undefined &&
    received !== undefined &&
    !message.includes(expected) &&
    !message.includes(received)
      ? ` (expected ${expected}, found ${received})`
      : '';
  return `${where}:${field} ${message}${detail}`;
}

/** Problems listed per file; the rest are counted (one slip can cascade into hundreds). */
export const MAX_LISTED_PROBLEMS = 30;

/** At most MAX_LISTED_PROBLEMS problems, then one that counts the rest. */
export function capProblems(problems: readonly LocatedProblem[], source: string): LocatedProblem[] {
  if (problems.length <= MAX_LISTED_PROBLEMS) return [...problems];
  const rest = problems.length - MAX_LISTED_PROBLEMS;
  return [
    ...problems.slice(0, MAX_LISTED_PROBLEMS),
    { source, path: '', message: `… and ${rest} more problems like these` },
  ];
}
