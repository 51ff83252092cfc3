import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type Document,
  type Node as YamlNode,
  type Pair,
} from 'yaml';
import { findJsonSyntaxError } from './jsonSyntaxError.js';
import { capProblems, type FieldPath, type LocatedProblem } from './locatedProblem.js';
import { findExcessiveNesting, MAX_NESTING_DEPTH } from './nestingDepth.js';
import type { LocatedResult } from './locatedResult.js';

export type ScenarioFormat = 'yaml' | 'json';

export interface SourcePosition {
  readonly line: number;
  readonly column: number;
  /** False when the path is not in the file and the position is that of its nearest ancestor. */
  readonly exact: boolean;
}

/** A parsed scenario document: plain data plus a way back from a field path to the file position. */
export interface ParsedScenarioText {
  readonly source: string;
  readonly format: ScenarioFormat;
  readonly value: unknown;
  /**
   * Where a field is written: its key (`target: 'key'`) or its value. A path the file does not
   * contain resolves to the nearest ancestor that it does (the document start at worst).
   */
  readonly locate: (path: FieldPath, target?: 'key' | 'value') => SourcePosition;
}

/** Alias expansions allowed while converting a document: stops "billion laughs" files. */
const MAX_ALIAS_COUNT = 100;

/** `.json` → JSON, `.yaml`/`.yml` → YAML; otherwise (stdin, other names) sniff the first character. */
export function scenarioFormatOf(source: string, text: string): { format: ScenarioFormat; sniffed: boolean } {
  const lower = source.toLowerCase();
  if (lower.endsWith('.json')) return { format: 'json', sniffed: false };
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) return { format: 'yaml', sniffed: false };
  const first = /^\uFEFF?\s*(\S)/.exec(text)?.[1];
  return { format: first === '{' || first === '[' ? 'json' : 'yaml', sniffed: true };
}

/** Parse YAML or JSON text into data with source positions; every syntax problem at once. */
export function parseScenarioText(
  text: string,
  source: string,
  format?: ScenarioFormat,
): LocatedResult<ParsedScenarioText> {
  const detected = format === undefined ? scenarioFormatOf(source, text) : { format, sniffed: false };
  const lineCounter = new LineCounter();
  const position = (offset: number): { line: number; column: number } => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const problem = (offset: number, message: string, path = ''): LocatedProblem => ({
    source,
    ...position(offset),
    path,
    message,
  });

  if (text.replace(/^\uFEFF/, '').trim() === '') {
    return {
      ok: false,
      problems: [
        {
          source,
          path: '',
          message: `the file is empty; a scenario is a ${detected.format === 'json' ? 'JSON object such as `{"mode": "sriov"}`' : 'YAML mapping such as `mode: sriov`'} (see \`nicvirt schema\` and the files in scenarios/)`,
        },
      ],
    };
  }

  const tooDeep = findExcessiveNesting(text);
  if (tooDeep !== undefined) {
    // The parsers have not run, so the line counter is empty: count lines here.
    const before = text.slice(0, tooDeep);
    const line = before.split('\n').length;
    const column = tooDeep - before.lastIndexOf('\n');
    return {
      ok: false,
      problems: [
        {
          source,
          line,
          column,
          path: '',
          message: `malformed ${detected.format === 'json' ? 'JSON' : 'YAML'}: the document nests too deeply to read (more than ${MAX_NESTING_DEPTH} levels); a scenario needs a handful of levels`,
        },
      ],
    };
  }

  if (detected.format === 'json') {
    const jsonError = findJsonSyntaxError(text);
    if (jsonError) {
      // Positions come from the same counter the YAML parser fills.
      parseDocument(text, { lineCounter, logLevel: 'silent' });
      const how = detected.sniffed ? ' (read as JSON because it starts with { or [)' : '';
      return {
        ok: false,
        problems: [problem(jsonError.offset, `malformed JSON${how}: ${jsonError.message}`)],
      };
    }
  }

  const doc = parseDocument(text, {
    lineCounter,
    uniqueKeys: false, // duplicates are found below, with both positions and the key name
    logLevel: 'silent',
    prettyErrors: false,
  });
  const language = detected.format === 'json' ? 'JSON' : 'YAML';
  const problems: LocatedProblem[] = [];
  const seen = new Set<string>();
  const add = (offset: number, message: string): void => {
    const key = `${offset}\u0000${message}`;
    if (!seen.has(key)) problems.push(problem(offset, message));
    seen.add(key);
  };
  for (const error of doc.errors) {
    const reason = /call stack/i.test(error.message)
      ? `the document nests too deeply to read; a scenario needs a handful of levels`
      : `${firstLine(error.message)}; fix the syntax at this position`;
    add(error.pos[0], `malformed ${language}: ${reason}`);
  }
  for (const warning of doc.warnings) {
    add(
      warning.pos[0],
      `unsupported ${language}: ${firstLine(warning.message)}; scenario files use plain values without tags`,
    );
  }
  if (problems.length > 0) return { ok: false, problems: capProblems(problems, source) };

  checkKeys(
    doc,
    problem,
    (offset) => {
      const { line, column } = position(offset);
      return `${line}:${column}`;
    },
    problems,
  );
  if (problems.length > 0) return { ok: false, problems };

  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) {
    return {
      ok: false,
      problems: [
        problem(
          0,
          'the file has no content (only comments or `null`); a scenario is a mapping such as `mode: sriov`',
        ),
      ],
    };
  }
  if (!isMap(doc.contents)) {
    const found = isSeq(doc.contents) ? 'a list' : 'a single value';
    return {
      ok: false,
      problems: [
        problem(
          doc.contents.range?.[0] ?? 0,
          `the top level must be a mapping of fields (mode, vms, nic, workload, …); found ${found}`,
        ),
      ],
    };
  }

  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error: unknown) {
    const message = error instanceof Error ? error.message : String(error);
    const aliasBomb = /alias/i.test(message);
    return {
      ok: false,
      problems: [
        problem(
          firstAliasOffset(doc) ?? 0,
          aliasBomb
            ? `the file expands YAML aliases (*name) more than ${MAX_ALIAS_COUNT} times; write the values out instead of nesting aliases`
            : `could not read the ${language} document: ${firstLine(message)}`,
        ),
      ],
    };
  }

  const locate = (path: FieldPath, target: 'key' | 'value' = 'value'): SourcePosition => {
    const { offset, exact } = locateOffset(doc, path, target);
    return { ...position(offset), exact };
  };
  return { ok: true, value: { source, format: detected.format, value, locate } };
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '').replace(/[.:]$/, '');
}

function keyText(pair: Pair): string | undefined {
  if (isScalar(pair.key)) return String(pair.key.value);
  return undefined;
}

/** Non-scalar keys (`? [a, b]: 1`) and duplicate keys are errors, each with its position. */
function checkKeys(
  doc: Document.Parsed,
  problem: (offset: number, message: string, path?: string) => LocatedProblem,
  where: (offset: number) => string,
  problems: LocatedProblem[],
): void {
  const visitNode = (node: unknown, depth: number): void => {
    if (depth > 256) return;
    if (isMap(node)) {
      const seen = new Map<string, number>();
      for (const pair of node.items) {
        const key = keyText(pair);
        const keyOffset = (pair.key as YamlNode | null)?.range?.[0] ?? node.range?.[0] ?? 0;
        if (key === undefined) {
          problems.push(problem(keyOffset, 'a key must be a plain name, not a list or mapping'));
        } else if (seen.has(key)) {
          const first = where(seen.get(key) ?? 0);
          problems.push(
            problem(keyOffset, `duplicate key "${key}" (first given at ${first}); keep one of them`),
          );
        } else {
          seen.set(key, keyOffset);
        }
        visitNode(pair.value, depth + 1);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) visitNode(item, depth + 1);
    }
  };
  visitNode(doc.contents, 0);
}

function firstAliasOffset(doc: Document.Parsed): number | undefined {
  let found: number | undefined;
  const visitNode = (node: unknown): void => {
    if (found !== undefined) return;
    if (isAlias(node)) found = node.range?.[0];
    else if (isMap(node)) for (const pair of node.items) visitNode(pair.value);
    else if (isSeq(node)) for (const item of node.items) visitNode(item);
  };
  visitNode(doc.contents);
  return found;
}

/** Offset of a path's key or value; the nearest present ancestor when the path is not in the file. */
function locateOffset(
  doc: Document.Parsed,
  path: FieldPath,
  target: 'key' | 'value',
): { offset: number; exact: boolean } {
  let node: unknown = doc.contents;
  let offset = (node as YamlNode | null)?.range?.[0] ?? 0;
  for (const [index, segment] of path.entries()) {
    if (isAlias(node)) node = node.resolve(doc);
    if (isMap(node)) {
      const pair = node.items.find((p) => keyText(p) === String(segment));
      if (!pair) return { offset, exact: false };
      const keyOffset = (pair.key as YamlNode | null)?.range?.[0] ?? offset;
      if (index === path.length - 1 && target === 'key') return { offset: keyOffset, exact: true };
      node = pair.value;
      offset = (node as YamlNode | null)?.range?.[0] ?? keyOffset;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item: unknown = node.items[segment];
      if (item === undefined) return { offset, exact: false };
      node = item;
      offset = (item as YamlNode | null)?.range?.[0] ?? offset;
    } else {
      return { offset, exact: false };
    }
  }
  return { offset, exact: true };
}
