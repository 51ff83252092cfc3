import type { RunResult } from '../run/runResult.js';
import { loadLabel } from '../workload/offeredLoad.js';
import { formatCount, formatPlain, formatSignificant } from './formatNumbers.js';

/** What was simulated, in two lines: the workload, then the host and the measurement window. */
export function scenarioHeadline(run: RunResult): readonly [string, string] {
  const { scenario } = run;
  const frames = /^\d+$/.test(run.frameLabel)
    ? `${run.frameLabel} B frames`
    : `${run.frameLabel} frames (mean ${formatSignificant(run.frameBytes)} B)`;
  const vms = `${formatCount(run.vms)} ${run.vms === 1 ? 'VM' : 'VMs'} × ${scenario.vms.vcpus} vCPU${scenario.vms.vcpus === 1 ? '' : 's'}`;
  const workload = [
    vms,
    frames,
    run.direction,
    `${loadLabel(scenario.workload.load)} load, ${scenario.workload.arrivals} arrivals`,
  ].join(' · ');
  const host = [
    `NIC ${scenario.nic.profile} at ${formatPlain(scenario.nic.linkGbps)} Gbit/s`,
    `host ${scenario.host.profile}: ${scenario.host.cores} cores @ ${formatPlain(scenario.host.ghz)} GHz, posted interrupts ${scenario.host.postedInterrupts ? 'on' : 'off'}`,
    `${formatPlain(scenario.workload.durationMs)} ms after ${formatPlain(scenario.workload.warmupMs)} ms warm-up`,
    `seed ${scenario.seed}`,
  ].join(' · ');
  return [workload, host];
}
