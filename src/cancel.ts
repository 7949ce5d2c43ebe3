/**
 * Cancellation. A cancelled job gets SIGINT, then SIGTERM 7.5 s later, then is killed; Ctrl-C
 * sends SIGINT. Either aborts the run's signal: network steps stop at once (their git is
 * killed), the command's own cleanup runs (temporary refs and index files are removed by the
 * `finally` blocks that made them, which only run local git), and the run ends with a
 * CancelledError. If that has not happened within `graceMs`, or a second signal comes, the
 * process ends anyway.
 */
import { CancelledError } from './errors.js';

export interface Cancellation {
  signal: AbortSignal;
  dispose(): void;
}

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

export function cancelOnSignals(
  /** Ends the process when the run did not wind down by itself in time. */
  forceExit: (error: CancelledError) => void,
  graceMs = 4_000,
): Cancellation {
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) {
      forceExit(controller.signal.reason as CancelledError);
      return;
    }
    controller.abort(new CancelledError(signal));
    // Unref'd: a run that winds down by itself exits without waiting for this.
    setTimeout(() => forceExit(controller.signal.reason as CancelledError), graceMs).unref();
  };
  for (const s of SIGNALS) process.on(s, onSignal);
  return {
    signal: controller.signal,
    dispose: () => {
      for (const s of SIGNALS) process.off(s, onSignal);
    },
  };
}
