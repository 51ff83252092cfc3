import { describe, expect, it } from 'vitest';
import { REPORT_FORMAT_NAMES, REPORT_FORMATS, isReportFormat } from '../../src/report/reportFormats.js';
import { RESULT_SCHEMA_VERSION } from '../../src/run/runResult.js';
import { makeRunResult } from './runResultFixture.js';

describe('REPORT_FORMATS', () => {
  const result = {
    schemaVersion: RESULT_SCHEMA_VERSION,
    tool: { name: 'nicvirt', version: 'x' },
    seed: 1,
    runs: [makeRunResult()],
  };

  it('offers table first, then json', () => {
    expect(REPORT_FORMAT_NAMES.slice(0, 2)).toEqual(['table', 'json']);
    expect(isReportFormat('json')).toBe(true);
    expect(isReportFormat('toString')).toBe(false);
  });

  it('every format is a pure function of the result', () => {
    const before = structuredClone(result);
    for (const name of REPORT_FORMAT_NAMES) {
      const first = REPORT_FORMATS[name](result, { color: false });
      expect(first.length).toBeGreaterThan(0);
      expect(REPORT_FORMATS[name](result, { color: false })).toBe(first);
    }
    // no format mutates the result it reports
    expect(result).toStrictEqual(before);
  });
});
