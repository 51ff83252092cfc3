import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { evaluateCheck, summarizeValidation, type ValidationRow } from '../calibration/evaluateCheck.js';
import { PUBLISHED_CHECKS, type CheckInput } from '../calibration/publishedChecks.js';
import { formatValidationJson, formatValidationTable } from '../report/formatValidation.js';
import type { RunResult } from '../run/runResult.js';
import { runScenario } from '../run/runScenario.js';
import { formatLocatedProblem } from '../scenario/locatedProblem.js';
import { readScenarioFile } from '../scenario/loadScenarioFile.js';
import { resolveScenario } from '../scenario/resolveScenario.js';
import { mergeScenarioInput } from '../scenario/mergeScenarioInput.js';
import type { ScenarioInput } from '../scenario/scenarioInput.js';
import { isCostName } from '../model/costTable.js';
import { scenarioInputFromFlags } from './scenarioFlags.js';
import { UsageError } from './usageError.js';
import type { CliIo } from './cliIo.js';
import { CommandFailure } from './commandFailure.js';
import { EXIT_FAILURE } from './exitCodes.js';
import { colorEnabled, parseFormatFlag } from './outputOptions.js';
import { VALIDATE_MODEL_FORMATS } from './validateModelCommand.js';

/** The reproduction scenarios shipped with the package. */
const PUBLISHED_SCENARIO_DIR = fileURLToPath(new URL('../../scenarios/published/', import.meta.url));

/**
 * `nicvirt validate-model`, once its flags are parsed: run the reproductions asked for and compare
 * them with the published figures. Loaded only when the command runs (see validateModelCommand.ts).
 */
export async function runValidateModel(self: Command, io: CliIo): Promise<void> {
  const options = self.opts<{
    only?: string;
    format?: string;
    color?: boolean;
    cost?: readonly string[];
  }>();
  const format = parseFormatFlag(options.format, VALIDATE_MODEL_FORMATS, 'nicvirt validate-model');
  const costOverrides = scenarioInputFromFlags(options.cost ? { cost: options.cost } : {}, {
    commandPrefix: 'nicvirt validate-model',
  });
  for (const name of Object.keys(costOverrides.costs ?? {})) {
    if (!isCostName(name)) {
      throw new UsageError(
        `--cost: unknown cost "${name}"; run \`nicvirt costs\` for the names. Example: nicvirt validate-model --cost switchPortCycles=7000`,
      );
    }
  }
  // Values too (negative, zero copy bandwidth): bad input, before any reproduction runs.
  const costCheck = resolveScenario({ costs: costOverrides.costs ?? {} });
  const costProblems = costCheck.ok ? [] : costCheck.problems.filter((p) => p.path.startsWith('costs'));
  if (costProblems.length > 0) {
    throw new UsageError(
      `--cost: ${costProblems.map((problem) => problem.message).join('; ')}. Example: nicvirt validate-model --cost switchPortCycles=7000`,
    );
  }
  const wanted = options.only?.split(',').map((id) => id.trim().toUpperCase());
  if (
    wanted &&
    !wanted.every((id) =>
      PUBLISHED_CHECKS.some((c) => c.id.toUpperCase() === id || c.result.toUpperCase() === id),
    )
  ) {
    throw new UsageError(
      `--only: unknown id in "${options.only ?? ''}"; use check ids (${PUBLISHED_CHECKS.map((c) => c.id).join(', ')}) or result ids (R5, R12, R1, R2, R10, R18). Example: nicvirt validate-model --only R5,R10b`,
    );
  }
  const checks = PUBLISHED_CHECKS.filter(
    (check) =>
      !wanted || wanted.includes(check.id.toUpperCase()) || wanted.includes(check.result.toUpperCase()),
  );
  const cache = new Map<string, readonly RunResult[]>();
  const rows: ValidationRow[] = [];
  for (const check of checks) {
    const runs: (readonly RunResult[])[] = [];
    for (const input of check.inputs) runs.push(await runsOf(input, costOverrides, cache));
    rows.push(evaluateCheck(check, runs));
  }
  const report = summarizeValidation(rows);
  io.stdout(
    format === 'json'
      ? formatValidationJson(report)
      : formatValidationTable(report, { color: colorEnabled(io, options.color) }),
  );
  if (report.failed > 0) {
    throw new CommandFailure(`${report.failed} published figure(s) outside tolerance`, EXIT_FAILURE);
  }
}

async function runsOf(
  input: CheckInput,
  extra: ScenarioInput,
  cache: Map<string, readonly RunResult[]>,
): Promise<readonly RunResult[]> {
  const overrides = mergeScenarioInput(input.overrides ?? {}, extra);
  const key = `${input.file}\u0000${JSON.stringify(overrides)}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const text = await readScenarioFile(input.file, PUBLISHED_SCENARIO_DIR);
  if (!text.ok)
    throw new Error(
      `published scenario ${input.file}: ${text.problems.map(formatLocatedProblem).join('; ')}`,
    );
  // zod and yaml are loaded on use, not at start-up (see main.ts).
  const { compileScenario } = await import('../scenario/compileScenario.js');
  const compiled = compileScenario(text.value, { source: input.file, overrides });
  if (!compiled.ok) {
    throw new Error(
      `published scenario ${input.file}: ${compiled.problems.map(formatLocatedProblem).join('; ')}`,
    );
  }
  const runs = compiled.value.runs.map((run) => runScenario(run.config));
  cache.set(key, runs);
  return runs;
}
