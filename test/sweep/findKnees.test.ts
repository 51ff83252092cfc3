import { describe, expect, it } from 'vitest';
import { findKnees } from '../../src/sweep/findKnees.js';
import { fakeRun } from './fakeRun.js';

describe('findKnees', () => {
  it('paravirt: limited by the switch core from the first VM count', () => {
    const runs = [1, 4, 16].map((vms) =>
      fakeRun({
        mode: 'paravirt',
        vms,
        offeredGbps: 10,
        deliveredGbps: 4,
        worstShare: 0.4,
        saturated: ['host core 0 (software switch)', 'wire RX'],
      }),
    );
    const [knee] = findKnees(runs);
    expect(knee).toMatchObject({
      mode: 'paravirt',
      kneeVms: 1,
      criterion: 'perVm',
      constraint: 'switch core saturated',
      vmCounts: [1, 4, 16],
    });
    expect(knee?.summary).toContain('limited from the first point');
  });

  it('SR-IOV: scales up to the VF limit, then fallback VMs pull the total down: knee at the last VM count on VFs', () => {
    const runs = [
      fakeRun({ mode: 'sriov', vms: 16, offeredGbps: 10, deliveredGbps: 9.9, saturated: ['wire RX'] }),
      fakeRun({ mode: 'sriov', vms: 63, offeredGbps: 10, deliveredGbps: 9.9, saturated: ['wire RX'] }),
      fakeRun({
        mode: 'sriov',
        vms: 128,
        offeredGbps: 10,
        deliveredGbps: 8,
        worstShare: 0.5,
        fallback: 65,
        saturated: ['host core 0 (software switch (fallback VMs))', 'wire RX'],
      }),
    ];
    expect(findKnees(runs)[0]).toMatchObject({ kneeVms: 63, criterion: 'aggregate', constraint: 'VF limit' });
  });

  it('aggregate throughput that stops growing while offered load grows is a knee too', () => {
    const runs = [1, 2, 4, 8].map((vms) =>
      fakeRun({
        mode: 'vmq',
        vms,
        offeredGbps: vms * 2,
        deliveredGbps: Math.min(vms * 2, 4),
        fallback: 0,
        saturated: vms >= 4 ? ['host core 1 (VMQ)'] : [],
      }),
    );
    expect(findKnees(runs)[0]).toMatchObject({
      kneeVms: 2,
      criterion: 'aggregate',
      constraint: 'host core saturated',
    });
  });

  it('no knee when every point holds; separate curves per mode; single VM counts give nothing', () => {
    const runs = [
      ...[1, 8].map((vms) => fakeRun({ mode: 'sriov', vms, offeredGbps: 10, deliveredGbps: 9.9 })),
      fakeRun({ mode: 'vmdq', vms: 4, offeredGbps: 10, deliveredGbps: 9.9 }),
    ];
    const knees = findKnees(runs);
    expect(knees).toHaveLength(1);
    expect(knees[0]).toMatchObject({ mode: 'sriov', kneeVms: null, constraint: 'none' });
  });
});
