import type { ModeId } from '../scenario/scenarioConfig.js';
import { buildEmulatedTopology } from './emulatedMode.js';
import type { HostBuild, ModeTopology } from './hostBuild.js';
import { buildNativeTopology } from './nativeMode.js';
import { buildParavirtTopology } from './paravirtMode.js';
import { buildVmdqTopology, buildVmqTopology } from './queueModes.js';
import { buildSriovTopology } from './sriovMode.js';

/** Each mode's own data path, by id. */
export const MODE_BUILDERS: Readonly<Record<ModeId, (b: HostBuild) => ModeTopology>> = {
  native: buildNativeTopology,
  emulated: buildEmulatedTopology,
  paravirt: buildParavirtTopology,
  vmq: buildVmqTopology,
  vmdq: buildVmdqTopology,
  sriov: buildSriovTopology,
};
