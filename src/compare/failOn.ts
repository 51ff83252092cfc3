import { METRIC_PATHS, isMetricPath, metricPathList } from '../report/metricPaths.js';
import { didYouMean } from '../scenario/didYouMean.js';

export type ThresholdOperator = '<' | '<=' | '>' | '>=';

/**
 * One `--fail-on` gate: the comparison fails when the change of `path` from base to new is
 * `operator` `limit` — in percent of the base value when `relative`, else in the metric's own unit.
 * `delivered.gbps<-2%` fails when delivered throughput drops by more than 2%.
 */
export interface Threshold {
  readonly path: string;
  readonly operator: ThresholdOperator;
  readonly limit: number;
  readonly relative: boolean;
  /** As the user wrote it, normalized: `delivered.gbps<-2%`. */
  readonly text: string;
}

export type FailOnResult =
  { readonly ok: true; readonly thresholds: Threshold[] } | { readonly ok: false; readonly reason: string };

const ITEM = /^([A-Za-z][\w.]*)\s*(<=|>=|<|>)\s*([+-]?(?:\d+(?:\.\d*)?|\.\d+))\s*(%?)$/;

/**
 * Parse `--fail-on` text: comma-separated `PATH OP CHANGE`, OP one of < <= > >=, CHANGE a signed
 * number with `%` for a relative change or without for an absolute one, e.g.
 * `delivered.gbps<-2%,latencyUs.p99>+10%,dropRatio>0.001`.
 */
export function parseFailOn(raw: string): FailOnResult {
  const thresholds: Threshold[] = [];
  const items = raw.split(',').map((item) => item.trim());
  if (items.every((item) => item === '')) return { ok: false, reason: 'no thresholds given' };
  for (const item of items) {
    if (item === '') continue;
    const match = ITEM.exec(item);
    if (!match) {
      return {
        ok: false,
        reason: `"${item}" is not PATH OP CHANGE (OP: < <= > >=; CHANGE: a signed number, with % for a relative change), e.g. delivered.gbps<-2%`,
      };
    }
    const [, path = '', operator = '<', limit = '0', percent = ''] = match;
    if (!isMetricPath(path)) return { ok: false, reason: unknownPath(path, item) };
    thresholds.push({
      path,
      operator: operator as ThresholdOperator,
      limit: Number(limit),
      relative: percent === '%',
      text: `${path}${operator}${limit}${percent}`,
    });
  }
  return { ok: true, thresholds };
}

/** `unknown field "x" in "…"; did you mean "y"? valid fields: …` */
export function unknownPath(path: string, context: string): string {
  const suggestion = didYouMean(path, METRIC_PATHS);
  const hint = suggestion === undefined ? '' : `; did you mean "${suggestion}"?`;
  return `unknown field "${path}" in "${context}"${hint} Valid fields: ${metricPathList()}`;
}

/** Whether a change (percent or absolute, as the threshold says) trips the threshold. */
export function tripped(threshold: Threshold, change: number): boolean {
  if (Number.isNaN(change)) return false;
  switch (threshold.operator) {
    case '<':
      return change < threshold.limit;
    case '<=':
      return change <= threshold.limit;
    case '>':
      return change > threshold.limit;
    case '>=':
      return change >= threshold.limit;
  }
}
