import fc from 'fast-check';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileScenario } from '../../src/scenario/compileScenario.js';
import { feasibility } from '../../src/scenario/feasibility.js';
import { formatLocatedProblem } from '../../src/scenario/locatedProblem.js';
import { fuzzCli, fuzzParameters, NASTY_VALUES } from '../cli/fuzzSupport.js';

/**
 * The scenario loader under random and mutated input (fixed seed, bounded runs): arbitrary text,
 * the bundled scenarios with random edits (deleted or duplicated spans, YAML syntax tokens,
 * extreme numbers, aliases, deep nesting), and random documents built from the real keys. The
 * loader never throws and never takes long; it returns runs whose figures are finite, or problems
 * that are one readable paragraph each. Through the CLI, `validate` and `run --dry-run` exit 0 or
 * 2 with no stack trace and print no NaN, Infinity or negative figure.
 */
const SCENARIO_DIR = new URL('../../scenarios/', import.meta.url);
const BUNDLED = readdirSync(SCENARIO_DIR)
  .filter((name) => /\.(ya?ml|json)$/.test(name) && !name.endsWith('.schema.json'))
  .map((name) => ({ name, text: readFileSync(new URL(name, SCENARIO_DIR), 'utf8') }));

const TOKENS = [
  '&a ',
  '*a',
  '<<: *a',
  '[',
  ']',
  '{',
  '}',
  '!!binary ',
  '!!js/function ',
  ': ',
  '- ',
  '\t',
  '"',
  "'",
  '#',
  '---\n',
  '...\n',
  '? ',
  '%YAML 1.1\n',
  '.nan',
  '.inf',
  '-.inf',
  '~',
  'null',
  '0x1F',
  '1_000',
  '1e309',
  '9999999999999999999',
  '-0',
  '\n',
  '\r\n',
  '\u0000',
  '\uFEFF',
  '\u2028',
  'mode: [sriov, sriov]\n',
  'vms: 4096\n',
  'workload: { durationMs: 60000 }\n',
  'costs: { kickCycles: -1 }\n',
  '$schema: 1\n',
];
const NUMBERS = [
  '0',
  '-1',
  '1e309',
  '4097',
  '60001',
  '0.0001',
  '1e-320',
  '.nan',
  '-.inf',
  '18446744073709551616',
  '2.5',
  '"7"',
];

type Mutation = (text: string) => string;

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.tuple(fc.nat(), fc.integer({ min: 1, max: 40 })).map(([at, length]): Mutation => (text) => {
    const start = at % (text.length + 1);
    return text.slice(0, start) + text.slice(start + length);
  }),
  fc.tuple(fc.nat(), fc.constantFrom(...TOKENS)).map(([at, token]): Mutation => (text) => {
    const start = at % (text.length + 1);
    return text.slice(0, start) + token + text.slice(start);
  }),
  fc.tuple(fc.nat(), fc.constantFrom(...NUMBERS)).map(([which, value]): Mutation => (text) => {
    const numbers = [...text.matchAll(/\d+(?:\.\d+)?/g)];
    const match = numbers[which % Math.max(1, numbers.length)];
    if (match?.index === undefined) return text;
    return text.slice(0, match.index) + value + text.slice(match.index + match[0].length);
  }),
  fc.tuple(fc.nat(), fc.nat()).map(([a, b]): Mutation => (text) => {
    const lines = text.split('\n');
    const i = a % lines.length;
    const j = b % lines.length;
    [lines[i], lines[j]] = [lines[j] ?? '', lines[i] ?? ''];
    return lines.join('\n');
  }),
  fc.tuple(fc.nat(), fc.integer({ min: -4, max: 6 })).map(([which, shift]): Mutation => (text) => {
    const lines = text.split('\n');
    const i = which % lines.length;
    const line = lines[i] ?? '';
    lines[i] = shift >= 0 ? ' '.repeat(shift) + line : line.replace(new RegExp(`^ {0,${-shift}}`), '');
    return lines.join('\n');
  }),
  fc.nat().map((which): Mutation => (text) => {
    const lines = text.split('\n');
    const i = which % lines.length;
    lines.splice(i, 0, lines[i] ?? '');
    return lines.join('\n');
  }),
);

/** A bundled scenario with one to three random edits. */
const mutatedScenario = fc
  .tuple(fc.constantFrom(...BUNDLED), fc.array(mutation, { minLength: 1, maxLength: 3 }))
  .map(([file, edits]) => ({ name: file.name, text: edits.reduce((text, edit) => edit(text), file.text) }));

const anyValue = fc.oneof(
  fc.constantFrom<unknown>(
    ...NASTY_VALUES,
    1,
    0,
    -1,
    Number.POSITIVE_INFINITY,
    Number.NaN,
    null,
    true,
    [],
    {},
  ),
  fc.jsonValue({ maxDepth: 3 }),
);
/** Usually a valid value, sometimes a near miss, now and then anything at all. */
function pick(valid: readonly unknown[], invalid: readonly unknown[]): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 12, arbitrary: fc.constantFrom(...valid) },
    { weight: 1, arbitrary: fc.constantFrom(...invalid) },
    { weight: 1, arbitrary: anyValue },
  );
}

/** Documents with the real keys and values that are usually right and sometimes not. */
const structuredScenario = fc
  .record(
    {
      mode: pick(
        ['sriov', 'paravirt', 'vmdq', 'native', ['sriov', 'emulated']],
        ['srvio', [], ['sriov', 'sriov']],
      ),
      vms: pick(
        [1, 4, 64, [1, 2], { count: 2, weights: [1, 3] }, { count: 3, load: '1gbps' }],
        [4097, 0, { count: 2, weights: [1] }],
      ),
      nic: pick(
        [{ profile: 'x710' }, { linkGbps: 100 }, { ringSize: 64 }],
        [{ vfs: 0 }, { ringSize: 7 }, { profile: 'x' }],
      ),
      host: pick([{ profile: 'xeon-2008' }, { cores: 1 }, { ghz: 3.5 }], [{ ghz: 0 }, { cores: 1.5 }]),
      fallback: pick([true, false], ['yes']),
      workload: pick([{}], [[], 'rx']).chain((base) =>
        typeof base === 'object' && base !== null && !Array.isArray(base)
          ? fc.record(
              {
                frameBytes: pick(
                  [
                    64,
                    9018,
                    'imix',
                    [
                      { bytes: 64, weight: 7 },
                      { bytes: 1518, weight: 1 },
                    ],
                    [64, 1518],
                  ],
                  [63, 9019, []],
                ),
                load: pick(['100%', '1mbps', '0.1%', ['50%', '100%'], '1.2mpps'], ['101%', '0%', '-5%']),
                durationMs: pick([0.2, 1, 60_000], [60_001, 0, -1]),
                warmupMs: pick([0, 0.1], [100, -1]),
                direction: pick(['rx', 'tx', 'bidir'], ['up']),
                arrivals: pick(['cbr', 'poisson'], ['burst']),
              },
              { requiredKeys: [] },
            )
          : fc.constant(base),
      ),
      costs: pick(
        [{ kickCycles: 600 }, { switchPortCycles: 0 }],
        [{ bogus: 1 }, { copyHotGBps: 0 }, { kickCycles: -1 }],
      ),
      seed: pick([0, 1, 4294967295], [4294967296, -1, 1.5]),
    },
    { requiredKeys: [] },
  )
  .chain((doc) =>
    fc.constantFrom(
      { name: 'random.json', text: JSON.stringify(doc) ?? 'null' },
      { name: 'random.yaml', text: JSON.stringify(doc, null, 2) ?? 'null' },
    ),
  );

const scenarioText = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.string({ maxLength: 300, unit: 'grapheme' }).map((text) => ({ name: 'text.yaml', text })),
  },
  {
    weight: 1,
    arbitrary: fc.string({ maxLength: 300, unit: 'binary' }).map((text) => ({ name: 'text.json', text })),
  },
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: 1, max: 200 })
      .map((depth) => ({ name: 'deep.yaml', text: `a: ${'['.repeat(depth)}1${']'.repeat(depth)}` })),
  },
  { weight: 6, arbitrary: mutatedScenario },
  { weight: 4, arbitrary: structuredScenario },
);

function expectFiniteFigures(value: unknown, path: string): void {
  if (typeof value === 'number') {
    expect(Number.isFinite(value), path).toBe(true);
    expect(value, path).toBeGreaterThanOrEqual(0);
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => expectFiniteFigures(item, `${path}[${index}]`));
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) expectFiniteFigures(child, `${path}.${key}`);
  }
}

const work = mkdtempSync(join(tmpdir(), 'nicvirt-loader-fuzz-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('fuzzing the scenario loader (fixed seed, bounded runs)', () => {
  it('compileScenario never throws: runs with finite figures, or readable problems', () => {
    fc.assert(
      fc.property(scenarioText, ({ name, text }) => {
        const started = performance.now();
        const compiled = compileScenario(text, { source: name });
        expect(performance.now() - started, text.slice(0, 200)).toBeLessThan(2_000);
        if (compiled.ok) {
          for (const run of compiled.value.runs) {
            expectFiniteFigures(run.config, `${name}: config`);
            const report = feasibility(run.config);
            expectFiniteFigures(
              { ...report, placement: undefined, vmRanges: undefined },
              `${name}: feasibility`,
            );
            expect(run.label).not.toMatch(/undefined|NaN|\[object/);
          }
          return;
        }
        expect(compiled.problems.length).toBeGreaterThan(0);
        // A value echoed back may say anything; a message that stringified a missing value or an
        // object by mistake must not.
        const echoes = /\bundefined\b|\[object Object\]/.test(text);
        for (const problem of compiled.problems) {
          const line = formatLocatedProblem(problem);
          expect(line.length, text).toBeGreaterThan(0);
          if (!echoes) expect(line, text).not.toMatch(/\bundefined\b|\[object Object\]/);
        }
      }),
      fuzzParameters(2000),
    );
  });

  it('validate and run --dry-run: exit 0 or 2, no stack trace, finite figures', async () => {
    let index = 0;
    await fc.assert(
      fc.asyncProperty(scenarioText, fc.boolean(), async ({ name, text }, dryRun) => {
        index += 1;
        const file = join(work, `${index}-${name}`);
        writeFileSync(file, text);
        const args = dryRun ? ['run', file, '--dry-run', '--format', 'json'] : ['validate', file];
        const run = await fuzzCli(args, { cwd: work });
        expect([0, 2], `${args.join(' ')}\n${run.stderr}`).toContain(run.code);
      }),
      fuzzParameters(300),
    );
  }, 60_000);
});
