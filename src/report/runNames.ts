import type { RunResult } from '../run/runResult.js';
import { frameSizeText } from '../workload/frameMix.js';
import { loadLabel } from '../workload/offeredLoad.js';

/** Default load and direction: left out of benchmark names so the common case reads short. */
const DEFAULT_LOAD = '100%';
const DEFAULT_DIRECTION = 'rx';

/** `100%`, `5gbps`, `1.2mpps`: the offered load as the user gave it. */
export function runLoadLabel(run: RunResult): string {
  return loadLabel(run.scenario.workload.load);
}

/**
 * A run as benchmark-name parts, `mode=sriov/vms=32/frame=1518`, with `load=` and `dir=` added
 * when they are not the defaults (100%, rx). benchstat reads each `key=value` as a configuration
 * dimension.
 */
export function runKeyParts(run: RunResult): string[] {
  const parts = [`mode=${run.mode}`, `vms=${run.vms}`, `frame=${run.frameLabel}`];
  const load = runLoadLabel(run);
  if (load !== DEFAULT_LOAD) parts.push(`load=${load}`);
  if (run.direction !== DEFAULT_DIRECTION) parts.push(`dir=${run.direction}`);
  return parts;
}

/** `sriov · 32 VMs · 1518 B · 100% · rx` */
export function runTitle(run: RunResult): string {
  const vms = `${run.vms} VM${run.vms === 1 ? '' : 's'}`;
  return [run.mode, vms, frameSizeText(run.frameLabel), runLoadLabel(run), run.direction].join(' · ');
}
