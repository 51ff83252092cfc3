import { frameText } from '../workload/frameMix.js';
import { loadLabel } from '../workload/offeredLoad.js';
import type { ScenarioConfig } from './scenarioConfig.js';

/** A run in one line: `sriov · 64 VMs · 1518 B · 100% · rx`. */
export function runLabel(config: ScenarioConfig): string {
  const frame = frameText(config.workload.frame);
  const vms = `${config.vms.count} VM${config.vms.count === 1 ? '' : 's'}`;
  return [config.mode, vms, frame, loadLabel(config.workload.load), config.workload.direction].join(' · ');
}
