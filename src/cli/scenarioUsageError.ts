import { COMMAND_LINE_SOURCE } from '../scenario/commandLineSource.js';
import { formatLocatedProblem, type LocatedProblem } from '../scenario/locatedProblem.js';
import type { Problem } from '../scenario/problem.js';
import { describeScenarioProblem, type ScenarioFlagValues } from './scenarioFlags.js';
import { type UsageError, usageErrorFromList } from './usageError.js';

export interface ScenarioProblemSettings {
  /** Start of fix-it examples for flag problems, e.g. `nicvirt run scenarios/sriov.yaml`. */
  readonly commandPrefix: string;
  readonly flags: ScenarioFlagValues;
}

/**
 * Located scenario problems as printable problems: file problems as `file:line:col: field: …`,
 * problems a flag caused in the flag's own words (`--vms: … Example: …`).
 */
export function printableScenarioProblems(
  problems: readonly LocatedProblem[],
  settings: ScenarioProblemSettings,
): Problem[] {
  return problems.map((problem) => {
    if (problem.source === COMMAND_LINE_SOURCE) {
      const plain: Problem = {
        path: problem.path,
        message: problem.message,
        ...(problem.expected === undefined ? {} : { expected: problem.expected }),
        ...(problem.received === undefined ? {} : { received: problem.received }),
      };
      return describeScenarioProblem(plain, { commandPrefix: settings.commandPrefix, flags: settings.flags });
    }
    const text = formatLocatedProblem(problem);
    return {
      ...problem,
      path: text.slice(0, text.length - problem.message.length).replace(/:?\s*$/, ''),
      message: text,
    };
  });
}

/** All problems of one scenario as one UsageError (exit 2), every problem listed. */
export function scenarioUsageError(
  problems: readonly LocatedProblem[],
  settings: ScenarioProblemSettings,
  source: string,
): UsageError {
  return usageErrorFromList(printableScenarioProblems(problems, settings), `in ${source}`);
}
