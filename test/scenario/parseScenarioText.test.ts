import { describe, expect, it } from 'vitest';
import { findJsonSyntaxError } from '../../src/scenario/jsonSyntaxError.js';
import { MAX_LISTED_PROBLEMS } from '../../src/scenario/locatedProblem.js';
import { parseScenarioText, scenarioFormatOf } from '../../src/scenario/parseScenarioText.js';

function problemsOf(text: string, source = 'x.yaml') {
  const parsed = parseScenarioText(text, source);
  if (parsed.ok) throw new Error('expected problems');
  return parsed.problems;
}

describe('parseScenarioText', () => {
  it('reads YAML and maps field paths back to line and column', () => {
    const parsed = parseScenarioText('mode: sriov\nworkload:\n  frameBytes: [64, 1518]\n', 'a.yaml');
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.value).toEqual({ mode: 'sriov', workload: { frameBytes: [64, 1518] } });
    expect(parsed.value.locate(['workload', 'frameBytes', 1])).toEqual({ line: 3, column: 20, exact: true });
    expect(parsed.value.locate(['workload', 'frameBytes'], 'key')).toEqual({
      line: 3,
      column: 3,
      exact: true,
    });
    // Absent paths fall back to the nearest ancestor that is written.
    expect(parsed.value.locate(['workload', 'load'])).toMatchObject({ line: 3, column: 3, exact: false });
  });

  it('reads JSON with positions too', () => {
    const parsed = parseScenarioText('{\n  "vms": {"count": 4}\n}\n', 'a.json');
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.format).toBe('json');
    expect(parsed.value.locate(['vms', 'count'])).toMatchObject({ line: 2, column: 20 });
  });

  it('picks the format by extension, else by the first character', () => {
    expect(scenarioFormatOf('a.JSON', 'mode: x').format).toBe('json');
    expect(scenarioFormatOf('a.yml', '{}').format).toBe('yaml');
    expect(scenarioFormatOf('<stdin>', '  \n{"mode": "sriov"}')).toEqual({ format: 'json', sniffed: true });
    expect(scenarioFormatOf('<stdin>', 'mode: sriov')).toEqual({ format: 'yaml', sniffed: true });
  });

  it('reports YAML syntax errors at the parser position', () => {
    const [problem] = problemsOf('mode: sriov\nvms: [4, 8\nworkload: {}\n');
    expect(problem?.message).toMatch(/^malformed YAML: /);
    expect(problem?.line).toBe(3);
  });

  it('reports JSON syntax errors with a position and a fix', () => {
    const [problem] = problemsOf('{\n  "mode": "sriov",\n}\n', 'a.json');
    expect(problem).toMatchObject({ line: 3, column: 1 });
    expect(problem?.message).toContain('trailing comma');
  });

  it('reports duplicate keys with both positions', () => {
    const [problem] = problemsOf('mode: sriov\nvms: 4\nmode: vmdq\n');
    expect(problem).toMatchObject({ line: 3, column: 1 });
    expect(problem?.message).toContain('duplicate key "mode" (first given at 1:1)');
  });

  it('caps alias expansion', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]',
    ].join('\n');
    expect(problemsOf(bomb)[0]?.message).toMatch(/aliases .* more than 100 times/);
  });

  it('rejects empty input, non-mappings and tags', () => {
    expect(problemsOf('')[0]?.message).toContain('the file is empty');
    expect(problemsOf('# nothing\n')[0]?.message).toContain('no content');
    expect(problemsOf('- 1\n')[0]?.message).toContain('found a list');
    expect(problemsOf('mode: !x sriov\n')[0]?.message).toContain('Unresolved tag');
    expect(problemsOf('? [a, b]\n: 1\n')[0]?.message).toContain('a key must be a plain name');
  });
});

describe('findJsonSyntaxError', () => {
  it('accepts valid JSON', () => {
    expect(findJsonSyntaxError('{"a": [1, -2.5e3, true, null, "x\\n\\u00e9"]}')).toBeUndefined();
  });

  it.each([
    ['{"a": 1,}', 8, 'trailing comma'],
    ['{"a" 1}', 5, "expected ':'"],
    ['{a: 1}', 1, 'double-quoted key'],
    ['[1 2]', 3, "expected ',' or ']'"],
    ['{"a": NaN}', 6, 'NaN is not a JSON number'],
    ['{"a": "b', 8, 'never ends'],
    ['{} {}', 3, 'after the end'],
    ['[[[[', 4, 'expected a value'],
  ])('%s → offset %d', (text, offset, message) => {
    const error = findJsonSyntaxError(text);
    expect(error?.offset).toBe(offset);
    expect(error?.message).toContain(message);
  });

  it('caps nesting depth instead of overflowing the stack', () => {
    expect(findJsonSyntaxError('['.repeat(100_000))?.message).toContain('nesting deeper');
  });
});

describe('parseScenarioText: cascades', () => {
  it('lists at most 30 syntax problems and counts the rest', () => {
    // 40 tab-indented lines: one syntax problem each
    const problems = problemsOf(`a:\n${'\tb: 1\n'.repeat(40)}`);
    expect(MAX_LISTED_PROBLEMS).toBe(30);
    expect(problems).toHaveLength(MAX_LISTED_PROBLEMS + 1);
    expect(problems[0]?.message).toMatch(/^malformed YAML: Tabs/);
    expect(problems.at(-1)?.message).toBe('… and 10 more problems like these');
  });

  it('reports a YAML flow that nests too deeply as one problem instead of overflowing the stack', () => {
    const problems = problemsOf(`a: ${'['.repeat(100_000)}\n`, 'deep.yaml');
    expect(problems.length).toBeLessThanOrEqual(MAX_LISTED_PROBLEMS + 1);
    expect(problems[0]?.message).toContain('nests too deeply');
  });
});
