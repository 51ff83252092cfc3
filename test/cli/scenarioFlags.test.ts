import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import {
  FLAG_FOR_PROBLEM_PATH,
  addScenarioOptions,
  describeScenarioProblem,
  flagForProblemPath,
  parseFrameSize,
  parseLoadFlag,
  parseMilliseconds,
  parseMode,
  scenarioFlagsGiven,
  scenarioInputFromFlags,
  usageErrorFromProblems,
} from '../../src/cli/scenarioFlags.js';
import { UsageError } from '../../src/cli/usageError.js';
import { resolveScenario } from '../../src/scenario/resolveScenario.js';

function parsed(args: readonly string[]): Command {
  const command = addScenarioOptions(new Command('bench').exitOverride());
  command.parse([...args], { from: 'user' });
  return command;
}

function usageError(run: () => unknown): UsageError {
  try {
    run();
  } catch (error) {
    if (error instanceof UsageError) return error;
    throw error;
  }
  throw new Error('expected a UsageError');
}

describe('scenarioInputFromFlags', () => {
  it('sets only the fields of flags that were given', () => {
    expect(scenarioInputFromFlags({})).toEqual({});
    expect(scenarioInputFromFlags({ vms: '8' })).toEqual({ vms: { count: 8 } });
  });

  it('maps every flag to its ScenarioInput field', () => {
    const input = scenarioInputFromFlags(
      scenarioFlagsGiven(
        parsed([
          '--mode=SR-IOV',
          '--vms=8',
          '--vcpus=2',
          '--frame-size=imix',
          '--load=5gbps',
          '--direction=bidir',
          '--arrivals=poisson',
          '--duration=0.5s',
          '--warmup=20',
          '--seed=42',
          '--nic=x710',
          '--host=xeon-2008',
          '--link-gbps=40',
          '--host-cores=8',
          '--host-ghz=3.1',
          '--no-posted-interrupts',
          '--fallback',
          '--ring-size=1024',
          '--itr-us=0',
          '--cost=switchPortCycles=7000',
          '--cost',
          'kickCycles=600',
        ]),
      ),
    );
    expect(input).toEqual({
      mode: 'sriov',
      seed: 42,
      host: { profile: 'xeon-2008', cores: 8, ghz: 3.1, postedInterrupts: false },
      nic: { profile: 'x710', linkGbps: 40, ringSize: 1024, itrUs: 0 },
      vms: { count: 8, vcpus: 2 },
      workload: {
        direction: 'bidir',
        arrivals: 'poisson',
        frame: { kind: 'imix' },
        load: { unit: 'gbps', value: 5 },
        durationMs: 500,
        warmupMs: 20,
      },
      fallback: true,
      costs: { switchPortCycles: 7000, kickCycles: 600 },
    });
  });

  it('reports every unparsable flag at once, each with accepted values and an example', () => {
    const error = usageError(() => scenarioInputFromFlags({ vms: 'abc', load: 'lots', mode: 'fast' }));
    expect(error.problems.map((problem) => problem.path)).toEqual(['--mode', '--vms', '--load']);
    expect(error.problems[0]?.message).toBe(
      '--mode expects one of native, emulated, paravirt, vmq, vmdq, sriov (got "fast"). Example: nicvirt bench --mode sriov',
    );
    expect(error.problems[1]?.message).toContain('Example: nicvirt bench --vms 32');
  });

  it('refuses --mode all outside bench', () => {
    const error = usageError(() =>
      scenarioInputFromFlags({ mode: 'all' }, { commandPrefix: 'nicvirt run x.yaml' }),
    );
    expect(error.message).toContain('--mode all is only accepted by nicvirt bench');
    expect(error.message).toContain('Example: nicvirt run x.yaml --mode sriov');
  });
});

describe('scenarioFlagsGiven', () => {
  it('keeps only flags typed on the command line', () => {
    expect(scenarioFlagsGiven(parsed([]))).toEqual({});
    expect(scenarioFlagsGiven(parsed(['--vms', '4', '--posted-interrupts']))).toEqual({
      vms: '4',
      postedInterrupts: true,
    });
  });
});

describe('value parsers', () => {
  it('parses modes loosely', () => {
    expect(parseMode('SR-IOV')).toBe('sriov');
    expect(parseMode('all')).toBe('all');
    expect(parseMode('virtio')).toBeUndefined();
  });

  it('parses frame sizes', () => {
    expect(parseFrameSize('64')).toEqual({ kind: 'fixed', bytes: 64 });
    expect(parseFrameSize('1518B')).toEqual({ kind: 'fixed', bytes: 1518 });
    expect(parseFrameSize('IMIX')).toEqual({ kind: 'imix' });
    expect(parseFrameSize('64:7,1518:1')).toEqual({
      kind: 'mix',
      sizes: [
        { bytes: 64, weight: 7 },
        { bytes: 1518, weight: 1 },
      ],
    });
    expect(parseFrameSize('big')).toBeUndefined();
    expect(parseFrameSize('-64')).toBeUndefined();
  });

  it('parses loads: bare numbers are percent', () => {
    expect(parseLoadFlag('80')).toEqual({ unit: 'percent', value: 80 });
    expect(parseLoadFlag('80%')).toEqual({ unit: 'percent', value: 80 });
    expect(parseLoadFlag('5Gbps')).toEqual({ unit: 'gbps', value: 5 });
    expect(parseLoadFlag('800mbps')).toEqual({ unit: 'gbps', value: 0.8 });
    expect(parseLoadFlag('1.2mpps')).toEqual({ unit: 'mpps', value: 1.2 });
    expect(parseLoadFlag('fast')).toBeUndefined();
  });

  it('parses times: bare numbers are milliseconds', () => {
    expect(parseMilliseconds('100')).toBe(100);
    expect(parseMilliseconds('100ms')).toBe(100);
    expect(parseMilliseconds('0.5s')).toBe(500);
    expect(parseMilliseconds('250us')).toBe(0.25);
    expect(parseMilliseconds('soon')).toBeUndefined();
  });
});

describe('problems reported against flags', () => {
  it('maps problem paths to flags', () => {
    expect(FLAG_FOR_PROBLEM_PATH['vms.count']).toBe('--vms');
    expect(FLAG_FOR_PROBLEM_PATH['workload.load']).toBe('--load');
    expect(flagForProblemPath('costs.kickCycles')).toBe('--cost');
    expect(flagForProblemPath('vms.weights')).toBeUndefined();
  });

  it('turns the VF limit into a fix-it message with a working example', () => {
    const flags = { mode: 'sriov', vms: '70' };
    const resolved = resolveScenario(scenarioInputFromFlags(flags));
    expect(resolved.ok).toBe(false);
    if (resolved.ok) return;
    const error = usageErrorFromProblems(resolved.problems, { commandPrefix: 'nicvirt bench', flags });
    expect(error.message).toMatch(/^--vms: 70 VMs but NIC 82599 has 63 usable VFs; /);
    expect(error.message).toMatch(/Example: nicvirt bench --mode sriov --vms 63$/);
  });

  it('rewrites range messages to name the flag, the unit and the value typed', () => {
    const problem = describeScenarioProblem(
      {
        path: 'workload.durationMs',
        message: 'workload.durationMs must be a number from 0.001 to 60000',
        received: '-5',
      },
      { commandPrefix: 'nicvirt bench', flags: { duration: '-5ms' } },
    );
    expect(problem.message).toBe(
      '--duration must be a number from 0.001 to 60000 ms (got -5ms). Example: nicvirt bench --duration 100ms',
    );
  });

  it('reports file values against the file when the flag was not given', () => {
    const problem = describeScenarioProblem(
      { path: 'vms.count', message: 'too many' },
      { commandPrefix: 'nicvirt run r5.yaml', flags: {}, source: 'r5.yaml' },
    );
    expect(problem.message).toBe('r5.yaml vms.count: too many');
  });
});
