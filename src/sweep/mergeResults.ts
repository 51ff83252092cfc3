import { RESULT_SCHEMA_VERSION } from '../run/runResult.js';
import type { ParsedResults } from './parseResults.js';
import type { SweepInfo, SweepRun } from './sweepResult.js';

export interface ResultSource {
  /** File name as the user gave it. */
  readonly source: string;
  readonly parsed: ParsedResults;
}

export interface MergedResults {
  readonly schemaVersion: number;
  readonly runs: readonly SweepRun[];
  readonly sweep?: SweepInfo;
  /** Things worth a line on stderr (duplicates dropped, points missing). */
  readonly notes: readonly string[];
}

export type MergeOutcome =
  { readonly ok: true; readonly value: MergedResults } | { readonly ok: false; readonly reason: string };

/**
 * Combine result files (typically the shards of one sweep). All must have one schema version this
 * nicvirt reads and one model version; a run present in several files (same configHash) is kept
 * once when identical, and is an error when the results differ. Runs are ordered by sweep point
 * when every run has a distinct one, else kept in file order.
 */
export function mergeResults(sources: readonly ResultSource[]): MergeOutcome {
  const versioned = sources.filter((source) => source.parsed.schemaVersion !== undefined);
  const versions = [...new Set(versioned.map((source) => source.parsed.schemaVersion))];
  if (versions.length > 1) {
    const listed = versioned.map(
      (source) => `${source.source}: schemaVersion ${source.parsed.schemaVersion}`,
    );
    return {
      ok: false,
      reason: `the files have different schema versions (${listed.join(', ')}); re-run the older ones with this nicvirt so all use schemaVersion ${RESULT_SCHEMA_VERSION}`,
    };
  }
  const schemaVersion = versions[0] ?? RESULT_SCHEMA_VERSION;
  if (schemaVersion !== RESULT_SCHEMA_VERSION) {
    return {
      ok: false,
      reason: `the files have schemaVersion ${schemaVersion}, but this nicvirt reads and writes ${RESULT_SCHEMA_VERSION}; use the nicvirt that wrote them`,
    };
  }
  const models = new Map<string, string>();
  for (const source of sources)
    for (const run of source.parsed.runs)
      if (!models.has(run.modelVersion)) models.set(run.modelVersion, source.source);
  if (models.size > 1) {
    const listed = [...models].map(([model, source]) => `model ${model} in ${source}`);
    return {
      ok: false,
      reason: `the files come from different model versions (${listed.join(', ')}); their numbers are not comparable, so re-run the sweep with one nicvirt`,
    };
  }

  const notes: string[] = [];
  const byHash = new Map<string, { run: SweepRun; source: string; text: string }>();
  const runs: SweepRun[] = [];
  for (const source of sources) {
    for (const run of source.parsed.runs) {
      const { point: _point, ...comparable } = run;
      const text = JSON.stringify(comparable);
      const seen = byHash.get(run.configHash);
      if (seen) {
        if (seen.text !== text) {
          return {
            ok: false,
            reason: `${source.source} and ${seen.source} both hold configuration ${run.configHash} (${run.mode}, ${run.vms} VMs) with different results`,
          };
        }
        notes.push(
          `${source.source}: dropped a duplicate of configuration ${run.configHash} (${run.mode}, ${run.vms} VMs), already in ${seen.source}`,
        );
        continue;
      }
      byHash.set(run.configHash, { run, source: source.source, text });
      runs.push(run);
    }
  }

  const points = runs.map((run) => run.point);
  const ordered =
    points.every((point) => point !== undefined) && new Set(points).size === points.length
      ? [...runs].sort((a, b) => (a.point ?? 0) - (b.point ?? 0))
      : runs;

  const totals = [...new Set(sources.map((source) => source.parsed.sweep?.points))];
  let sweep: SweepInfo | undefined;
  const total = totals[0];
  if (totals.length === 1 && total !== undefined) {
    sweep = { points: total };
    if (ordered.length < total)
      notes.push(
        `the merged files hold ${ordered.length} of the sweep's ${total} points; is a shard missing?`,
      );
  }
  return { ok: true, value: { schemaVersion, runs: ordered, ...(sweep ? { sweep } : {}), notes } };
}
