import { describe, expect, it } from 'vitest';
import { describeOutcome, evaluateAssertion } from '../../src/assert/evaluateAssertion.js';
import { parseAssertion, type Assertion } from '../../src/assert/parseAssertion.js';
import { fakeRun } from '../sweep/fakeRun.js';

function parse(text: string): Assertion {
  const parsed = parseAssertion(text);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.assertion;
}

const runs = [
  fakeRun({ mode: 'paravirt', vms: 4, offeredGbps: 10, deliveredGbps: 4 }),
  fakeRun({ mode: 'sriov', vms: 4, offeredGbps: 10, deliveredGbps: 9.5 }),
];

describe('--assert expressions', () => {
  it('respects precedence, parentheses, unary minus and every comparison', () => {
    const value = (text: string) => {
      const result = evaluateAssertion(parse(text), runs);
      if (!result.ok) throw new Error(result.reason);
      return result.outcome;
    };
    expect(value('sriov.delivered.gbps >= 2 * paravirt.delivered.gbps').holds).toBe(true);
    expect(value('sriov.delivered.gbps >= 3 * paravirt.delivered.gbps').holds).toBe(false);
    expect(value('1 + 2 * 3 == 7').holds).toBe(true);
    expect(value('(1 + 2) * 3 == 9').holds).toBe(true);
    expect(value('-sriov.delivered.gbps < -9').holds).toBe(true);
    expect(value('sriov.delivered.gbps / paravirt.delivered.gbps > 2.3').holds).toBe(true);
    expect(value('1 != 1').holds).toBe(false);
    expect(value('2e1 <= 20.0').holds).toBe(true);
    const outcome = value('sriov.delivered.gbps >= 3 * paravirt.delivered.gbps');
    expect(describeOutcome(outcome)).toBe(
      'sriov.delivered.gbps >= 3 * paravirt.delivered.gbps: 9.500 >= 12.00 is false (sriov.delivered.gbps = 9.500, paravirt.delivered.gbps = 4.000)',
    );
  });

  it.each([
    ['sriov.delivered.gbps >= ', 'but found the end'],
    ['sriov.delivered.gbps', 'expected a comparison'],
    [
      'sriov.delivered.gbps >= 2 paravirt.delivered.gbps',
      'unexpected "paravirt.delivered.gbps" at column 27',
    ],
    ['srio.delivered.gbps > 1', 'did you mean "sriov"'],
    ['sriov.delivered.gpbs > 1', 'Valid fields: vms, frameBytes'],
    ['sriov > 1', 'names a mode but no field'],
    ['process.exit(1) > 0', 'does not start with a mode'],
    ['1 > 0; 2', 'unexpected ";"'],
    ['(1 > 0', 'expected ")"'],
  ])('refuses %s', (text, reason) => {
    const parsed = parseAssertion(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toContain(reason);
  });

  it('says which modes ran when an assertion reads one that did not', () => {
    const result = evaluateAssertion(parse('vmdq.delivered.gbps > 1'), runs);
    expect(result.ok || result.reason).toBe(
      '"vmdq.delivered.gbps > 1" reads vmdq, but this run has only paravirt, sriov',
    );
  });
});
