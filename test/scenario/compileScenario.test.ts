import { describe, expect, it } from 'vitest';
import { scenarioInputFromFlags } from '../../src/cli/scenarioFlags.js';
import { COMMAND_LINE_SOURCE } from '../../src/scenario/commandLineSource.js';
import { compileScenario, type CompiledScenario } from '../../src/scenario/compileScenario.js';
import type { LocatedProblem } from '../../src/scenario/locatedProblem.js';
import { resolveScenario } from '../../src/scenario/resolveScenario.js';
import type { ScenarioInput } from '../../src/scenario/scenarioInput.js';

function compile(text: string, overrides: ScenarioInput = {}, source = 'test.yaml'): CompiledScenario {
  const result = compileScenario(text, { source, overrides });
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('\n'));
  return result.value;
}

function problems(
  text: string,
  overrides: ScenarioInput = {},
  source = 'test.yaml',
): readonly LocatedProblem[] {
  const result = compileScenario(text, { source, overrides });
  if (result.ok) throw new Error('expected problems');
  return result.problems;
}

describe('compileScenario: the matrix', () => {
  it('runs the cartesian product, mode outermost', () => {
    const scenario = compile(
      'mode: [paravirt, sriov]\nvms: [4, 8]\nworkload:\n  frameBytes: [64, imix]\n  load: ["50%", 1gbps]\n',
    );
    expect(scenario.runs).toHaveLength(16);
    expect(scenario.runs[0]?.label).toBe('paravirt · 4 VMs · 64 B · 50% · rx');
    expect(scenario.runs[1]?.label).toBe('paravirt · 4 VMs · 64 B · 1gbps · rx');
    expect(scenario.runs[2]?.label).toBe('paravirt · 4 VMs · imix · 50% · rx');
    expect(scenario.runs[4]?.label).toBe('paravirt · 8 VMs · 64 B · 50% · rx');
    expect(scenario.runs[15]?.label).toBe('sriov · 8 VMs · imix · 1gbps · rx');
  });

  it('a single value is one run; no file values means the built-in defaults', () => {
    const scenario = compile('name: defaults\n');
    expect(scenario.runs).toHaveLength(1);
    const expected = resolveScenario({ name: 'defaults' });
    expect(expected.ok && scenario.runs[0]?.config).toEqual(expected.ok ? expected.value : undefined);
  });

  it('tells a size distribution from a list of sizes', () => {
    const mix = compile('workload:\n  frameBytes: [{bytes: 64, weight: 3}, {bytes: 1518, weight: 1}]\n');
    expect(mix.runs).toHaveLength(1);
    expect(mix.runs[0]?.config.workload.frame).toEqual({
      kind: 'mix',
      sizes: [
        { bytes: 64, weight: 3 },
        { bytes: 1518, weight: 1 },
      ],
    });
    const matrix = compile('workload:\n  frameBytes: [[{bytes: 64, weight: 1}], 1518]\n');
    expect(matrix.runs.map((run) => run.config.workload.frame.kind)).toEqual(['mix', 'fixed']);
  });

  it('reads every load spelling', () => {
    const scenario = compile(
      'workload:\n  frameBytes: 64\n  load: [80, "80%", 5gbps, 800mbps, 1.2mpps, 500kpps, 2.5GBPS]\n',
    );
    expect(scenario.runs.map((run) => run.config.workload.load)).toEqual([
      { unit: 'percent', value: 80 },
      { unit: 'percent', value: 80 },
      { unit: 'gbps', value: 5 },
      { unit: 'gbps', value: 0.8 },
      { unit: 'mpps', value: 1.2 },
      { unit: 'mpps', value: 0.5 },
      { unit: 'gbps', value: 2.5 },
    ]);
  });

  it('per-VM loads become weights and a total', () => {
    const scenario = compile('vms:\n  load: [6gbps, 1gbps, 1gbps]\n');
    const config = scenario.runs[0]?.config;
    expect(config?.vms.count).toBe(3);
    expect(config?.vms.weights).toEqual([6, 1, 1]);
    expect(config?.workload.load).toEqual({ unit: 'gbps', value: 8 });
  });

  it('one per-VM load scales with the VM count', () => {
    const scenario = compile('vms:\n  count: [2, 8]\n  load: 0.5gbps\n');
    expect(scenario.runs.map((run) => run.config.workload.load)).toEqual([
      { unit: 'gbps', value: 1 },
      { unit: 'gbps', value: 4 },
    ]);
  });

  it('refuses matrices over the run limit', () => {
    const counts = Array.from({ length: 200 }, (_, i) => i + 1).join(', ');
    const [problem] = problems(`mode: [native, emulated, paravirt, vmq, vmdq, sriov]\nvms: [${counts}]\n`);
    expect(problem?.message).toContain('1200 runs');
  });
});

describe('compileScenario: precedence (defaults < file < flags)', () => {
  const file =
    'mode: [paravirt, sriov]\nvms: [4, 16]\nhost:\n  profile: xeon-2008\n  cores: 2\nworkload:\n  durationMs: 20\n';

  it('a flag replaces the whole list of its matrix field', () => {
    const scenario = compile(file, { vms: { count: 8 } });
    expect(scenario.runs.map((run) => run.label)).toEqual([
      'paravirt · 8 VMs · 1518 B · 100% · rx',
      'sriov · 8 VMs · 1518 B · 100% · rx',
    ]);
  });

  it('a flag overrides one field and keeps its neighbours from the file', () => {
    const config = compile(file, { host: { cores: 8 }, mode: 'vmdq' }).runs;
    expect(config).toHaveLength(2);
    expect(config[0]?.config.mode).toBe('vmdq');
    expect(config[0]?.config.host).toMatchObject({ profile: 'xeon-2008', cores: 8, ghz: 3 });
    expect(config[0]?.config.workload.durationMs).toBe(20);
  });

  it('a file and the same bench flags give the same configuration object', () => {
    const fromFile = compile(
      [
        'mode: sriov',
        'seed: 7',
        'fallback: true',
        'vms: {count: 70, vcpus: 2}',
        'host: {profile: nehalem-2010, cores: 6, ghz: 2.4, postedInterrupts: true}',
        'nic: {profile: 82599, linkGbps: 10, ringSize: 1024, itrUs: 20}',
        'workload: {direction: bidir, frameBytes: 64, load: 1.2mpps, arrivals: poisson, durationMs: 5, warmupMs: 1}',
        'costs: {switchPortCycles: 6000}',
      ].join('\n'),
    ).runs[0]?.config;
    const flags = scenarioInputFromFlags({
      mode: 'sriov',
      seed: '7',
      fallback: true,
      vms: '70',
      vcpus: '2',
      host: 'nehalem-2010',
      hostCores: '6',
      hostGhz: '2.4',
      postedInterrupts: true,
      nic: '82599',
      linkGbps: '10',
      ringSize: '1024',
      itrUs: '20',
      direction: 'bidir',
      frameSize: '64',
      load: '1.2mpps',
      arrivals: 'poisson',
      duration: '5ms',
      warmup: '1ms',
      cost: ['switchPortCycles=6000'],
    });
    const fromFlags = resolveScenario(flags);
    expect(fromFlags.ok).toBe(true);
    expect(fromFile).toEqual(fromFlags.ok ? fromFlags.value : undefined);
  });
});

describe('compileScenario: problems', () => {
  it('reports every schema problem at once, each located', () => {
    const found = problems('mode: srvio\nvmz: 3\nhost:\n  cores: -1\n  ghz: .inf\n');
    expect(found.map((p) => [p.path, p.line, p.column])).toEqual([
      ['mode', 1, 7],
      ['host.cores', 4, 10],
      ['host.ghz', 5, 8],
      ['vmz', 2, 1],
    ]);
    expect(found[0]?.message).toContain('did you mean "sriov"?');
    expect(found[3]?.message).toContain('did you mean "vms"?');
  });

  it('locates a cross-field problem at the matrix value that caused it, naming the runs', () => {
    const [problem, ...rest] = problems('mode: [vmdq, sriov]\nvms: [8, 100]\nnic:\n  profile: 82599\n');
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ source: 'test.yaml', line: 2, column: 10, path: 'vms[1]' });
    expect(problem?.message).toContain('63 usable VFs');
    expect(problem?.message).toContain('`fallback: true`');
    expect(problem?.message).toContain('[in run 4 (sriov, 100 VMs)]');
  });

  it('blames the command line when a flag caused the problem', () => {
    const [problem] = problems('mode: sriov\nvms: 8\n', { vms: { count: 100 } });
    expect(problem).toMatchObject({ source: COMMAND_LINE_SOURCE, path: 'vms.count' });
    expect(problem?.line).toBeUndefined();
  });

  it('points at the NIC profile when the NIC lacks VFs', () => {
    const [problem] = problems('mode: sriov\nnic:\n  profile: 82598\n');
    expect(problem).toMatchObject({ path: 'nic.profile', line: 3, column: 12 });
  });

  it('checks pinning: VMs × vCPUs must fit the host cores', () => {
    const [problem] = problems('host: {cores: 8}\nvms: {count: 4, vcpus: 4, pinned: true}\n');
    expect(problem).toMatchObject({ path: 'vms.pinned', line: 2 });
    expect(problem?.message).toContain('16 vCPUs');
    expect(compile('host: {cores: 16}\nvms: {count: 4, vcpus: 4, pinned: true}\n').runs).toHaveLength(1);
  });

  it('rejects conflicting per-VM and total loads', () => {
    expect(problems('vms: {count: 2, load: 1gbps}\nworkload: {load: 50%}\n')[0]?.message).toContain(
      'not both',
    );
    expect(problems('vms: {load: [1gbps, 50%]}\n')[0]?.path).toBe('vms.load[1]');
    expect(problems('vms: {load: [1gbps], weights: [1]}\n')[0]?.message).toContain('delete vms.weights');
  });

  it('reports load above line rate and warm-up too long', () => {
    expect(problems('workload: {load: 20gbps}\n')[0]?.message).toContain('line rate');
    expect(problems('workload: {durationMs: 1, warmupMs: 50}\n')[0]?.path).toBe('workload.warmupMs');
  });

  it('takes JSON through the same checks', () => {
    const [problem] = problems('{\n  "vms": {"count": 4, "vcpu": 2}\n}\n', {}, 'x.json');
    expect(problem).toMatchObject({ path: 'vms.vcpu', line: 2, column: 23 });
    expect(problem?.message).toContain('did you mean "vcpus"?');
  });
});

describe('compileScenario: floods', () => {
  it('lists at most 30 problems and counts the rest', () => {
    const found = problems(`vms: [${Array.from({ length: 100 }, () => '0').join(', ')}]\n`);
    expect(found).toHaveLength(31);
    expect(found[30]?.message).toBe('… and 70 more problems like these');
  });
});
