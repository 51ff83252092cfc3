import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../src/run/runResult.js';
import { resolveScenario } from '../../src/scenario/resolveScenario.js';
import { startScenario } from '../../src/run/runScenario.js';
import { longestFirst, nextSliceSteps, runPoints } from '../../src/sweep/runPoints.js';

function config(bytes: number, vms: number, durationMs = 50) {
  const resolved = resolveScenario({
    mode: 'vmq',
    vms: { count: vms },
    workload: { frame: { kind: 'fixed', bytes }, durationMs },
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

describe('runPoints in process', () => {
  it('runs a point in slices and acts on a signal between them: the run under way is abandoned', async () => {
    // 64 B at line rate for 40 ms: ~600 k frames, more than a first slice (checked below).
    const long = config(64, 4, 40);
    expect(startScenario(long).advance(1 << 18)).toBe(false);
    const controller = new AbortController();
    const done: number[] = [];
    const running = runPoints(
      [
        { point: 0, config: long },
        { point: 1, config: config(1518, 1, 1) },
      ],
      { jobs: 1, signal: controller.signal, onResult: (point) => done.push(point) },
    );
    // Queued behind the pause before the first point: it runs after that point's first slice.
    setImmediate(() => controller.abort());
    const outcome = await running;
    expect(outcome).toMatchObject({ complete: false, mode: 'in-process' });
    expect(outcome.results.size).toBe(0);
    expect(done).toEqual([]);
  });

  it('without a signal, gives each point the result it has when run whole', async () => {
    const tasks = [
      { point: 0, config: config(64, 4, 40) },
      { point: 1, config: config(1518, 3, 5) },
    ];
    const progress: [number, number][] = [];
    const outcome = await runPoints(tasks, {
      jobs: 1,
      onResult: () => undefined,
      onProgress: (point, fraction) => progress.push([point, fraction]),
    });
    expect(outcome.complete).toBe(true);
    // Between the slices of the long point: how far it has got, rising, short of the end.
    const first = progress.filter(([point]) => point === 0).map(([, fraction]) => fraction);
    expect(first.length).toBeGreaterThan(0);
    expect(
      first.every((fraction, i) => fraction > 0 && fraction < 1 && (i === 0 || fraction >= first[i - 1]!)),
    ).toBe(true);
    for (const task of tasks) {
      const whole = startScenario(task.config);
      whole.advance(Infinity);
      expect(outcome.results.get(task.point)).toEqual(whole.finish());
    }
  });
});

describe('nextSliceSteps (slices of a point in process aim at ~50 ms of wall time)', () => {
  it('scales the steps towards 50 ms, by at most 4x up and 2x down a slice', () => {
    expect(nextSliceSteps(100_000, 25)).toBe(200_000);
    expect(nextSliceSteps(100_000, 50)).toBe(100_000);
    expect(nextSliceSteps(100_000, 5)).toBe(400_000);
    expect(nextSliceSteps(100_000, 0)).toBe(400_000);
    expect(nextSliceSteps(100_000, 80)).toBe(62_500);
    expect(nextSliceSteps(100_000, 900)).toBe(50_000);
  });

  it('stays between 4,096 steps (one engine chunk) and 2^24', () => {
    expect(nextSliceSteps(5_000, 900)).toBe(4_096);
    expect(nextSliceSteps(2 ** 24, 1)).toBe(2 ** 24);
  });
});
