/**
 * Version of the model's numbers: bump it whenever a change to the engine, the modes or the cost
 * table changes results for the same configuration. `nicvirt compare` refuses to compare results of
 * different model versions (unless --allow-mismatch), and `--resume` refuses to mix them.
 */
export const MODEL_VERSION = '1';
