/** Signals a long command stops cleanly on. */
export type StopSignal = 'SIGINT' | 'SIGTERM';

/**
 * Where stop signals come from, injected so tests can interrupt a sweep in process. `onStop`
 * returns a function that removes the handler. Each signal is handled once: a second Ctrl-C gets
 * Node's default behaviour and ends the process at once.
 */
export interface SignalSource {
  readonly onStop: (handler: (signal: StopSignal) => void) => () => void;
}

export const processSignals: SignalSource = {
  onStop(handler) {
    const onInt = (): void => handler('SIGINT');
    const onTerm = (): void => handler('SIGTERM');
    process.once('SIGINT', onInt);
    process.once('SIGTERM', onTerm);
    return () => {
      process.removeListener('SIGINT', onInt);
      process.removeListener('SIGTERM', onTerm);
    };
  },
};
