import { COST_NAMES } from '../model/costTable.js';
import { CPU_COMPONENTS, DROP_LOCATIONS, type BenchResult } from '../run/runResult.js';
import { normalize, toJsonText, type JsonKeyOrder } from './toJsonText.js';

/** Key order of the echoed effective configuration (ScenarioConfig), shared by every JSON result. */
export const SCENARIO_CONFIG_KEY_ORDER: JsonKeyOrder = {
  scenario: [
    'name',
    'description',
    'mode',
    'seed',
    'host',
    'nic',
    'guest',
    'vms',
    'workload',
    'fallback',
    'costs',
  ],
  host: ['profile', 'cores', 'ghz', 'ddio', 'postedInterrupts', 'crossSocket', 'iommu'],
  nic: [
    'profile',
    'linkGbps',
    'rxQueues',
    'vmdqPools',
    'vfs',
    'pcieGbps',
    'ringSize',
    'itrUs',
    'coalesceFrames',
  ],
  guest: ['ringSize', 'e1000ItrUs', 'virtualCoalesceUs', 'napiBudget', 'backendBatch', 'backlogFrames'],
  vms: ['count', 'vcpus', 'weights'],
  workload: [
    'direction',
    'frame',
    'load',
    'arrivals',
    'durationMs',
    'warmupMs',
    'sourceQueueFrames',
    'appCyclesPerFrame',
  ],
  frame: ['kind', 'bytes', 'sizes'],
  sizes: ['bytes', 'weight'],
  load: ['unit', 'value'],
  costs: COST_NAMES,
};

/**
 * Key order of the JSON result: the contract's own order (src/run/runResult.ts), with the echoed
 * scenario last because it is long. Independent of the order the engine builds objects in, so the
 * same command and seed give byte-identical output.
 */
const BENCH_RESULT_KEY_ORDER: JsonKeyOrder = {
  '': ['schemaVersion', 'tool', 'seed', 'runs'],
  tool: ['name', 'version'],
  runs: [
    'mode',
    'modeName',
    'vms',
    'frameBytes',
    'frameLabel',
    'direction',
    'offered',
    'delivered',
    'dropRatio',
    'drops',
    'frames',
    'latencyUs',
    'cpu',
    'rates',
    'bottleneck',
    'utilization',
    'placement',
    'tradeoffs',
    'perVm',
    'sim',
    'scenario',
  ],
  offered: ['gbps', 'mpps'],
  delivered: ['gbps', 'mpps', 'lineRatePct'],
  drops: DROP_LOCATIONS,
  frames: ['offered', 'delivered', 'dropped', 'inFlight'],
  latencyUs: ['p50', 'p90', 'p99', 'p999', 'max'],
  cpu: ['hostCores', 'guestCores', 'hostCyclesPerPacket', 'guestCyclesPerPacket', 'byComponent'],
  byComponent: CPU_COMPONENTS,
  rates: ['vmExitsPerSec', 'interruptsPerSec'],
  utilization: ['name', 'utilization'],
  placement: ['dedicated', 'fallback', 'note'],
  perVm: ['vm', 'path', 'offeredGbps', 'deliveredGbps', 'deliveredMpps', 'dropRatio', 'latencyUs'],
  sim: ['packets', 'events', 'simulatedMs'],
  ...SCENARIO_CONFIG_KEY_ORDER,
};

/** The JSON result contract (see README, "JSON result"): stable keys, full precision, no NaN. */
export function formatJson(result: BenchResult): string {
  return toJsonText(result, BENCH_RESULT_KEY_ORDER);
}

/** The JSON result as plain data, before serialization: formatJson's text is this, indented. */
export function jsonResultValue(result: BenchResult): unknown {
  return normalize(result, BENCH_RESULT_KEY_ORDER);
}
