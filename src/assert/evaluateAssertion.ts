import { formatSignificant } from '../report/formatNumbers.js';
import { metricValue } from '../report/metricPaths.js';
import type { RunResult } from '../run/runResult.js';
import type { ModeId } from '../scenario/scenarioConfig.js';
import type { Assertion, Expression } from './parseAssertion.js';

export interface AssertionOutcome {
  readonly assertion: Assertion;
  readonly holds: boolean;
  readonly left: number;
  readonly right: number;
  /** Every metric the assertion read, with its value: `sriov.delivered.gbps = 9.87`. */
  readonly values: readonly { readonly text: string; readonly value: number }[];
}

export type EvaluateResult =
  { readonly ok: true; readonly outcome: AssertionOutcome } | { readonly ok: false; readonly reason: string };

class MissingMode extends Error {
  constructor(readonly mode: ModeId) {
    super(mode);
  }
}

/** Evaluate an assertion against the runs of one result (one run per mode, as `bench --mode all`). */
export function evaluateAssertion(assertion: Assertion, runs: readonly RunResult[]): EvaluateResult {
  const values = new Map<string, number>();
  const evaluate = (expression: Expression): number => {
    switch (expression.kind) {
      case 'number':
        return expression.value;
      case 'metric': {
        const run = runs.find((candidate) => candidate.mode === expression.mode);
        if (!run) throw new MissingMode(expression.mode);
        const value = metricValue(run, expression.path) ?? Number.NaN;
        values.set(expression.text, value);
        return value;
      }
      case 'negate':
        return -evaluate(expression.operand);
      case 'binary': {
        const left = evaluate(expression.left);
        const right = evaluate(expression.right);
        switch (expression.operator) {
          case '+':
            return left + right;
          case '-':
            return left - right;
          case '*':
            return left * right;
          case '/':
            return left / right;
        }
      }
    }
  };
  try {
    const left = evaluate(assertion.left);
    const right = evaluate(assertion.right);
    return {
      ok: true,
      outcome: {
        assertion,
        holds: compare(left, assertion.operator, right),
        left,
        right,
        values: [...values].map(([text, value]) => ({ text, value })),
      },
    };
  } catch (error) {
    if (!(error instanceof MissingMode)) throw error;
    const ran = [...new Set(runs.map((run) => run.mode))].join(', ');
    return {
      ok: false,
      reason: `"${assertion.text}" reads ${error.mode}, but this run has only ${ran || 'no modes'}`,
    };
  }
}

function compare(left: number, operator: Assertion['operator'], right: number): boolean {
  switch (operator) {
    case '>=':
      return left >= right;
    case '<=':
      return left <= right;
    case '>':
      return left > right;
    case '<':
      return left < right;
    case '==':
      return left === right;
    case '!=':
      return left !== right;
  }
}

/** `sriov.delivered.gbps >= 2 * paravirt.delivered.gbps: 9.87 >= 8.24 (sriov.delivered.gbps = 9.87, …)` */
export function describeOutcome(outcome: AssertionOutcome): string {
  const number = (value: number) => (Number.isFinite(value) ? formatSignificant(value, 4) : String(value));
  const values = outcome.values.map((entry) => `${entry.text} = ${number(entry.value)}`).join(', ');
  return `${outcome.assertion.text}: ${number(outcome.left)} ${outcome.assertion.operator} ${number(outcome.right)} is ${outcome.holds}${values ? ` (${values})` : ''}`;
}
