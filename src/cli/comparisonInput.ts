import type { ModeId } from '../scenario/scenarioConfig.js';
import type { ScenarioInput } from '../scenario/scenarioInput.js';

/**
 * The input of one mode in a command that compares modes (`bench --mode all`, `sweep`,
 * `rfc2544 --mode all`): SR-IOV VMs beyond the VF limit go on the software switch unless the user
 * said otherwise, so the comparison runs past the limit and shows it, instead of refusing.
 */
export function inputForComparedMode(input: ScenarioInput, mode: ModeId): ScenarioInput {
  if (mode === 'sriov' && input.fallback === undefined) return { ...input, mode, fallback: true };
  return { ...input, mode };
}
