import type { EventHandler } from '../../src/sim/eventQueue.js';

/** A handler that logs `${nowPs}:${id}` into `log` when it runs, then calls `then`. */
export function logger(log: string[], id: string, then?: (nowPs: number) => void): EventHandler {
  return {
    handleEvent(_arg: number, nowPs: number): void {
      log.push(`${nowPs}:${id}`);
      then?.(nowPs);
    },
  };
}
