/** Deepest nesting a scenario file may use; real scenarios use four or five levels. */
export const MAX_NESTING_DEPTH = 64;
/** Deepest indentation of a block-style line, columns (block nesting is indentation). */
const MAX_INDENT_COLUMNS = 4 * MAX_NESTING_DEPTH;

/**
 * Find where YAML/JSON text nests deeper than the cap, before any parser recurses into it: flow
 * brackets (`[`, `{`) outside quotes and comments, and block indentation. Returns the offset of the
 * first character past the cap, or undefined. A parser's stack overflow is not a reliable guard
 * (its depth depends on the stack size, and V8 may abort instead of throwing).
 */
export function findExcessiveNesting(text: string): number | undefined {
  let depth = 0;
  let quote: '"' | "'" | null = null;
  let lineStart = true;
  let indent = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\n') {
      lineStart = true;
      indent = 0;
      continue;
    }
    if (lineStart) {
      if (ch === ' ') {
        indent++;
        if (indent > MAX_INDENT_COLUMNS) return i;
        continue;
      }
      lineStart = false;
    }
    if (quote !== null) {
      if (ch === '\\' && quote === '"') i++;
      else if (ch === quote) quote = null;
      continue;
    }
    if (ch === '"' || ch === "'") {
      quote = ch;
    } else if (ch === '#' && (i === 0 || /\s/.test(text[i - 1]!))) {
      const end = text.indexOf('\n', i);
      if (end < 0) return undefined;
      i = end - 1;
    } else if (ch === '[' || ch === '{') {
      depth++;
      if (depth > MAX_NESTING_DEPTH) return i;
    } else if (ch === ']' || ch === '}') {
      depth = Math.max(0, depth - 1);
    }
  }
  return undefined;
}
