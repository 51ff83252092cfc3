/** Where JSON text stops being JSON, and why (with a fix); undefined when it parses. Depth-capped. */
export interface JsonSyntaxError {
  readonly offset: number;
  readonly message: string;
}

const MAX_DEPTH = 256;

/**
 * A small JSON recognizer used only to report errors: JSON.parse says what went wrong but not
 * always where. Returns the first offending offset with a short description.
 */
export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const fail = (message: string): JsonSyntaxError => ({ offset: Math.min(pos, text.length), message });
  const skipSpace = (): void => {
    while (pos < text.length && ' \t\r\n'.includes(text[pos] ?? '')) pos++;
  };
  const describeHere = (): string => (pos >= text.length ? 'the end of the file' : `'${text[pos] ?? ''}'`);

  const parseString = (): JsonSyntaxError | undefined => {
    pos++; // opening quote
    while (pos < text.length) {
      const ch = text[pos] ?? '';
      if (ch === '"') {
        pos++;
        return undefined;
      }
      if (ch === '\\') {
        const next = text[pos + 1] ?? '';
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(pos + 2, pos + 6)))
            return fail('bad \\u escape in a string; write \\u and four hex digits');
          pos += 6;
          continue;
        }
        if (!'"\\/bfnrt'.includes(next) || next === '')
          return fail(`bad escape \\${next} in a string; escape a backslash as \\\\`);
        pos += 2;
        continue;
      }
      if (ch.charCodeAt(0) < 0x20)
        return fail('a control character (such as a raw newline) inside a string; write it as \\n or \\t');
      pos++;
    }
    return fail('a string that never ends; add the closing "');
  };

  const parseNumber = (): JsonSyntaxError | undefined => {
    const match = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?/.exec(text.slice(pos, pos + 400));
    if (!match || match[0] === '' || match[0] === '-')
      return fail(`expected a value, found ${describeHere()}`);
    pos += match[0].length;
    return undefined;
  };

  const parseValue = (depth: number): JsonSyntaxError | undefined => {
    if (depth > MAX_DEPTH) return fail(`nesting deeper than ${MAX_DEPTH} levels; a scenario needs a handful`);
    skipSpace();
    const ch = text[pos];
    if (ch === '{') {
      pos++;
      skipSpace();
      if (text[pos] === '}') {
        pos++;
        return undefined;
      }
      for (;;) {
        skipSpace();
        if (text[pos] !== '"')
          return fail(`expected a double-quoted key, found ${describeHere()}; JSON keys need double quotes`);
        const keyError = parseString();
        if (keyError) return keyError;
        skipSpace();
        if (text[pos] !== ':')
          return fail(`expected ':' after the key, found ${describeHere()}; add the colon`);
        pos++;
        const valueError = parseValue(depth + 1);
        if (valueError) return valueError;
        skipSpace();
        if (text[pos] === ',') {
          pos++;
          skipSpace();
          if (text[pos] === '}')
            return fail("a trailing comma before '}'; delete the comma (JSON allows none)");
          continue;
        }
        if (text[pos] === '}') {
          pos++;
          return undefined;
        }
        return fail(
          `expected ',' or '}' after a value, found ${describeHere()}; add a comma between entries or close the object`,
        );
      }
    }
    if (ch === '[') {
      pos++;
      skipSpace();
      if (text[pos] === ']') {
        pos++;
        return undefined;
      }
      for (;;) {
        const valueError = parseValue(depth + 1);
        if (valueError) return valueError;
        skipSpace();
        if (text[pos] === ',') {
          pos++;
          skipSpace();
          if (text[pos] === ']')
            return fail("a trailing comma before ']'; delete the comma (JSON allows none)");
          continue;
        }
        if (text[pos] === ']') {
          pos++;
          return undefined;
        }
        return fail(
          `expected ',' or ']' after a list item, found ${describeHere()}; add a comma between items or close the list`,
        );
      }
    }
    if (ch === '"') return parseString();
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, pos)) {
        pos += word.length;
        return undefined;
      }
    }
    if (ch !== undefined && /[-0-9]/.test(ch)) return parseNumber();
    if (text.startsWith('NaN', pos) || text.startsWith('Infinity', pos)) {
      return fail(
        `${text.startsWith('NaN', pos) ? 'NaN' : 'Infinity'} is not a JSON number; write a finite number`,
      );
    }
    return fail(
      `expected a value, found ${describeHere()}; strings need double quotes, numbers and true/false/null none`,
    );
  };

  const error = parseValue(0);
  if (error) return error;
  skipSpace();
  if (pos < text.length)
    return fail(`unexpected ${describeHere()} after the end of the JSON value; a file holds one object`);
  return undefined;
}
