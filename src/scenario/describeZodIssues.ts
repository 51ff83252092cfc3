import type { z } from 'zod';
import { didYouMean } from './didYouMean.js';
import { LOAD_TEXT_PATTERN, suggestLoadText } from './parseLoad.js';
import { formatFieldPath, type FieldPath, type LocatedProblem } from './locatedProblem.js';
import type { ParsedScenarioText } from './parseScenarioText.js';
import { allowedKeysAt } from './scenarioJsonSchema.js';

type Issue = z.core.$ZodIssue;

/** Longer lists of allowed keys are referred to, not printed. */
const MAX_LISTED_KEYS = 14;

/** An issue after unions are resolved to the alternative the user most likely meant. */
type FlatIssue =
  | { readonly kind: 'leaf'; readonly issue: Issue; readonly path: FieldPath }
  | {
      readonly kind: 'union';
      readonly expected: string;
      readonly input: unknown;
      readonly path: FieldPath;
      readonly suggestion: string | undefined;
    };

/** Turn zod issues into located, fix-it problems: one per issue, unknown keys one per key. */
export function describeZodIssues(issues: readonly Issue[], parsed: ParsedScenarioText): LocatedProblem[] {
  const problems: LocatedProblem[] = [];
  const seen = new Set<string>();
  for (const flat of issues.flatMap((issue) => flatten(issue, []))) {
    for (const report of reportsOf(flat)) {
      const key = `${formatFieldPath(report.path)}\u0000${report.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const { line, column } = parsed.locate(report.path, report.target);
      problems.push({
        source: parsed.source,
        line,
        column,
        path: formatFieldPath(report.path),
        message: report.message,
        ...(report.expected === undefined ? {} : { expected: report.expected }),
        ...(report.received === undefined ? {} : { received: report.received }),
      });
    }
  }
  return problems;
}

function samePath(a: FieldPath, b: FieldPath): boolean {
  return a.length === b.length && a.every((segment, i) => segment === b[i]);
}

function flatten(issue: Issue, prefix: FieldPath): FlatIssue[] {
  const path = [...prefix, ...(issue.path as FieldPath)];
  if (issue.code !== 'invalid_union') return [{ kind: 'leaf', issue, path }];
  const branches = issue.errors.map((branch) => branch.flatMap((inner) => flatten(inner, path)));
  // An alternative whose very shape is wrong here (a number where a list is expected) is not what the
  // user meant; among the rest, the one with the fewest type mismatches, then the fewest issues.
  const candidates = branches.filter(
    (branch) => !branch.some((flat) => isMismatch(flat) && samePath(flat.path, path)),
  );
  let best: FlatIssue[] | undefined;
  for (const branch of candidates) {
    if (
      best === undefined ||
      mismatches(branch) < mismatches(best) ||
      (mismatches(branch) === mismatches(best) && branch.length < best.length)
    ) {
      best = branch;
    }
  }
  if (best !== undefined && best.length > 0) return best;
  const leaves = branches
    .flat()
    .flatMap((flat) => (flat.kind === 'leaf' && samePath(flat.path, path) ? [flat.issue] : []));
  const choices = leaves.flatMap((leaf) =>
    leaf.code === 'invalid_value' ? leaf.values.map((v) => String(v)) : [],
  );
  const input: unknown = issue.input;
  const suggestion =
    typeof input !== 'string'
      ? undefined
      : leaves.some(isLoadFormatIssue)
        ? suggestLoadText(input)
        : didYouMean(input, choices);
  return [{ kind: 'union', expected: issue.message, input, path, suggestion }];
}

function isLoadFormatIssue(issue: Issue): boolean {
  return (
    issue.code === 'invalid_format' && issue.format === 'regex' && issue.pattern === String(LOAD_TEXT_PATTERN)
  );
}

function isMismatch(flat: FlatIssue): boolean {
  if (flat.kind === 'union') return true;
  const { issue } = flat;
  return (
    (issue.code === 'invalid_type' && issue.input !== undefined) ||
    issue.code === 'invalid_value' ||
    issue.code === 'invalid_format'
  );
}

function mismatches(branch: readonly FlatIssue[]): number {
  return branch.filter(isMismatch).length;
}

interface Report {
  readonly path: FieldPath;
  readonly target: 'key' | 'value';
  readonly message: string;
  readonly expected?: string;
  readonly received?: string;
}

/** A value of the wrong shape: `expected …, found …`, then `; fix` when there is one. */
function mismatch(path: FieldPath, expected: string, received: string, fix?: string): Report {
  return {
    path,
    target: 'value',
    expected,
    received,
    message: `expected ${expected}, found ${received}${fix === undefined ? '' : `; ${fix}`}`,
  };
}

function reportsOf(flat: FlatIssue): Report[] {
  if (flat.kind === 'union') {
    const received = describeValue(flat.input);
    const { suggestion } = flat;
    return [
      mismatch(
        flat.path,
        flat.expected,
        received,
        suggestion === undefined ? fixFor(flat.input) : `did you mean "${suggestion}"?`,
      ),
    ];
  }
  const { issue, path } = flat;
  switch (issue.code) {
    case 'unrecognized_keys': {
      const allowed = allowedKeysAt(path);
      return issue.keys.map((key) => {
        const suggestion = didYouMean(key, allowed);
        const where = path.length === 0 ? 'at the top level' : `in ${formatFieldPath(path)}`;
        const hint = suggestion === undefined ? '' : `did you mean "${suggestion}"? `;
        const list =
          allowed.length <= MAX_LISTED_KEYS
            ? `allowed keys: ${allowed.join(', ')}`
            : `${allowed.length} keys are allowed here (${path[0] === 'costs' ? '`nicvirt costs`' : '`nicvirt schema`'} lists them)`;
        return {
          path: [...path, key],
          target: 'key' as const,
          expected: `one of ${allowed.join(', ')}`,
          received: `"${key}"`,
          message: `unknown key "${key}" ${where}; ${hint}${list}`,
        };
      });
    }
    case 'invalid_type': {
      const expected = typeText(issue.expected);
      if (issue.input === undefined) {
        const name = path[path.length - 1];
        return [
          {
            path,
            target: 'value',
            expected,
            received: 'nothing',
            message: `required field "${String(name)}" is missing; add it (${expected})`,
          },
        ];
      }
      return [mismatch(path, expected, describeValue(issue.input), fixFor(issue.input, issue.expected))];
    }
    case 'too_small':
    case 'too_big': {
      const received = describeValue(issue.input);
      const bound = Number(issue.code === 'too_small' ? issue.minimum : issue.maximum);
      if (issue.origin === 'array') {
        const expected =
          issue.code === 'too_small'
            ? `a list of at least ${bound} item${bound === 1 ? '' : 's'}`
            : `at most ${bound} items`;
        return [mismatch(path, expected, received)];
      }
      const op = issue.code === 'too_small' ? (issue.inclusive ? '≥' : '>') : issue.inclusive ? '≤' : '<';
      const expected = `a number ${op} ${bound}`;
      const fix =
        issue.code === 'too_small' && bound === 0 && typeof issue.input === 'number' && issue.input < 0
          ? 'negative values are not allowed'
          : `use a value ${op} ${bound}`;
      return [mismatch(path, expected, received, fix)];
    }
    case 'invalid_value': {
      const choices = issue.values.map((value) => String(value));
      const expected = `one of ${choices.join(', ')}`;
      const received = describeValue(issue.input);
      const suggestion = typeof issue.input === 'string' ? didYouMean(issue.input, choices) : undefined;
      const fix = suggestion === undefined ? `use ${expected}` : `did you mean "${suggestion}"?`;
      return [mismatch(path, expected, received, fix)];
    }
    case 'invalid_format': {
      const suggestion =
        isLoadFormatIssue(issue) && typeof issue.input === 'string'
          ? suggestLoadText(issue.input)
          : undefined;
      const fix = suggestion === undefined ? undefined : `did you mean "${suggestion}"?`;
      return [mismatch(path, issue.message, describeValue(issue.input), fix)];
    }
    default:
      return [{ path, target: 'value', message: issue.message }];
  }
}

function typeText(expected: string): string {
  switch (expected) {
    case 'int':
      return 'a whole number';
    case 'number':
      return 'a number';
    case 'string':
      return 'a string';
    case 'boolean':
      return 'true or false';
    case 'object':
      return 'a mapping of fields';
    case 'array':
      return 'a list';
    default:
      return expected;
  }
}

/** How a value reads in a message. */
function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value (null)';
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'NaN (not a number)';
    if (!Number.isFinite(value)) return `${value > 0 ? '' : 'negative '}infinity`;
    return String(value);
  }
  if (typeof value === 'string')
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value);
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : `a list of ${value.length}`;
  if (typeof value === 'object') return 'a mapping';
  return typeof value;
}

function fixFor(input: unknown, expected?: string): string {
  if (typeof input === 'number' && !Number.isFinite(input)) return 'write a finite number';
  if (input === null) return 'give a value or delete the key';
  if (
    typeof input === 'string' &&
    (expected === 'number' || expected === 'int') &&
    input.trim() !== '' &&
    Number.isFinite(Number(input))
  ) {
    return 'write the number without quotes';
  }
  if (typeof input === 'string' && expected === 'boolean')
    return 'write true or false (YAML 1.2: yes/no/on/off are strings)';
  if (typeof input === 'number' && expected === 'int') return 'use a whole number';
  return 'see `nicvirt schema` for the format';
}
