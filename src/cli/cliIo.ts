/**
 * Everything the CLI needs from the outside world, passed in so tests run the whole CLI in process
 * and compare plain text. Only src/cli/main.ts builds the real one from `process`.
 */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly stdoutIsTty: boolean;
  readonly stderrIsTty: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** True once the reader of stdout has gone (EPIPE): long streams stop writing. Default: never. */
  readonly stdoutClosed?: () => boolean;
  /** Resolves when everything written to stdout is out; rejects with the write error if one failed. */
  readonly flush?: () => Promise<void>;
}
