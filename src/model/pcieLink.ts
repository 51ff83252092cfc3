import type { CostValues } from './costTable.js';

/** Maximum TLP payload assumed when splitting a DMA into transactions, bytes. */
export const TLP_MAX_PAYLOAD_BYTES = 256;
/** IOTLB reach with 4 KiB pages (pcie-bench): DMA working sets above it miss. */
export const IOTLB_REACH_BYTES = 256 * 1024;
/** Buffer bytes a descriptor ring slot pins in the DMA working set. */
export const DMA_BUFFER_BYTES = 2048;

/**
 * PCIe DMA timing for one direction: how long a transfer holds the link (bandwidth with TLP
 * overhead) and its latency (pcie-bench: ≈546 ns at 64 B, ≈986 ns at 1520 B), with the IOTLB miss
 * and cross-socket penalties when they apply.
 */
export class PcieTiming {
  private readonly psPerByte: number;
  private readonly tlpOverheadBytes: number;
  private readonly missOccupancyPs: number;
  private readonly latencyFixedPs: number;
  private readonly latencyPerBytePs: number;

  constructor(pcieGbps: number, costs: CostValues, iotlbMisses: boolean, crossSocket: boolean) {
    this.psPerByte = 8000 / pcieGbps;
    this.tlpOverheadBytes = costs.tlpOverheadBytes;
    this.missOccupancyPs = iotlbMisses ? costs.iotlbMissOccupancyNs * 1000 : 0;
    this.latencyFixedPs =
      (costs.dmaLatencyFixedNs +
        (iotlbMisses ? costs.iotlbMissNs : 0) +
        (crossSocket ? costs.crossSocketDmaNs : 0)) *
      1000;
    this.latencyPerBytePs = costs.dmaLatencyPerByteNs * 1000;
  }

  servicePs(bytes: number): number {
    const transactions = Math.ceil(bytes / TLP_MAX_PAYLOAD_BYTES);
    return Math.round((bytes + transactions * this.tlpOverheadBytes) * this.psPerByte + this.missOccupancyPs);
  }

  latencyPs(bytes: number): number {
    return Math.round(this.latencyFixedPs + this.latencyPerBytePs * bytes);
  }
}

/** Does a DMA working set of `rings` rings of `ringSize` buffers overflow the IOTLB? */
export function iotlbMisses(rings: number, ringSize: number): boolean {
  return rings * ringSize * DMA_BUFFER_BYTES > IOTLB_REACH_BYTES;
}
