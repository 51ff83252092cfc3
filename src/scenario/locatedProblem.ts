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
