import { readFileSync } from 'node:fs';

export const TOOL_NAME = 'nicvirt';

let cachedVersion: string | undefined;

/**
 * The version in package.json. Both src/cli (tests) and dist/cli (the built bin) sit two levels
 * below the package root, so one relative URL serves both.
 */
export function toolVersion(): string {
  if (cachedVersion === undefined) {
    const packageJson: unknown = JSON.parse(
      readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
    );
    const version = (packageJson as { version?: unknown }).version;
    if (typeof version !== 'string') throw new Error('package.json has no "version" string');
    cachedVersion = version;
  }
  return cachedVersion;
}
