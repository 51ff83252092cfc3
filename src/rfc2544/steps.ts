import type { RunResult } from '../run/runResult.js';
import type { ScenarioConfig } from '../scenario/scenarioConfig.js';

/**
 * A computation that needs trials run for it: it yields a batch of questions, is resumed with the
 * answers in the same order, and finally returns its result. Searches are written this way so the
 * same code runs trial by trial in process or batched with other searches' trials on workers.
 */
export type Steps<Question, Answer, Result> = Generator<Question, Result, Answer>;

/** Steps that ask for simulator runs, a batch at a time. */
export type TrialSteps<Result> = Steps<readonly ScenarioConfig[], readonly RunResult[], Result>;

/** Run steps to the end, answering each question synchronously. */
export function driveSteps<Question, Answer, Result>(
  steps: Steps<Question, Answer, Result>,
  answer: (question: Question) => Answer,
): Result {
  let next = steps.next();
  while (!next.done) next = steps.next(answer(next.value));
  return next.value;
}

/** Two trial computations side by side: each round asks both batches at once. */
export function* alongside<A, B>(first: TrialSteps<A>, second: TrialSteps<B>): TrialSteps<[A, B]> {
  let a = first.next();
  let b = second.next();
  while (!a.done || !b.done) {
    const batchA = a.done ? [] : a.value;
    const batchB = b.done ? [] : b.value;
    const runs = yield [...batchA, ...batchB];
    if (runs.length !== batchA.length + batchB.length) {
      throw new Error(`asked for ${batchA.length + batchB.length} runs, got ${runs.length}`);
    }
    if (!a.done) a = first.next(runs.slice(0, batchA.length));
    if (!b.done) b = second.next(runs.slice(batchA.length));
  }
  return [a.value, b.value];
}
