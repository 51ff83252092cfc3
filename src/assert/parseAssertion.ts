import { unknownPath } from '../compare/failOn.js';
import { isMetricPath } from '../report/metricPaths.js';
import { didYouMean } from '../scenario/didYouMean.js';
import { MODE_IDS, isModeId, type ModeId } from '../scenario/scenarioConfig.js';

/**
 * `--assert` expressions: a comparison of two arithmetic expressions over numbers and run metrics,
 * parsed by a small recursive-descent parser (no eval):
 *
 *   assertion  := sum COMPARE sum            COMPARE: >= <= > < == !=
 *   sum        := product (('+' | '-') product)*
 *   product    := unary (('*' | '/') unary)*
 *   unary      := '-' unary | primary
 *   primary    := NUMBER | MODE '.' METRIC_PATH | '(' sum ')'
 *
 * e.g. `sriov.delivered.gbps >= 2 * paravirt.delivered.gbps`.
 */
export type Expression =
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'metric'; readonly mode: ModeId; readonly path: string; readonly text: string }
  | { readonly kind: 'negate'; readonly operand: Expression }
  | {
      readonly kind: 'binary';
      readonly operator: '+' | '-' | '*' | '/';
      readonly left: Expression;
      readonly right: Expression;
    };

export type ComparisonOperator = '>=' | '<=' | '>' | '<' | '==' | '!=';

export interface Assertion {
  readonly text: string;
  readonly left: Expression;
  readonly operator: ComparisonOperator;
  readonly right: Expression;
}

export type ParseAssertionResult =
  { readonly ok: true; readonly assertion: Assertion } | { readonly ok: false; readonly reason: string };

interface Token {
  readonly kind: 'number' | 'name' | 'operator' | 'end';
  readonly text: string;
  readonly position: number;
}

const TOKEN =
  /\s*(?:(\d+(?:\.\d*)?(?:e[+-]?\d+)?|\.\d+(?:e[+-]?\d+)?)|([A-Za-z_][\w-]*(?:\.[A-Za-z_]\w*)*)|(>=|<=|==|!=|[<>+\-*/()]))/iy;

class ParseFailure extends Error {}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  let position = 0;
  while (position < text.length) {
    if (text.slice(position).trim() === '') break;
    TOKEN.lastIndex = position;
    const match = TOKEN.exec(text);
    if (!match) {
      const at = position + (text.slice(position).length - text.slice(position).trimStart().length);
      throw new ParseFailure(`unexpected "${text.slice(at, at + 1)}" at column ${at + 1}`);
    }
    const start = match.index + match[0].length - (match[1] ?? match[2] ?? match[3] ?? '').length;
    if (match[1] !== undefined) tokens.push({ kind: 'number', text: match[1], position: start });
    else if (match[2] !== undefined) tokens.push({ kind: 'name', text: match[2], position: start });
    else tokens.push({ kind: 'operator', text: match[3] ?? '', position: start });
    position = TOKEN.lastIndex;
  }
  tokens.push({ kind: 'end', text: '', position: text.length });
  return tokens;
}

const COMPARISONS: readonly string[] = ['>=', '<=', '>', '<', '==', '!='];

/** Parse one `--assert` expression; problems name the column and, for metrics, the valid names. */
export function parseAssertion(text: string): ParseAssertionResult {
  try {
    const tokens = tokenize(text);
    let index = 0;
    const peek = (): Token => tokens[index] ?? { kind: 'end', text: '', position: text.length };
    const take = (): Token => {
      const token = peek();
      index += 1;
      return token;
    };
    const describe = (token: Token) =>
      token.kind === 'end' ? 'the end' : `"${token.text}" at column ${token.position + 1}`;

    const primary = (): Expression => {
      const token = take();
      if (token.kind === 'number') return { kind: 'number', value: Number(token.text) };
      if (token.kind === 'name') return metric(token.text);
      if (token.kind === 'operator' && token.text === '(') {
        const inner = sum();
        const close = take();
        if (close.text !== ')') throw new ParseFailure(`expected ")" but found ${describe(close)}`);
        return inner;
      }
      throw new ParseFailure(
        `expected a number, a metric such as sriov.delivered.gbps, or "(" but found ${describe(token)}`,
      );
    };
    const unary = (): Expression => {
      if (peek().kind === 'operator' && peek().text === '-') {
        take();
        return { kind: 'negate', operand: unary() };
      }
      return primary();
    };
    const product = (): Expression => {
      let left = unary();
      while (peek().kind === 'operator' && (peek().text === '*' || peek().text === '/')) {
        const operator = take().text as '*' | '/';
        left = { kind: 'binary', operator, left, right: unary() };
      }
      return left;
    };
    const sum = (): Expression => {
      let left = product();
      while (peek().kind === 'operator' && (peek().text === '+' || peek().text === '-')) {
        const operator = take().text as '+' | '-';
        left = { kind: 'binary', operator, left, right: product() };
      }
      return left;
    };

    const left = sum();
    const operatorToken = take();
    if (operatorToken.kind !== 'operator' || !COMPARISONS.includes(operatorToken.text)) {
      throw new ParseFailure(
        `expected a comparison (${COMPARISONS.join(' ')}) but found ${describe(operatorToken)}`,
      );
    }
    const right = sum();
    const end = take();
    if (end.kind !== 'end') throw new ParseFailure(`unexpected ${describe(end)} after the comparison`);
    return {
      ok: true,
      assertion: { text: text.trim(), left, operator: operatorToken.text as ComparisonOperator, right },
    };
  } catch (error) {
    if (error instanceof ParseFailure) return { ok: false, reason: error.message };
    throw error;
  }
}

/** `sriov.delivered.gbps` → mode sriov, path delivered.gbps; unknown names list the valid ones. */
function metric(text: string): Expression {
  const dot = text.indexOf('.');
  const modeText = (dot < 0 ? text : text.slice(0, dot)).toLowerCase().replace(/[-_]/g, '');
  const path = dot < 0 ? '' : text.slice(dot + 1);
  if (!isModeId(modeText)) {
    const suggestion = didYouMean(modeText, MODE_IDS);
    throw new ParseFailure(
      `"${text}" does not start with a mode${suggestion ? ` (did you mean "${suggestion}"?)` : ''}; write MODE.FIELD with MODE one of ${MODE_IDS.join(', ')}, e.g. sriov.delivered.gbps`,
    );
  }
  if (path === '')
    throw new ParseFailure(`"${text}" names a mode but no field; e.g. ${modeText}.delivered.gbps`);
  if (!isMetricPath(path)) throw new ParseFailure(unknownPath(path, text));
  return { kind: 'metric', mode: modeText, path, text: `${modeText}.${path}` };
}
