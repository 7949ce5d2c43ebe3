// Peak memory of a record, per process. The action's own Node process reports its peak RSS
// (VmHWM) from an exit hook (a wrapper that imports dist/index.js); every git process, including those
// git starts itself (remote-http, send-pack, pack-objects), goes through a `git` shim on PATH
// that runs the real git under GNU time. The shim costs a few ms per process, so memory is
// measured in its own round, never in a timed one.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const GNU_TIME = '/usr/bin/time';

export interface MemoryProbe {
  /** Environment for the measured process (the shim on PATH and where to log). */
  env: Record<string, string>;
  /** Wrapper script to run instead of dist/index.js. */
  wrapper: string;
  nodeRssFile: string;
  gitLog: string;
}

export interface ProcessPeak {
  kb: number;
  command: string;
}

function realGit(): string {
  return execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
}

/** Sets up the shim and wrapper in `dir`; `entry` is the action's dist/index.js. */
export function memoryProbe(dir: string, entry: string): MemoryProbe {
  const shimDir = join(dir, 'shim');
  const gitLog = join(dir, 'git-peaks.log');
  const nodeRssFile = join(dir, 'node-peak.txt');
  mkdirSync(shimDir, { recursive: true });
  const shim = join(shimDir, 'git');
  // %M is the peak RSS in KB of the process (and of children it waited for); %C its argv.
  writeFileSync(
    shim,
    `#!/bin/sh\nexec ${GNU_TIME} -a -o "$BENCH_GIT_PEAKS" -f '%M %C' ${realGit()} "$@"\n`,
  );
  chmodSync(shim, 0o755);
  const wrapper = join(dir, 'measure-node.mjs');
  // VmHWM, not process.resourceUsage().maxRSS: Linux carries the RSS a process had before
  // exec into ru_maxrss, and a child forked from the benchmark (hundreds of MB) would report
  // the benchmark's size. VmHWM belongs to the exec'd image alone.
  writeFileSync(
    wrapper,
    [
      "import { readFileSync, writeFileSync } from 'node:fs';",
      "const hwm = () => /^VmHWM:\\s+(\\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? '0';",
      // 'exit' runs however the action ends (it sets exitCode rather than calling exit).
      `process.on('exit', () => writeFileSync(${JSON.stringify(nodeRssFile)}, hwm()));`,
      `await import(${JSON.stringify(pathToFileURL(entry).href)});`,
      '',
    ].join('\n'),
  );
  return {
    env: { PATH: `${shimDir}:${process.env.PATH ?? ''}`, BENCH_GIT_PEAKS: gitLog },
    wrapper,
    nodeRssFile,
    gitLog,
  };
}

/** Peaks logged so far, largest first; credentials in command lines are masked. */
export function gitPeaks(probe: MemoryProbe): ProcessPeak[] {
  let text = '';
  try {
    text = readFileSync(probe.gitLog, 'utf8');
  } catch {
    return [];
  }
  const peaks: ProcessPeak[] = [];
  for (const line of text.split('\n')) {
    const m = /^(\d+) (.*)$/.exec(line);
    if (!m) continue; // GNU time also logs "Command exited with non-zero status" lines
    const command = m[2]!
      // Native git gets its token as `-c http.<url>.extraheader=AUTHORIZATION: basic <token>`.
      .replace(/-c \S*extraheader=(AUTHORIZATION: \S+ \S+)?\s*/gi, '')
      .replace(/^\S*\/git /, 'git ')
      .replace(/https?:\/\/\S+/g, '<url>');
    peaks.push({ kb: Number(m[1]), command });
  }
  return peaks.sort((a, b) => b.kb - a.kb);
}

export function resetGitPeaks(probe: MemoryProbe): void {
  writeFileSync(probe.gitLog, '');
}

export function nodePeakKb(probe: MemoryProbe): number {
  return Number(readFileSync(probe.nodeRssFile, 'utf8').trim());
}

/**
 * Follows a running process's peak RSS (VmHWM) through /proc, for the timed rounds where no
 * wrapper may run. VmHWM only grows, so the last reading before exit is the peak, short of
 * whatever the final few milliseconds add.
 */
export function watchPeak(pid: number, everyMs = 20): { stop(): number } {
  let peakKb = 0;
  const read = () => {
    try {
      const m = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (m) peakKb = Math.max(peakKb, Number(m[1]));
    } catch {
      // Exited (or not Linux): keep the last reading.
    }
  };
  read();
  const timer = setInterval(read, everyMs);
  return {
    stop: () => {
      clearInterval(timer);
      return peakKb;
    },
  };
}
