import type { LocatedProblem } from './locatedProblem.js';

/** Like Resolved, but every problem says where it came from. */
export type LocatedResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly problems: readonly LocatedProblem[] };
