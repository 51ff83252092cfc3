import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EXIT_USAGE } from '../../src/cli/exitCodes.js';
import { MAX_SCENARIO_BYTES } from '../../src/scenario/loadScenarioFile.js';
import { runCli, STACK_LINE } from '../cli/runCli.js';

const badDir = fileURLToPath(new URL('../fixtures/bad/', import.meta.url));

/**
 * Every file in test/fixtures/bad, the position its first problem must be reported at (when the file
 * has content) and words the message must contain to name the problem.
 */
const CORPUS: readonly (readonly [file: string, where: string | undefined, pattern: RegExp])[] = [
  ['a-directory.yaml', undefined, /is a directory, not a scenario file/],
  ['alias-bomb.yaml', '2:8', /expands YAML aliases .* more than 100 times/],
  ['bad-indent.yaml', '3:10', /malformed YAML: /],
  ['bad-load.yaml', '2:9', /workload\.load: expected a load.*found "5gbs"; did you mean "5gbps"\?/],
  ['comments-only.yaml', '1:1', /no content/],
  [
    'deep-nesting.yaml',
    '1', // the column depends on the stack size
    /malformed YAML: the document nests too deeply/,
  ],
  ['duplicate-keys.json', '1:32', /duplicate key "vfs" \(first given at 1:22\)/],
  ['duplicate-keys.yaml', '3:1', /duplicate key "mode" \(first given at 1:1\)/],
  ['empty-list.yaml', '1:7', /mode: expected a list of at least 1 item, found an empty list/],
  ['empty.json', undefined, /the file is empty/],
  ['empty.yaml', undefined, /the file is empty/],
  ['frame-too-big.yaml', '2:15', /workload\.frameBytes: expected a number ≤ 9018, found 20000/],
  ['infinity.json', '1:24', /nic\.linkGbps: expected a number, found infinity; write a finite number/],
  ['infinity.yaml', '2:13', /nic\.linkGbps: expected a number, found infinity/],
  ['load-above-line-rate.yaml', '4:9', /workload\.load: offered load is 202\.6% of the 10 Gbit\/s line rate/],
  ['malformed.json', '4:1', /malformed JSON: a trailing comma before '}'; delete the comma/],
  ['malformed.yaml', '3:1', /malformed YAML: Flow sequence .* end with a \]/],
  ['matrix-too-large.yaml', '1:7', /the matrix asks for 1200 runs, more than the limit of 1000/],
  ['missing-comma.json', '3:3', /malformed JSON: expected ',' or '}' after a value/],
  ['misspelt-cost.yaml', '2:3', /unknown key "switchPortCycle" in costs; did you mean "switchPortCycles"\?/],
  [
    'misspelt-distribution.yaml',
    '3:7',
    /"weight" is missing[\s\S]*unknown key "weigth".*did you mean "weight"\?/,
  ],
  ['misspelt-mode.yaml', '1:7', /mode: expected a mode: .*found "srvio"; did you mean "sriov"\?/],
  [
    'misspelt-nic.yaml',
    '2:12',
    /nic\.profile: expected a NIC profile: .*found "x170"; did you mean "x710"\?/,
  ],
  ['mixed-load-units.yaml', '3:17', /per-VM loads must all use one unit/],
  ['nan.json', '1:31', /malformed JSON: NaN is not a JSON number/],
  ['nan.yaml', '2:8', /host\.ghz: expected a number, found NaN/],
  [
    'negative-warmup.yaml',
    '2:13',
    /workload\.warmupMs: expected a number ≥ 0, found -1; negative values are not allowed/,
  ],
  ['negative.yaml', '2:10', /host\.cores: expected a number ≥ 1, found -4/],
  [
    'pinning.yaml',
    '6:11',
    /vms\.pinned: pinned VMs need one host core per vCPU: .* 16 vCPUs, but host modern has 4 cores/,
  ],
  [
    'quoted-number.yaml',
    '2:10',
    /host\.cores: expected a number, found "16"; write the number without quotes/,
  ],
  ['sriov-no-vfs.yaml', '3:12', /nic\.profile: NIC profile 82598 has no SR-IOV virtual functions/],
  ['sriov-too-many-vms.yaml', '2:6', /vms: 100 VMs but NIC 82599 has 63 usable VFs.*`fallback: true`/],
  ['top-level-list.yaml', '1:1', /the top level must be a mapping .* found a list/],
  ['top-level-scalar.json', '1:1', /the top level must be a mapping .* found a single value/],
  ['two-loads.yaml', '3:9', /give either workload\.load .* or vms\.load .*, not both/],
  ['unknown-key.yaml', '2:1', /vmz: unknown key "vmz" at the top level; did you mean "vms"\?/],
  ['unknown-nested-key.yaml', '3:3', /unknown key "warmup" in workload; did you mean "warmupMs"\?/],
  ['unknown-tag.yaml', '1:7', /unsupported YAML: Unresolved tag: !custom/],
  [
    'warmup-too-long.yaml',
    '3:13',
    /workload\.warmupMs: warm-up \(50 ms\) is longer than the measured duration/,
  ],
  ['weights-length.yaml', '3:12', /vms\.weights: give one weight per VM: 4 VMs but 2 weights/],
  ['wrong-type.yaml', '2:6', /vms: expected a VM count .*found "many"/],
  ['yes-boolean.yaml', '2:9', /host\.ddio: expected true or false, found "yes"/],
];

describe('bad scenario files: a clear message and exit 2, never a stack trace', () => {
  it('the corpus table lists every fixture', async () => {
    const { readdirSync } = await import('node:fs');
    expect(CORPUS.map(([file]) => file).sort()).toEqual(readdirSync(badDir).sort());
  });

  it.each(CORPUS)('%s', async (file, where, pattern) => {
    for (const args of [
      ['validate', file],
      ['run', file, '--dry-run'],
      ['run', file],
    ]) {
      const run = await runCli(args, { cwd: badDir });
      expect(run.code).toBe(EXIT_USAGE);
      expect(run.stdout).toBe('');
      expect(run.stderr).not.toMatch(STACK_LINE);
      expect(run.stderr).not.toContain('internal error');
      expect(run.stderr).toMatch(pattern);
      expect(run.stderr).toContain(where === undefined ? `${file}:` : `${file}:${where}:`);
    }
  });

  describe('generated inputs', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nicvirt-bad-'));

    it.each([
      ['oversize.yaml', `# ${'x'.repeat(MAX_SCENARIO_BYTES)}\nmode: sriov\n`, /over the 1048576-byte limit/],
      ['binary.yaml', 'mode: sriov\0\0\0', /binary file/],
      ['latin1.yaml', Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0x3a, 0x20, 0xe9, 0x0a]), /not valid UTF-8/],
    ] as const)('%s', async (file, content, pattern) => {
      writeFileSync(join(dir, file), content);
      const run = await runCli(['validate', file], { cwd: dir });
      expect(run.code).toBe(EXIT_USAGE);
      expect(run.stderr).toMatch(pattern);
      expect(run.stderr).toContain(file);
      expect(run.stderr).not.toMatch(STACK_LINE);
    });

    it('a missing file', async () => {
      const run = await runCli(['run', 'no-such-scenario.yaml'], { cwd: dir });
      expect(run.code).toBe(EXIT_USAGE);
      expect(run.stderr).toContain('no-such-scenario.yaml: no such file; check the path');
    });
  });
});
