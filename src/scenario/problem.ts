/** A validation problem, returned as data: the CLI turns it into a fix-it message and exit code 2. */
export interface Problem {
  /** Dotted path of the offending field in the scenario, e.g. `vms.count` or `workload.load`. */
  readonly path: string;
  /** What is wrong and how to fix it, one sentence or two. */
  readonly message: string;
  readonly expected?: string;
  readonly received?: string;
}

export type Resolved<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problems: readonly Problem[] };
