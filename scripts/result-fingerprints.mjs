#!/usr/bin/env node
// Fingerprints of the model's results: one line per (mode, direction, workload) with a hash of the
// whole RunResult JSON, delivered Gbit/s and the event count. Run before and after an engine change
// (npm run build && node scripts/result-fingerprints.mjs > before.txt) and diff: identical lines mean
// the change did not move any number.
import { runScenario } from '../dist/run/runScenario.js';
import { resolveScenario } from '../dist/scenario/resolveScenario.js';
import { createHash } from 'node:crypto';
const out = [];
const w = { durationMs: 5, warmupMs: 1 };
for (const mode of ['native', 'emulated', 'paravirt', 'vmq', 'vmdq', 'sriov'])
  for (const direction of ['rx', 'tx', 'bidir'])
    for (const [arrivals, frame, vms, nic] of [
      ['cbr', { kind: 'fixed', bytes: 1518 }, 32],
      ['poisson', { kind: 'imix' }, 8],
      ['cbr', { kind: 'fixed', bytes: 64 }, 4],
      // Hundreds of VMs, each on its own queue, pool or VF: where per-VM state is laid out for the caches.
      ['cbr', { kind: 'fixed', bytes: 64 }, 256, { vfs: 256, vmdqPools: 257 }],
    ]) {
      const r = resolveScenario({
        mode,
        vms: { count: vms },
        ...(nic === undefined ? {} : { nic }),
        fallback: true,
        workload: { ...w, direction, arrivals, frame },
      });
      if (!r.ok) throw new Error(`${mode} ${direction}: ${JSON.stringify(r.problems)}`);
      const x = runScenario(r.value);
      out.push(
        `${mode} ${direction} ${arrivals} ${frame.kind === 'fixed' ? frame.bytes : frame.kind} ${vms} ${createHash('sha256').update(JSON.stringify(x)).digest('hex').slice(0, 16)} ${x.delivered.gbps.toFixed(4)} ${x.sim.events}`,
      );
    }
console.log(out.join('\n'));
