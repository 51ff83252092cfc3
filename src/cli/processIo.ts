import type { CliIo } from './cliIo.js';

let pipeGuardInstalled = false;

/**
 * The real CliIo, built from `process`. A closed pipe (`nicvirt costs | head`) is not an error: the
 * reader has what it wanted, so EPIPE on stdout is ignored instead of crashing with a stack trace.
 */
export function processIo(): CliIo {
  if (!pipeGuardInstalled) {
    pipeGuardInstalled = true;
    process.stdout.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
    });
  }
  return {
    stdout: (text) => {
      process.stdout.write(text);
    },
    stderr: (text) => {
      process.stderr.write(text);
    },
    stdoutIsTty: process.stdout.isTTY === true,
    stderrIsTty: process.stderr.isTTY === true,
    env: process.env,
    cwd: process.cwd(),
  };
}
