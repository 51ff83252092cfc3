import { describe, expect, it } from 'vitest';
import { EXIT_USAGE } from '../../src/cli/exitCodes.js';
import { STACK_LINE, runCli } from './runCli.js';

/** Found by the flag fuzzer: a bad --cost value was an internal error (exit 1) after runs started. */
describe('nicvirt validate-model --cost with a bad value', () => {
  it.each(['kickCycles=-1', 'copyHotGBps=0'])(
    '%s is bad input: exit 2 naming --cost, nothing run',
    async (cost) => {
      const run = await runCli(['validate-model', '--only', 'R10b', '--cost', cost]);
      expect(run.code).toBe(EXIT_USAGE);
      expect(run.stderr).toMatch(/^nicvirt: error: --cost: /);
      expect(run.stderr).not.toContain('internal error');
      expect(run.stderr).not.toMatch(STACK_LINE);
      expect(run.stdout).toBe('');
    },
  );
});
