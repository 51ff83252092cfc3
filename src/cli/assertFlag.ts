import type { Command } from 'commander';
import { describeOutcome, evaluateAssertion } from '../assert/evaluateAssertion.js';
import { parseAssertion, type Assertion } from '../assert/parseAssertion.js';
import type { RunResult } from '../run/runResult.js';
import type { CliIo } from './cliIo.js';
import { CommandFailure } from './commandFailure.js';
import { EXIT_FAILURE } from './exitCodes.js';
import { collectRepeated } from './repeatableOption.js';
import { UsageError } from './usageError.js';

const EXAMPLE = `nicvirt bench --mode all --assert "sriov.delivered.gbps >= 2 * paravirt.delivered.gbps"`;

/** `--assert <expr>`, repeatable: a check on the runs; a failed one exits 1 after the report. */
export function addAssertOption(command: Command): Command {
  return command.option(
    '--assert <expr>',
    'check the result, e.g. "sriov.delivered.gbps >= 2 * paravirt.delivered.gbps" (MODE.FIELD, numbers, + - * / ( ), >= <= > < == !=); repeatable; a failed check prints the values and exits 1',
    collectRepeated,
  );
}

/** Parse every --assert before anything runs, so a typo costs no simulation (exit 2). */
export function assertionsFromOptions(command: Command): Assertion[] {
  const raw: unknown = command.opts()['assert'];
  const texts = Array.isArray(raw) ? raw.map(String) : [];
  return texts.map((text) => {
    const parsed = parseAssertion(text);
    if (!parsed.ok) throw new UsageError(`--assert "${text}": ${parsed.reason}. Example: ${EXAMPLE}`);
    return parsed.assertion;
  });
}

/**
 * Evaluate the assertions against the runs: each passing one is a line on stderr; any failing one
 * is a CommandFailure (exit 1) that prints the values it compared. An assertion on a mode that did
 * not run is bad input (exit 2).
 */
export function checkAssertions(
  assertions: readonly Assertion[],
  runs: readonly RunResult[],
  io: CliIo,
): void {
  const failed: string[] = [];
  for (const assertion of assertions) {
    const evaluated = evaluateAssertion(assertion, runs);
    if (!evaluated.ok) {
      throw new UsageError(
        `--assert: ${evaluated.reason}; run the modes it reads, e.g. with --mode all. Example: ${EXAMPLE}`,
      );
    }
    const line = describeOutcome(evaluated.outcome);
    if (evaluated.outcome.holds) io.stderr(`nicvirt: assertion holds: ${line}\n`);
    else failed.push(line);
  }
  if (failed.length > 0) {
    const head = `${failed.length} of ${assertions.length} assertion${assertions.length === 1 ? '' : 's'} failed:`;
    throw new CommandFailure(`${head}\n${failed.map((line) => `  - ${line}`).join('\n')}`, EXIT_FAILURE);
  }
}
