#!/usr/bin/env node
// V8's flags first, before the CLI's modules load: loading them allocates enough to grow the young
// generation, which never shrinks again (see tuneV8ForSimulation).
import { tuneV8ForSimulation } from '../dist/cli/v8Tuning.js';

tuneV8ForSimulation();
const { main } = await import('../dist/cli/main.js');

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(
      `nicvirt: internal error: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
