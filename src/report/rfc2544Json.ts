import type { Rfc2544Result } from '../rfc2544/rfc2544Result.js';
import { SCENARIO_CONFIG_KEY_ORDER } from './formatJson.js';
import { toJsonText, type JsonKeyOrder } from './toJsonText.js';

const FIGURE_KEYS: readonly string[] = [
  'lineRatePct',
  'mpps',
  'gbps',
  'lossRatio',
  'hostCores',
  'guestCores',
  'bottleneck',
  'failedAbovePct',
  'converged',
];

/** Key order of the RFC 2544 JSON result: the contract's own order (src/rfc2544/rfc2544Result.ts). */
const RFC2544_KEY_ORDER: JsonKeyOrder = {
  '': ['schemaVersion', 'kind', 'tool', 'seed', 'settings', 'points'],
  tool: ['name', 'version'],
  settings: [
    'ndrLossRatio',
    'pdrLossRatio',
    'precision',
    'maxTrials',
    'trialFrames',
    'trialRule',
    'latency',
    'burstMaxFrames',
  ],
  points: [
    'mode',
    'modeName',
    'vms',
    'frameLabel',
    'frameBytes',
    'direction',
    'lineRate',
    'trialFrames',
    'latencyTrialFrames',
    'ndr',
    'pdr',
    'latencyAtLoad',
    'backToBack',
    'search',
    'scenario',
  ],
  lineRate: ['mpps', 'gbps'],
  ndr: FIGURE_KEYS,
  pdr: FIGURE_KEYS,
  latencyAtLoad: ['fractionOfNdr', 'lineRatePct', 'latencyUs'],
  latencyUs: ['p50', 'p99', 'p999', 'max'],
  backToBack: ['frames', 'burstUs', 'capped', 'trials'],
  search: ['trials', 'nonMonotonicTrials'],
  trials: ['lineRatePct', 'lossRatio'],
  ...SCENARIO_CONFIG_KEY_ORDER,
};

/** The RFC 2544 JSON contract: stable keys, full precision, no NaN; same command, same bytes. */
export function formatRfc2544Json(result: Rfc2544Result): string {
  return toJsonText(result, RFC2544_KEY_ORDER);
}
