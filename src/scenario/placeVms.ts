import type { ScenarioConfig } from './scenarioConfig.js';

export type VmPath = 'dedicated' | 'softwareSwitch' | 'native';

export interface VmPlacement {
  /** VMs with their own queue, pool or VF. */
  readonly dedicated: number;
  /** VMs whose traffic goes through the software switch (the default queue). */
  readonly fallback: number;
  readonly vmPath: readonly VmPath[];
  /** One sentence for humans. */
  readonly note: string;
}

/**
 * Which VMs get a dedicated NIC resource. SR-IOV: one VF each, up to the VF count (beyond it only
 * with `fallback`). VMDq/VMQ: one pool/queue each, first come first served, up to pools − 1 (one
 * pool is the default queue); the rest share the default queue and the software switch.
 * Paravirtual and emulated: everything through the software switch. Native: RSS, no VMs.
 */
export function placeVms(config: ScenarioConfig): VmPlacement {
  const count = config.vms.count;
  const make = (dedicated: number, kind: VmPath, note: string): VmPlacement => {
    const vmPath: VmPath[] = new Array<VmPath>(count);
    for (let vm = 0; vm < count; vm++) vmPath[vm] = vm < dedicated ? kind : 'softwareSwitch';
    return {
      dedicated,
      fallback: count - dedicated,
      vmPath,
      note,
    };
  };
  switch (config.mode) {
    case 'native':
      return make(
        count,
        'native',
        `no VMs: ${count} flows spread by RSS over ${Math.min(config.host.cores, config.nic.rxQueues)} queues/cores`,
      );
    case 'paravirt':
    case 'emulated':
      return make(0, 'softwareSwitch', `all ${count} VMs behind the software switch on host core 0`);
    case 'sriov': {
      const dedicated = Math.min(count, config.nic.vfs);
      const fallback = count - dedicated;
      return make(
        dedicated,
        'dedicated',
        fallback > 0
          ? `${dedicated} VMs on VFs; ${fallback} beyond the ${config.nic.vfs}-VF limit fall back to the software switch`
          : `${dedicated} VMs on their own VF (${config.nic.vfs} available)`,
      );
    }
    case 'vmdq':
    case 'vmq': {
      const usable = Math.max(0, config.nic.vmdqPools - 1);
      const dedicated = Math.min(count, usable);
      const fallback = count - dedicated;
      const what = config.mode === 'vmq' ? 'queue' : 'pool';
      return make(
        dedicated,
        'dedicated',
        fallback > 0
          ? `${dedicated} VMs on their own ${what}; ${fallback} beyond the ${usable} usable ${what}s share the default queue and the software switch`
          : `${dedicated} VMs on their own ${what} (${usable} usable; one ${what} is the default queue)`,
      );
    }
  }
}

/**
 * NIC queues a run uses (each with an RX and a TX ring): one per RSS queue (native), one per VF,
 * pool or VMQ queue, plus the default queue when any VM goes through the software switch.
 */
export function nicQueuesInUse(config: ScenarioConfig, placement: VmPlacement = placeVms(config)): number {
  switch (config.mode) {
    case 'native':
      return Math.min(config.host.cores, config.nic.rxQueues);
    case 'paravirt':
    case 'emulated':
      return 1;
    case 'sriov':
    case 'vmdq':
    case 'vmq':
      return placement.dedicated + (placement.fallback > 0 ? 1 : 0);
  }
}
