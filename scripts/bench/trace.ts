// Where the time of one record goes. git writes a trace2 event log (GIT_TRACE2_EVENT) for every
// process the action starts; the server's request log gives the HTTP requests the action makes
// itself (isomorphic-git). Laid end to end between the action's spawn and exit, the git
// processes are the "git" steps and everything between them is the action's own Node work.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { median } from './format.js';
import type { GitServer, RequestLogEntry } from '../../test/harness/index.js';

export interface GitProcess {
  sid: string;
  argv: string[];
  /** Epoch milliseconds (wall clock, same clock as performance.timeOrigin + now()). */
  start: number;
  end: number;
  children: GitProcess[];
}

export interface HttpSpan {
  label: string;
  start: number;
  end: number;
}

export interface Segment {
  kind: 'git' | 'node';
  what: string;
  ms: number;
  /** HTTP requests served while this segment ran. */
  http: HttpSpan[];
}

interface TraceEvent {
  event: string;
  sid: string;
  time: string;
  argv?: string[];
}

/** trace2 times are ISO strings with microseconds, finer than Date.parse keeps. */
function epochMs(iso: string): number {
  const m = /^(.*T\d\d:\d\d:\d\d)(?:\.(\d+))?Z$/.exec(iso);
  if (!m) return Date.parse(iso);
  const fraction = Number(`0.${m[2] ?? '0'}`);
  return Date.parse(`${m[1]}Z`) + fraction * 1000;
}

export function parseTrace2(text: string): GitProcess[] {
  const bySid = new Map<string, GitProcess>();
  for (const line of text.split('\n')) {
    if (!line.startsWith('{')) continue;
    const e = JSON.parse(line) as TraceEvent;
    let p = bySid.get(e.sid);
    if (!p) {
      p = { sid: e.sid, argv: [], start: epochMs(e.time), end: epochMs(e.time), children: [] };
      bySid.set(e.sid, p);
    }
    if (e.event === 'start' && e.argv) p.argv = e.argv;
    p.end = Math.max(p.end, epochMs(e.time));
  }
  // A child's sid is its parent's sid plus "/<own>": that is how trace2 nests processes.
  const roots: GitProcess[] = [];
  for (const p of bySid.values()) {
    const parent = bySid.get(p.sid.slice(0, p.sid.lastIndexOf('/')));
    if (p.sid.includes('/') && parent) parent.children.push(p);
    else roots.push(p);
  }
  return roots.sort((a, b) => a.start - b.start);
}

export async function readTrace2(path: string): Promise<GitProcess[]> {
  return parseTrace2(await readFile(path, 'utf8'));
}

/**
 * Shortens argv for a table and makes it the same in every run: object ids, version numbers
 * and temp names change from run to run and say nothing to a reader.
 */
export function describeArgv(argv: string[]): string {
  return argv
    .map((a) =>
      /^https?:\/\//.test(a)
        ? '<url>'
        : a
            .replace(/[0-9a-f]{40}/g, '<oid>')
            .replace(/(refs\/snapback\/tmp\/)\S+/, '$1<tmp>')
            .replace(/(refs\/versions\/[^/\s:]+\/)\d+/g, '$1<n>'),
    )
    .join(' ');
}

/**
 * Stamps each request's start as the server logs it, so requests can be placed on the
 * timeline (the log itself keeps only durations). Wraps push on the live array instance.
 */
export function stampRequests(server: GitServer): { spans(): HttpSpan[]; stop(): void } {
  const log = server.requests;
  const starts = new Map<RequestLogEntry, number>();
  const original = log.push;
  log.push = function (this: RequestLogEntry[], ...items: RequestLogEntry[]) {
    const now = performance.timeOrigin + performance.now();
    for (const item of items) starts.set(item, now);
    return original.apply(this, items);
  };
  return {
    spans: () =>
      [...starts].map(([e, start]) => ({
        label: `${e.service}${e.command ? ` ${e.command}` : ''} ${e.durationMs} ms (${e.bytesIn} B in, ${e.bytesOut} B out)`,
        start,
        end: start + e.durationMs,
      })),
    stop: () => {
      log.push = original;
    },
  };
}

function overlapping(http: HttpSpan[], start: number, end: number): HttpSpan[] {
  return http.filter((h) => h.start < end && h.end > start);
}

/**
 * The object-size lookup (`cat-file --batch-check`) starts with the repository and lives, idle
 * but for a few milliseconds, until the process exits: on a timeline it would cover the whole
 * run and hide the steps it overlaps, so the timeline leaves it out.
 */
function isBackgroundLookup(p: GitProcess): boolean {
  return p.argv[1] === 'cat-file' && (p.argv[2] ?? '').startsWith('--batch-check');
}

/** The run from spawn to exit as alternating Node and git segments (see isBackgroundLookup). */
export function timeline(
  spawnAt: number,
  exitAt: number,
  processes: GitProcess[],
  http: HttpSpan[],
): Segment[] {
  const segments: Segment[] = [];
  let cursor = spawnAt;
  // Every gap is kept, even an empty one, so runs line up step by step.
  const gap = (until: number, before: string) => {
    segments.push({
      kind: 'node',
      what: before,
      ms: Math.max(0, until - cursor),
      http: overlapping(http, cursor, until),
    });
  };
  for (const p of processes.filter((p) => !isBackgroundLookup(p))) {
    const what = describeArgv(p.argv);
    gap(p.start, `before \`${what}\``);
    segments.push({
      kind: 'git',
      what,
      ms: p.end - p.start,
      http: overlapping(http, p.start, p.end),
    });
    cursor = Math.max(cursor, p.end);
  }
  gap(exitAt, 'after the last git, until exit');
  return segments;
}

export interface StepStats {
  kind: Segment['kind'];
  what: string;
  median: number;
  min: number;
  max: number;
  /** HTTP requests the server saw during this step, in the first run. */
  http: HttpSpan[];
}

/**
 * Step-by-step medians over several traced runs of the same record. The action runs the same
 * git commands in the same order every time, so runs align by position; if one does not (a
 * retry, say), only runs shaped like the first are used.
 */
export function stepStats(runs: Segment[][]): { steps: StepStats[]; runsUsed: number } {
  const first = runs[0] ?? [];
  const shape = (r: Segment[]) => r.map((s) => `${s.kind}:${s.what}`).join('\n');
  const alike = runs.filter((r) => shape(r) === shape(first));
  const steps = first.map((seg, i) => {
    const values = alike.map((r) => r[i]!.ms);
    return {
      kind: seg.kind,
      what: seg.what,
      median: median(values),
      min: Math.min(...values),
      max: Math.max(...values),
      http: seg.http,
    };
  });
  return { steps, runsUsed: alike.length };
}

/** `git send-pack …` → send-pack; `/usr/lib/git-core/git-remote-http …` → git-remote-http. */
function processName(argv: string[]): string {
  const program = basename(argv[0] ?? '?');
  return program === 'git' ? (argv[1] ?? 'git') : program;
}

/** The slowest processes a git command started (e.g. push → remote-http → pack-objects). */
export function childSummary(p: GitProcess): string {
  const all: GitProcess[] = [];
  const walk = (q: GitProcess) => q.children.forEach((c) => (all.push(c), walk(c)));
  walk(p);
  return all
    .sort((a, b) => b.end - b.start - (a.end - a.start))
    .slice(0, 3)
    .map((c) => `${processName(c.argv)} ${Math.round(c.end - c.start)} ms`)
    .join(', ');
}
