import type { VmPlacement } from '../scenario/placeVms.js';
import type { ModeId } from '../scenario/scenarioConfig.js';
import type { DropLocation, ResourceUtilization } from '../run/runResult.js';

export interface BottleneckInput {
  readonly utilization: readonly ResourceUtilization[];
  readonly drops: Readonly<Record<DropLocation, number>>;
  readonly dropRatio: number;
  readonly placement: VmPlacement;
  readonly mode: ModeId;
}

/** Utilization above which a resource counts as saturated. */
export const SATURATED = 0.95;
/** Drop ratio above which drops are worth naming. */
const NOTABLE_DROPS = 1e-3;

const DROP_WORDS: Readonly<Record<DropLocation, string>> = {
  source: 'at the sender (offered load above what the wire carries)',
  nicRxRing: 'in the NIC RX rings',
  switchBacklog: 'in the software-switch backlog',
  guestRing: "in the guests' virtual NIC rings",
  nicTxRing: 'in the NIC TX rings',
};

/** One line naming the saturated resource or the limit hit, from the run's figures. */
export function findBottleneck(input: BottleneckInput): string {
  const busiest = input.utilization[0];
  const saturated = input.utilization.filter((row) => row.utilization >= SATURATED);
  const parts: string[] = [];
  if (busiest === undefined) {
    parts.push('nothing was busy');
  } else if (saturated.length > 0) {
    const wires = saturated.filter((row) => row.name.startsWith('wire'));
    const others = saturated.filter((row) => !row.name.startsWith('wire'));
    if (others.length > 0) {
      const named = others
        .slice(0, 3)
        .map((row) => `${row.name} ${pct(row.utilization)}`)
        .join(', ');
      const more = others.length > 3 ? ` and ${others.length - 3} more` : '';
      parts.push(`saturated: ${named}${more}`);
    }
    if (wires.length > 0) {
      parts.push(`line rate: ${wires.map((row) => `${row.name} ${pct(row.utilization)}`).join(', ')}`);
    }
  } else {
    parts.push(`no resource saturated; busiest is ${busiest.name} at ${pct(busiest.utilization)}`);
  }
  if (input.dropRatio > NOTABLE_DROPS) {
    const worst = (Object.entries(input.drops) as [DropLocation, number][]).sort((a, b) => b[1] - a[1])[0]!;
    parts.push(`${(input.dropRatio * 100).toFixed(1)}% of frames dropped, most ${DROP_WORDS[worst[0]]}`);
  }
  if (input.placement.fallback > 0 && input.mode !== 'paravirt' && input.mode !== 'emulated') {
    parts.push(`limit hit: ${input.placement.note}`);
  }
  return parts.join('; ');
}

function pct(fraction: number): string {
  return `${(fraction * 100).toFixed(1)}%`;
}
