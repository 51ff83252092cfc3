import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../src/run/runResult.js';
import { resolveScenario } from '../../src/scenario/resolveScenario.js';
import { longestFirst, runPoints } from '../../src/sweep/runPoints.js';

function config(bytes: number, vms: number) {
  const resolved = resolveScenario({
    mode: 'vmq',
    vms: { count: vms },
    workload: { frame: { kind: 'fixed', bytes }, durationMs: 50 },
  });
  if (!resolved.ok) throw new Error('bad scenario');
  return resolved.value;
}

describe('longestFirst (points handed to several workers)', () => {
  it('orders points by estimated work, the longest first, keeping every point once', () => {
    const tasks = [
      { point: 0, config: config(1518, 1) },
      { point: 1, config: config(64, 1) },
      { point: 2, config: config(512, 4096) },
      { point: 3, config: config(512, 1) },
    ];
    // 64 B at line rate: ~18× the frames of 1518 B; 4096 VMs add set-up work
    expect(longestFirst(tasks).map((task) => task.point)).toEqual([1, 2, 3, 0]);
    expect(tasks.map((task) => task.point)).toEqual([0, 1, 2, 3]);
  });
});

describe('runPoints on worker threads', () => {
  it('gives every worker a small young generation (4 MB: a worker starts at its 32 MB maximum)', async () => {
    // A stand-in worker that answers each point with the resource limits it was started with.
    const directory = mkdtempSync(join(tmpdir(), 'nicvirt-limits-'));
    const workerFile = join(directory, 'limitsWorker.mjs');
    writeFileSync(
      workerFile,
      [
        "import { parentPort, resourceLimits } from 'node:worker_threads';",
        'parentPort.on("message", (task) => parentPort.postMessage({ point: task.point, ok: true, result: resourceLimits }));',
      ].join('\n'),
    );
    try {
      const answers: unknown[] = [];
      const outcome = await runPoints(
        [
          { point: 0, config: config(1518, 1) },
          { point: 1, config: config(1518, 2) },
        ],
        {
          jobs: 2,
          workerUrl: pathToFileURL(workerFile),
          onResult: (_point: number, result: RunResult) => answers.push(result),
        },
      );
      expect(outcome.mode).toBe('workers');
      expect(answers).toHaveLength(2);
      for (const limits of answers) {
        expect(limits).toMatchObject({ maxYoungGenerationSizeMb: 4 });
      }
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
