import { z } from 'zod';
import { costParameters, type CostName } from '../model/costTable.js';
import { hostProfiles } from '../model/hostProfiles.js';
import { nicProfiles } from '../model/nicProfiles.js';
import { MAX_FRAME_BYTES, MIN_FRAME_BYTES } from '../workload/frameMix.js';
import { LOAD_TEXT_PATTERN } from './parseLoad.js';
import { MAX_DURATION_MS, MAX_VMS } from './resolveScenario.js';
import { ARRIVAL_KINDS, DIRECTIONS, MODE_IDS } from './scenarioConfig.js';
import type { ScenarioInput } from './scenarioInput.js';

/**
 * The scenario file format: one zod schema is both the validator and the source of the JSON Schema
 * that `nicvirt schema` prints. Objects are strict (unknown keys are errors). Range checks that
 * depend on profiles or on other fields live in resolveScenario and checkScenarioFile.
 *
 * Matrix fields (`mode`, `vms`/`vms.count`, `workload.frameBytes`, `workload.load`) take one value
 * or a list; a file runs the cartesian product of its lists.
 */

const count = (min: number, max?: number) =>
  max === undefined ? z.int().min(min) : z.int().min(min).max(max);
const amount = z.number().min(0);

/** A union reports its own expectation as the issue message; `describeIssues` uses it as "expected". */
function oneOf<const T extends readonly [z.ZodType, z.ZodType, ...z.ZodType[]]>(
  options: T,
  expected: string,
) {
  return z.union(options, { error: () => expected });
}

const MODE_EXPECTED = `a mode: ${MODE_IDS.join(', ')}`;
const modeSchema = z.enum(MODE_IDS);

const LOAD_EXPECTED =
  'a load: a percentage of line rate ("100%" or 100), Gbit/s ("5gbps", "800mbps") or Mpps ("1.2mpps", "500kpps")';
const loadValueSchema = oneOf(
  [z.number().min(0), z.string().regex(LOAD_TEXT_PATTERN, { error: () => LOAD_EXPECTED })],
  LOAD_EXPECTED,
);

const frameSizeWeightSchema = z
  .strictObject({
    bytes: count(MIN_FRAME_BYTES, MAX_FRAME_BYTES).describe('L2 frame size, bytes.'),
    weight: z.number().gt(0).describe('Relative share of frames of this size.'),
  })
  .describe('One size of a frame-size distribution.');

const frameValueSchema = oneOf(
  [
    count(MIN_FRAME_BYTES, MAX_FRAME_BYTES),
    z.literal('imix'),
    z.array(frameSizeWeightSchema).min(1).describe('A frame-size distribution: [{bytes, weight}, …].'),
  ],
  `a frame size: bytes (${MIN_FRAME_BYTES}..${MAX_FRAME_BYTES}), "imix", or a list of {bytes, weight}`,
);

const nicProfileIds = nicProfiles().map((p) => p.id);
const numericNicProfileIds = nicProfileIds.filter((id) => /^[0-9]+$/.test(id)).map(Number);
const nicProfileSchema = oneOf(
  [z.enum(nicProfileIds as [string, ...string[]]), z.literal(numericNicProfileIds)],
  `a NIC profile: ${nicProfileIds.join(', ')}`,
).describe(
  nicProfiles()
    .map((p) => `${p.id}: ${p.displayName}`)
    .join('; '),
);

const hostSchema = z
  .strictObject({
    profile: z
      .enum(hostProfiles().map((p) => p.id) as [string, ...string[]])
      .optional()
      .describe(
        hostProfiles()
          .map((p) => `${p.id}: ${p.displayName}`)
          .join('; '),
      ),
    cores: count(1).optional().describe('Host cores for hypervisor, switch, device models and interrupts.'),
    ghz: z.number().gt(0).optional().describe('Core clock, GHz.'),
    ddio: z.boolean().optional().describe('Intel DDIO: received DMA lands in the LLC.'),
    postedInterrupts: z
      .boolean()
      .optional()
      .describe('Posted interrupts / APICv: no exits to deliver a VF interrupt.'),
    crossSocket: z.boolean().optional().describe('NIC and VM memory on different sockets.'),
    iommu: z.boolean().optional().describe('IOMMU translation for device DMA.'),
  })
  .describe('The host: a profile and overrides.');

const nicSchema = z
  .strictObject({
    profile: nicProfileSchema.optional(),
    linkGbps: z.number().gt(0).optional().describe('Link speed, Gbit/s.'),
    rxQueues: count(1).optional().describe('RX queues (RSS for native).'),
    vmdqPools: count(0).optional().describe('VMDq/VMQ pools; one of them is the default queue.'),
    vfs: count(0).optional().describe('Usable SR-IOV virtual functions.'),
    pcieGbps: z.number().gt(0).optional().describe('PCIe data bandwidth per direction, Gbit/s.'),
    ringSize: count(8).optional().describe('Descriptor ring size per queue.'),
    itrUs: amount.optional().describe('Interrupt moderation: minimum gap between interrupts, µs.'),
    coalesceFrames: count(0).optional().describe('Interrupt after this many frames (0 = off).'),
  })
  .describe('The NIC: a profile and overrides.');

const guestSchema = z
  .strictObject({
    ringSize: count(8).optional().describe('Guest virtual NIC ring size.'),
    e1000ItrUs: amount.optional().describe('Emulated e1000 guest interrupt moderation, µs.'),
    napiBudget: count(1).optional().describe('Packets one NAPI poll may take.'),
    backendBatch: count(1).optional().describe('Packets a backend poll handles per batch.'),
    backlogFrames: count(1)
      .optional()
      .describe("Frames the software switch may queue toward one VM's backend (tap/backlog queue)."),
    virtualCoalesceUs: amount
      .optional()
      .describe(
        'Virtual interrupt coalescing of paravirtual/VMBus vNICs, µs after the first pending frame (0 = none).',
      ),
  })
  .describe('Guest-side parameters.');

const vmCountSchema = count(1, MAX_VMS);
const vmCountsSchema = oneOf(
  [vmCountSchema, z.array(vmCountSchema).min(1)],
  `a VM count (1..${MAX_VMS}) or a list of counts`,
);

const vmsObjectSchema = z
  .strictObject({
    count: vmCountsSchema.optional().describe('Number of VMs; a list runs each count.'),
    vcpus: count(1).optional().describe('vCPUs per VM.'),
    weights: z
      .array(amount)
      .min(1)
      .optional()
      .describe('Relative share of the offered load per VM, one per VM.'),
    load: oneOf(
      [loadValueSchema, z.array(loadValueSchema).min(1)],
      'a per-VM load (every VM offers it) or a list of loads, one per VM, all in one unit',
    )
      .optional()
      .describe('Per-VM offered load instead of workload.load: one value for every VM, or one per VM.'),
    pinned: z
      .boolean()
      .optional()
      .describe('Every vCPU needs a dedicated host core: VMs × vCPUs must fit in host.cores.'),
  })
  .describe('The VMs.');

const vmsSchema = z
  .union([vmCountSchema, z.array(vmCountSchema).min(1), vmsObjectSchema], {
    error: () =>
      `a VM count (1..${MAX_VMS}), a list of counts, or a mapping {count, vcpus, weights, load, pinned}`,
  })
  .describe('VM count, a list of counts (matrix), or {count, vcpus, weights, load, pinned}.');

const workloadSchema = z
  .strictObject({
    direction: z.enum(DIRECTIONS).optional().describe('rx, tx or bidir.'),
    frameBytes: oneOf(
      [frameValueSchema, z.array(frameValueSchema).min(1)],
      `a frame size (${MIN_FRAME_BYTES}..${MAX_FRAME_BYTES}), "imix", a list of {bytes, weight}, or a list of these`,
    )
      .optional()
      .describe(
        'Frame size in bytes, "imix", a distribution [{bytes, weight}], or a list of these (matrix).',
      ),
    load: oneOf(
      [loadValueSchema, z.array(loadValueSchema).min(1)],
      'a load ("100%", 100, "5gbps", "1.2mpps") or a list of loads',
    )
      .optional()
      .describe(
        'Offered load, all VMs together, per direction: "100%" (or 100), "5gbps", "1.2mpps"; a list runs each.',
      ),
    arrivals: z.enum(ARRIVAL_KINDS).optional().describe('Arrival process: cbr or poisson.'),
    durationMs: z
      .number()
      .gt(0)
      .max(MAX_DURATION_MS)
      .optional()
      .describe('Measured window, ms of simulated time.'),
    warmupMs: z.number().min(0).max(MAX_DURATION_MS).optional().describe('Warm-up before the window, ms.'),
    sourceQueueFrames: count(1).optional().describe('Frames the traffic source buffers during bursts.'),
    appCyclesPerFrame: amount
      .optional()
      .describe(
        'Application work per frame on the core running the receiving/sending stack, cycles (0 = packet sink).',
      ),
  })
  .describe('The traffic.');

const costsSchema = z
  .strictObject(
    Object.fromEntries(
      costParameters().map((p) => [
        p.name,
        amount.optional().describe(`${p.help} (${p.unit}, default ${p.defaultValue})`),
      ]),
    ) as Record<CostName, z.ZodOptional<z.ZodNumber>>,
  )
  .describe('Cost-table overrides (`nicvirt costs` lists them).');

export const scenarioFileSchema = z
  .strictObject({
    $schema: z.string().optional().describe('JSON Schema for editors; ignored by nicvirt.'),
    name: z.string().optional().describe('Short name shown in reports.'),
    description: z.string().optional().describe('What the scenario shows.'),
    mode: oneOf([modeSchema, z.array(modeSchema).min(1)], `${MODE_EXPECTED}, or a list of modes`)
      .optional()
      .describe(`Data path: ${MODE_IDS.join(', ')}; a list runs each.`),
    seed: count(0, 2 ** 32 - 1)
      .optional()
      .describe('Random seed: same seed, same result.'),
    fallback: z
      .boolean()
      .optional()
      .describe('SR-IOV: VMs beyond the VF count use the software switch instead of being an error.'),
    host: hostSchema.optional(),
    nic: nicSchema.optional(),
    guest: guestSchema.optional(),
    vms: vmsSchema.optional(),
    workload: workloadSchema.optional(),
    costs: costsSchema.optional(),
  })
  .meta({
    title: 'nicvirt scenario',
    description:
      'A nicvirt scenario: host, NIC, VMs and workload. Lists in mode, vms, workload.frameBytes and workload.load run the cartesian product.',
  });

export type ScenarioFile = z.infer<typeof scenarioFileSchema>;

/**
 * Compile-time guard: every ScenarioInput field has a spelling in the file format, so a field added
 * to ScenarioInput breaks the build here until the schema learns it. Matrix fields are spelled
 * differently on purpose (`frameBytes` for `frame`, `vms` as a count).
 */
type Uncovered<Input, File> = Exclude<keyof NonNullable<Input>, keyof NonNullable<File>>;
type CoverageGaps =
  | Uncovered<Omit<ScenarioInput, 'vms' | 'workload'>, ScenarioFile>
  | Uncovered<ScenarioInput['host'], ScenarioFile['host']>
  | Uncovered<ScenarioInput['nic'], ScenarioFile['nic']>
  | Uncovered<ScenarioInput['guest'], ScenarioFile['guest']>
  | Uncovered<ScenarioInput['costs'], ScenarioFile['costs']>
  | Uncovered<
      Omit<NonNullable<ScenarioInput['vms']>, 'count'>,
      Exclude<ScenarioFile['vms'], number | number[]>
    >
  | Uncovered<Omit<NonNullable<ScenarioInput['workload']>, 'frame'>, ScenarioFile['workload']>;
export const SCHEMA_COVERS_SCENARIO_INPUT: [CoverageGaps] extends [never] ? true : CoverageGaps = true;
export type LoadValue = z.infer<typeof loadValueSchema>;
export type FrameValue = z.infer<typeof frameValueSchema>;
