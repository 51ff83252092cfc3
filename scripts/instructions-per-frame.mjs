#!/usr/bin/env node
// Instructions a simulated frame costs, counted by valgrind's callgrind: a reading of an engine
// change that this machine's noise cannot blur (its wall and CPU times move ±20–30% from one minute
// to the next; instructions do not). For each mode it runs the built engine (dist/: `npm run build`
// first) under `valgrind --tool=callgrind` with `node --single-threaded` (V8's compiler and
// collector on the counted thread), twice: 2 and then 4 runs of the scenario in one process, so
// the difference is two steady runs, set-up and warm-up cancelled out. It prints per frame:
//   jit  the instructions of V8's generated code (the engine itself, and V8's builtins), found with
//        `--perf-basic-prof`'s map of that code; within ~0.5% from one reading to the next for
//        the same engine and scenario (VMQ at 1518 B: 4,841 twice, then 4,750 twice for the next
//        build; native 1,481 and 1,473), where a change of 1% or more shows;
//   all  every instruction, the compiler's and the collector's included, which move ±2–3% between
//        readings of the same build (when and what V8 recompiles, when it collects).
// Compare builds with `--root`: a checkout of the other revision, built (`npx tsc -p
// tsconfig.build.json`), with node_modules linked.
//
// usage: node scripts/instructions-per-frame.mjs [--vms 32] [--frame 1518] [--ms 100] [--root DIR] MODE...
//   e.g. node scripts/instructions-per-frame.mjs vmq sriov native   (~2 minutes a mode at 1518 B)
// needs valgrind (Debian's package; on every machine of this project's kind).

import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const SCRIPT = fileURLToPath(import.meta.url);
const args = process.argv.slice(2);

if (args[0] === '--child') {
  // In the counted process: `--child ROOT MODE VMS FRAME MS RUNS`; prints the frames of one run.
  const [root, mode, vms, frame, ms, runs] = args.slice(1);
  const load = (path) => import(pathToFileURL(join(root, 'dist', path)).href);
  const { tuneV8ForSimulation } = await load('cli/v8Tuning.js');
  tuneV8ForSimulation();
  const { resolveScenario } = await load('scenario/resolveScenario.js');
  const { runScenario } = await load('run/runScenario.js');
  // Every VM on a path of its own up to 256 VMs (as bench:sim's scaling section); at 32 VMs these
  // are the same runs as its speed rows (the same events and deliveries with the NIC's defaults).
  const resolved = resolveScenario({
    mode,
    vms: { count: Number(vms) },
    nic: { vfs: 256, vmdqPools: 257 },
    workload: {
      frame: { kind: 'fixed', bytes: Number(frame) },
      durationMs: Number(ms),
      warmupMs: 1,
      arrivals: 'cbr',
    },
    fallback: true,
  });
  if (!resolved.ok) throw new Error(JSON.stringify(resolved.problems));
  let packets = 0;
  for (let i = 0; i < Number(runs); i++) packets = runScenario(resolved.value).sim.packets;
  process.stdout.write(`frames ${packets}\n`);
  process.exit(0);
}

const options = { vms: '32', frame: '1518', ms: '100', root: resolve(dirname(SCRIPT), '..') };
const modes = [];
for (let i = 0; i < args.length; i++) {
  const flag = args[i];
  if (flag === '--help' || flag === '-h') {
    process.stdout.write(
      readFileSync(SCRIPT, 'utf8')
        .split('\n\n')[0]
        .replace(/^#!.*\n/, '')
        .replace(/^\/\/ ?/gm, '') + '\n',
    );
    process.exit(0);
  }
  if (flag.startsWith('--')) {
    const name = flag.slice(2);
    const value = args[++i];
    if (!(name in options) || value === undefined) {
      process.stderr.write(`instructions-per-frame: unknown flag or missing value: ${flag} (see --help)\n`);
      process.exit(2);
    }
    options[name] = name === 'root' ? resolve(value) : value;
  } else modes.push(flag);
}
if (modes.length === 0) {
  process.stderr.write('instructions-per-frame: name at least one mode, e.g. vmq (see --help)\n');
  process.exit(2);
}
if (!existsSync(join(options.root, 'dist', 'run', 'runScenario.js'))) {
  process.stderr.write(
    `instructions-per-frame: ${options.root}/dist is not built: run npm run build there first\n`,
  );
  process.exit(2);
}

/** One counted process of `runs` runs: its callgrind file, V8's code map and the frames of a run. */
function count(mode, runs) {
  const out = join(tmpdir(), `nicvirt-callgrind-${process.pid}-${mode}-${runs}.out`);
  const child = spawn(
    'valgrind',
    [
      '--tool=callgrind',
      '--dump-instr=yes',
      '--smc-check=all-non-file',
      `--callgrind-out-file=${out}`,
      process.execPath,
      '--single-threaded',
      '--perf-basic-prof',
      // --perf-basic-prof also writes V8's log, by default into the working directory.
      '--no-logfile-per-isolate',
      `--logfile=${out}.v8.log`,
      SCRIPT,
      '--child',
      options.root,
      mode,
      options.vms,
      options.frame,
      options.ms,
      String(runs),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((done, fail) => {
    child.on('error', (error) =>
      fail(new Error(`cannot start valgrind (${error.message}): apt-get install -y valgrind`)),
    );
    child.on('close', (code) => {
      const frames = /frames (\d+)/.exec(stdout);
      if (code !== 0 || frames === null) {
        fail(new Error(`the counted run of ${mode} failed (exit ${code}):\n${stderr.slice(-2000)}`));
        return;
      }
      // node under valgrind keeps valgrind's process id: V8 names its map after it.
      const map = join(tmpdir(), `perf-${child.pid}.map`);
      const kept = `${out}.map`;
      renameSync(map, kept);
      try {
        done({ ...attribute(out, kept), frames: Number(frames[1]) });
      } finally {
        for (const file of [out, kept, `${out}.v8.log`]) rmSync(file, { force: true });
      }
    });
  });
}

/** Instructions at addresses inside V8's generated code (per the map) and elsewhere. */
function attribute(callgrindFile, mapFile) {
  const blocks = readFileSync(mapFile, 'utf8')
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => {
      const [start, size] = line.split(' ');
      return [Number.parseInt(start, 16), Number.parseInt(size, 16)];
    })
    .sort((a, b) => a[0] - b[0]);
  const inGenerated = (address) => {
    let low = 0;
    let high = blocks.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const [start, size] = blocks[mid];
      if (address < start) high = mid - 1;
      else if (address >= start + size) low = mid + 1;
      else return true;
    }
    return false;
  };
  let jit = 0;
  let all = 0;
  let address = 0;
  let skipNext = false;
  // Cost lines are "position line cost" (--dump-instr=yes), positions absolute (0x…) or relative
  // (+n, -n) to the last one, or "*" for the same; the line after a "calls=" line is the call's
  // inclusive cost, counted where its instructions ran instead.
  for (const line of readFileSync(callgrindFile, 'utf8').split('\n')) {
    const first = line.charCodeAt(0);
    const isCost = (first >= 48 && first <= 57) || line[0] === '+' || line[0] === '-' || line[0] === '*';
    if (!isCost) {
      if (line.startsWith('calls=')) skipNext = true;
      continue;
    }
    const parts = line.split(' ');
    const position = parts[0];
    if (position.startsWith('0x')) address = Number.parseInt(position, 16);
    else if (position[0] === '+') address += Number(position.slice(1));
    else if (position[0] === '-') address -= Number(position.slice(1));
    else if (position !== '*') address = Number(position);
    if (skipNext) {
      skipNext = false;
      continue;
    }
    if (parts.length < 3) continue;
    const cost = Number(parts[2]);
    all += cost;
    if (inGenerated(address)) jit += cost;
  }
  return { jit, all };
}

process.stdout.write(
  `instructions a frame, ${options.vms} VMs, ${options.frame} B, ${options.ms} ms runs (two steady runs: 4 runs minus 2), ${options.root}\n`,
);
process.stdout.write('mode        frames/run     jit      all\n');
for (const mode of modes) {
  try {
    const two = await count(mode, 2);
    const four = await count(mode, 4);
    const frames = 2 * two.frames;
    const perFrame = (key) => ((four[key] - two[key]) / frames).toFixed(0);
    process.stdout.write(
      `${mode.padEnd(10)} ${String(two.frames).padStart(11)} ${perFrame('jit').padStart(7)} ${perFrame('all').padStart(8)}\n`,
    );
  } catch (error) {
    process.stderr.write(`instructions-per-frame: ${error.message}\n`);
    process.exit(1);
  }
}
