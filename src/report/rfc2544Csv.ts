import {
  LATENCY_FRACTIONS_OF_NDR,
  type LatencyUs,
  type Rfc2544Point,
  type ThroughputFigure,
} from '../rfc2544/rfc2544Result.js';
import type { Rfc2544Result } from '../rfc2544/rfc2544Result.js';
import { csvText, type CsvColumn } from './csvText.js';

type Rfc2544CsvColumn = CsvColumn<Rfc2544Point>;

const figureColumns = (prefix: 'ndr' | 'pdr'): Rfc2544CsvColumn[] => {
  const fields: readonly (keyof ThroughputFigure)[] = [
    'lineRatePct',
    'mpps',
    'gbps',
    'lossRatio',
    'hostCores',
    'guestCores',
    'converged',
  ];
  return fields.map((field) => ({ name: `${prefix}.${field}`, value: (point) => point[prefix][field] }));
};

const latencyColumns = (): Rfc2544CsvColumn[] =>
  LATENCY_FRACTIONS_OF_NDR.flatMap((fraction) =>
    (['p50', 'p99', 'p999', 'max'] as const satisfies readonly (keyof LatencyUs)[]).map((quantile) => ({
      name: `latencyUs.${Math.round(fraction * 100)}pctNdr.${quantile}`,
      value: (point: Rfc2544Point) =>
        point.latencyAtLoad.find((row) => row.fractionOfNdr === fraction)?.latencyUs[quantile],
    })),
  );

/**
 * Column order of the RFC 2544 CSV: one row per mode and frame size. Names follow the JSON paths;
 * latency columns are `latencyUs.<percent of NDR>pctNdr.<quantile>`. New columns are only appended.
 */
export const RFC2544_CSV_COLUMNS: readonly Rfc2544CsvColumn[] = [
  { name: 'mode', value: (point) => point.mode },
  { name: 'vms', value: (point) => point.vms },
  { name: 'direction', value: (point) => point.direction },
  { name: 'frame', value: (point) => point.frameLabel },
  { name: 'frameBytes', value: (point) => point.frameBytes },
  { name: 'nic', value: (point) => point.scenario.nic.profile },
  { name: 'host', value: (point) => point.scenario.host.profile },
  { name: 'seed', value: (point) => point.scenario.seed },
  { name: 'lineRate.mpps', value: (point) => point.lineRate.mpps },
  { name: 'lineRate.gbps', value: (point) => point.lineRate.gbps },
  ...figureColumns('ndr'),
  ...figureColumns('pdr'),
  ...latencyColumns(),
  { name: 'backToBack.frames', value: (point) => point.backToBack?.frames },
  { name: 'backToBack.capped', value: (point) => point.backToBack?.capped },
  { name: 'trialFrames', value: (point) => point.trialFrames },
  { name: 'trials', value: (point) => point.search.trials.length },
  { name: 'ndr.bottleneck', value: (point) => point.ndr.bottleneck },
];

/** RFC 4180 CSV, a header row and one row per mode and frame size; numbers at full precision. */
export function formatRfc2544Csv(result: Rfc2544Result): string {
  return csvText(RFC2544_CSV_COLUMNS, result.points);
}
