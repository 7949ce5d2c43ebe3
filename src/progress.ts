/**
 * How commands tell what they are doing beyond their result: named phases (the Action folds each
 * into a log group; the CLI prints its title) and debug lines at each decision (shown when step
 * debugging is on, or with the CLI's SNAPBACK_DEBUG). Optional everywhere: without it, commands
 * just run.
 */
export interface Progress {
  debug(message: string): void;
  phase<T>(title: string, work: () => Promise<T>): Promise<T>;
}

/** Runs `work` as a named phase when there is a reporter, plainly otherwise. */
export function phase<T>(
  progress: Progress | undefined,
  title: string,
  work: () => Promise<T>,
): Promise<T> {
  return progress ? progress.phase(title, work) : work();
}

export function debug(progress: Progress | undefined, message: string): void {
  progress?.debug(message);
}
