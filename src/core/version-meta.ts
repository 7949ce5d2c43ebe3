/**
 * A version's metadata and its two serialisations: git trailers in the snapshot commit message
 * (the source of truth, enough for `reindex`) and the JSON event lines of the notes index.
 */
export interface VersionMeta {
  track: string;
  version: number;
  previousVersion: number | null;
  sourceCommit: string;
  label: string;
  files: number;
  bytes: number;
  runUrl?: string | undefined;
  runId?: string | undefined;
  runAttempt?: number | undefined;
  workflow?: string | undefined;
  job?: string | undefined;
  event?: string | undefined;
  actor?: string | undefined;
  reason?: string | undefined;
  rollbackOf?: number | undefined;
  metrics?: Record<string, unknown> | undefined;
  metadata?: Record<string, unknown> | undefined;
}

/** Trailer keys, in the order they are written. Lowercase, as users read and grep them. */
const KEYS = {
  track: 'track',
  version: 'version',
  previousVersion: 'previous-version',
  sourceCommit: 'source-commit',
  label: 'label',
  files: 'files',
  bytes: 'size',
  reason: 'reason',
  actor: 'actor',
  event: 'event',
  workflow: 'workflow',
  job: 'job',
  runUrl: 'run-url',
  runId: 'run-id',
  runAttempt: 'run-attempt',
  rollbackOf: 'rollback-of',
  metrics: 'metrics',
  metadata: 'metadata',
} as const satisfies Record<keyof VersionMeta, string>;

export function subjectLine(track: string, version: number): string {
  return `snapback: ${track} v${version}`;
}

/**
 * Trailer values must stay on one line, or a crafted reason could forge trailers. Values with
 * control characters (or that look like JSON strings) are written as JSON string literals.
 */
function encodeValue(value: string): string {
  if (/[\u0000-\u001f\u007f]/.test(value) || value.startsWith('"') || value !== value.trim()) {
    return JSON.stringify(value);
  }
  return value;
}

function decodeValue(value: string): string {
  if (value.startsWith('"')) {
    try {
      const parsed: unknown = JSON.parse(value);
      if (typeof parsed === 'string') return parsed;
    } catch {
      // Not ours; keep it as written.
    }
  }
  return value;
}

export function formatCommitMessage(meta: VersionMeta, body: string): string {
  const lines: string[] = [];
  for (const [field, key] of Object.entries(KEYS) as [keyof VersionMeta, string][]) {
    const value = meta[field];
    if (value === undefined || value === null || value === '') continue;
    const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
    lines.push(`${key}: ${encodeValue(text)}`);
  }
  const cleanBody = body.replace(/\r/g, '').trim();
  return `${subjectLine(meta.track, meta.version)}\n\n${cleanBody ? `${cleanBody}\n\n` : ''}${lines.join('\n')}\n`;
}

/** Reads the trailer block (the last paragraph of `key: value` lines) of a commit message. */
export function parseTrailers(message: string): Map<string, string> {
  const paragraphs = message
    .replace(/\r/g, '')
    .trimEnd()
    .split(/\n\s*\n/);
  const last = paragraphs.length > 1 ? (paragraphs[paragraphs.length - 1] ?? '') : '';
  const out = new Map<string, string>();
  for (const line of last.split('\n')) {
    const m = /^([A-Za-z0-9][A-Za-z0-9-]*):\s?(.*)$/.exec(line);
    if (m) out.set(m[1]!.toLowerCase(), decodeValue(m[2]!));
  }
  return out;
}

function intOrUndefined(value: string | undefined): number | undefined {
  if (value === undefined || !/^[0-9]+$/.test(value)) return undefined;
  return Number(value);
}

function objectOrUndefined(value: string | undefined): Record<string, unknown> | undefined {
  if (value === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Rebuilds a version's metadata from its snapshot commit message; undefined if not ours. */
export function parseVersionMessage(message: string): VersionMeta | undefined {
  const t = parseTrailers(message);
  const track = t.get(KEYS.track);
  const version = intOrUndefined(t.get(KEYS.version));
  const sourceCommit = t.get(KEYS.sourceCommit);
  if (!track || !version || !sourceCommit) return undefined;
  return {
    track,
    version,
    previousVersion: intOrUndefined(t.get(KEYS.previousVersion)) ?? null,
    sourceCommit,
    label: t.get(KEYS.label) ?? '',
    files: intOrUndefined(t.get(KEYS.files)) ?? 0,
    bytes: intOrUndefined(t.get(KEYS.bytes)) ?? 0,
    runUrl: t.get(KEYS.runUrl),
    runId: t.get(KEYS.runId),
    runAttempt: intOrUndefined(t.get(KEYS.runAttempt)),
    workflow: t.get(KEYS.workflow),
    job: t.get(KEYS.job),
    event: t.get(KEYS.event),
    actor: t.get(KEYS.actor),
    reason: t.get(KEYS.reason),
    rollbackOf: intOrUndefined(t.get(KEYS.rollbackOf)),
    metrics: objectOrUndefined(t.get(KEYS.metrics)),
    metadata: objectOrUndefined(t.get(KEYS.metadata)),
  };
}
