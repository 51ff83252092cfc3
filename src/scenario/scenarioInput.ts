import type { CostName } from '../model/costTable.js';
import type { ArrivalKind, Direction, FrameSpec, LoadSpec, ModeId } from './scenarioConfig.js';

/**
 * What a user may give (flags or one run of a scenario file): everything optional, profile-based
 * defaults fill the rest. `resolveScenario` turns it into a ScenarioConfig or a list of problems.
 */
export interface ScenarioInput {
  name?: string;
  description?: string;
  mode?: ModeId;
  seed?: number;
  host?: {
    profile?: string;
    cores?: number;
    ghz?: number;
    ddio?: boolean;
    postedInterrupts?: boolean;
    crossSocket?: boolean;
    iommu?: boolean;
  };
  nic?: {
    profile?: string;
    linkGbps?: number;
    rxQueues?: number;
    vmdqPools?: number;
    vfs?: number;
    pcieGbps?: number;
    ringSize?: number;
    itrUs?: number;
    coalesceFrames?: number;
  };
  guest?: {
    ringSize?: number;
    e1000ItrUs?: number;
    virtualCoalesceUs?: number;
    napiBudget?: number;
    backendBatch?: number;
    backlogFrames?: number;
  };
  vms?: {
    count?: number;
    vcpus?: number;
    weights?: number[];
  };
  workload?: {
    direction?: Direction;
    frame?: FrameSpec;
    load?: LoadSpec;
    arrivals?: ArrivalKind;
    durationMs?: number;
    warmupMs?: number;
    sourceQueueFrames?: number;
    appCyclesPerFrame?: number;
  };
  fallback?: boolean;
  costs?: Partial<Record<CostName, number>>;
}
