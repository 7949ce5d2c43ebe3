/**
 * Turns raw input strings into validated options. Every rejection names the input and says
 * what would be valid; nothing here touches git or the network.
 */
import { COMMENT_MODES, type CommentMode } from './github/sticky-comment.js';
import { readFile, access } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import { InputError } from './errors.js';
import { assertTrackName } from './core/track-name.js';
import { parsePatterns, splitPatterns } from './core/globs.js';
import { parseSize } from './core/size.js';
import type { TrackSpec } from './commands/record.js';
import type { DiffTrack } from './commands/diff.js';
import type { TrackConfig } from './config/config-file.js';
import type { RetentionPolicy } from './core/retention.js';
import type { PromotionRule } from './core/promotion-rule.js';
import type { DriftThresholds } from './core/drift.js';
import { parseDuration } from './core/duration.js';
import { assertAliasName, printable } from './core/track-name.js';
import { BUDGET_FACTOR, DEFAULT_NETWORK_TIMEOUT } from './net/limits.js';

export const DEFAULT_CONFIG = '.github/snapback.yml';
export const DEFAULT_MAX_FILE_SIZE = '100 MB';

export function parseBoolean(value: string, input: string): boolean {
  const v = value.trim().toLowerCase();
  if (v === '' || v === 'false' || v === 'no' || v === '0') return false;
  if (v === 'true' || v === 'yes' || v === '1') return true;
  throw new InputError(input, `'${value}' is not a boolean.`, 'Use true or false.');
}

export const PUSH_MODES = ['auto', 'git'] as const;
export type PushMode = (typeof PUSH_MODES)[number];

/** One of a fixed set of words (case-insensitive); empty means `fallback`. */
export function parseChoice<T extends string>(
  value: string,
  input: string,
  choices: readonly T[],
  fallback: T,
  meaning = '',
): T {
  const v = value.trim().toLowerCase() || fallback;
  if ((choices as readonly string[]).includes(v)) return v as T;
  throw new InputError(
    input,
    `'${value.trim()}' is not one of the accepted values.`,
    `Valid values: ${choices.join(', ')}${meaning ? ` (${meaning})` : ''}.`,
  );
}

/** `push-mode`: `auto` (one direct request, `git push` as fallback) or `git` (always `git push`). */
export function parsePushMode(value: string): PushMode {
  return parseChoice(
    value,
    'push-mode',
    PUSH_MODES,
    'auto',
    "git: always push with plain 'git push'",
  );
}

/** `comment`: what the diff does with its pull request comment. */
export function parseCommentMode(value: string): CommentMode {
  return parseChoice(
    value,
    'comment',
    COMMENT_MODES,
    'always',
    'update-only never creates one; changes-only deletes it when nothing differs; off leaves comments alone',
  );
}

/** How deep and how large a JSON input may be: it ends up in commit messages and notes. */
export const JSON_MAX_DEPTH = 20;
export const METADATA_MAX_BYTES = 64 * 1024;
export const METRICS_MAX_BYTES = 1024 * 1024;

export function parseJsonObject(
  text: string,
  input: string,
  maxBytes = METADATA_MAX_BYTES,
): Record<string, unknown> {
  const example = 'Give a JSON object, like {"model": "resnet", "epochs": 10}.';
  const bytes = Buffer.byteLength(text);
  if (bytes > maxBytes) {
    throw new InputError(
      input,
      `is ${bytes} bytes of JSON; at most ${maxBytes} are stored with a version.`,
      'Keep the object small: large results belong in a file of the track, not in its metadata.',
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new InputError(input, `is not valid JSON (${(e as Error).message}).`, example);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new InputError(
      input,
      `must be a JSON object, got ${Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value}.`,
      example,
    );
  }
  if (depthOf(value) > JSON_MAX_DEPTH) {
    throw new InputError(
      input,
      `nests objects or arrays more than ${JSON_MAX_DEPTH} levels deep.`,
      `Flatten it to at most ${JSON_MAX_DEPTH} levels. ${example}`,
    );
  }
  return value as Record<string, unknown>;
}

/** Nesting depth of a parsed JSON value, without recursion (the input may be hostile). */
function depthOf(root: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (!value || typeof value !== 'object') continue;
    deepest = Math.max(deepest, depth);
    if (deepest > JSON_MAX_DEPTH) return deepest;
    for (const child of Object.values(value)) stack.push([child, depth + 1]);
  }
  return deepest;
}

/**
 * A token input: refused, without repeating it, when it holds whitespace or a control
 * character. No token does, and a line break would end up inside an HTTP header.
 */
export function checkToken(value: string, input: string): string {
  if (/[\u0000-\u0020\u007f]/.test(value)) {
    throw new InputError(
      input,
      'contains a line break, a space or another control character, which no token has (the value is not shown).',
      'Pass the secret itself, e.g. ${{ secrets.MY_TOKEN }}, without extra lines or spaces.',
    );
  }
  return value;
}

export function parseNonNegativeInt(text: string, input: string): number | undefined {
  const v = text.trim();
  if (v === '') return undefined;
  if (!/^[0-9]{1,15}$/.test(v))
    throw new InputError(
      input,
      `'${printable(v, 40)}' is not a version number.`,
      'Give a whole number: 0 for a track with no versions yet, otherwise its latest version.',
    );
  return Number(v);
}

/** `network-timeout`: whole seconds a request may go without progress (1 to 3600). */
export function parseNetworkTimeout(text: string, input: string): number {
  const v = text.trim();
  if (v === '') return DEFAULT_NETWORK_TIMEOUT;
  if (!/^[0-9]{1,4}$/.test(v) || Number(v) < 1 || Number(v) > 3600) {
    throw new InputError(
      input,
      `'${printable(v, 40)}' is not a number of seconds from 1 to 3600.`,
      `Give the seconds a network request may go without progress (default ${DEFAULT_NETWORK_TIMEOUT}); a step gives up after ${BUDGET_FACTOR} times that.`,
    );
  }
  return Number(v);
}

/** A path inside the workspace; refuses anything that would climb out of it. */
function insideWorkspace(workspace: string, path: string, input: string): string {
  const full = isAbsolute(path) ? path : join(workspace, path);
  const rel = relative(workspace, full);
  // `..` as a whole component climbs out; a name like `..metrics.json` does not.
  if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
    throw new InputError(
      input,
      `'${path}' is outside the workspace.`,
      'Give a path relative to the repository root.',
    );
  }
  return full;
}

/** `metrics`: an inline JSON object, or the path of a JSON file holding one. */
export async function readMetrics(
  value: string,
  workspace: string,
  input = 'metrics',
): Promise<Record<string, unknown> | undefined> {
  const v = value.trim();
  if (v === '') return undefined;
  if (v.startsWith('{')) return parseJsonObject(v, input, METRICS_MAX_BYTES);
  const path = insideWorkspace(workspace, v, input);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new InputError(
      input,
      `cannot read the metrics file '${v}' (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}).`,
      'Give a JSON object inline, or the path (relative to the repository root) of a JSON file the job has written before this step.',
    );
  }
  return parseJsonObject(text, `${input} (file ${v})`, METRICS_MAX_BYTES);
}

export interface TrackInputs {
  track: string;
  paths: string;
  config: string;
  maxFileSize: string;
  metrics: string;
  /** `include-workflows`: let `.github/workflows/**` belong to the track ('' = false). */
  includeWorkflows?: string | undefined;
  /** Retention, promotion and drift settings; per-track config entries override them. */
  policies?: PolicyInputs | undefined;
}

/** The action inputs that set a track's policies (all strings, as the runner gives them). */
export interface PolicyInputs {
  keepLast: string;
  keepDays: string;
  alias: string;
  promoteMetric: string;
  promoteHigh: string;
  promoteMinImprovement: string;
  promoteDirection: string;
  driftWarnVersions: string;
  driftWarnAge: string;
  /** Absent (a host that does not offer them): no failure level. */
  driftFailVersions?: string | undefined;
  driftFailAge?: string | undefined;
}

/** For commands that read a track's files but apply none of its policies (restore, import). */
export const NO_POLICIES: PolicyInputs = {
  keepLast: '',
  keepDays: '',
  alias: '',
  promoteMetric: '',
  promoteHigh: '',
  promoteMinImprovement: '',
  promoteDirection: '',
  driftWarnVersions: '',
  driftWarnAge: '',
};

export interface TrackPolicies {
  /** Undefined: no retention configured (record does not prune). */
  retention?: RetentionPolicy | undefined;
  promotion?: PromotionRule | undefined;
  drift: DriftThresholds;
}

export const DEFAULT_KEEP_LAST = 10;

/** Longer numbers are no value anyone means (and JavaScript would round or overflow them). */
const MAX_DIGITS = 15;
/** Retention and drift ages beyond a century are a typo. */
export const MAX_DAYS = 36_500;

function parseNumber(
  text: string,
  input: string,
  hint: string,
  max = Number.MAX_SAFE_INTEGER,
): number | undefined {
  const v = text.trim();
  if (v === '') return undefined;
  const digits = `[0-9]{1,${MAX_DIGITS}}`;
  if (!new RegExp(`^-?${digits}(\\.${digits})?$`).test(v))
    throw new InputError(input, `'${printable(v, 40)}' is not a number.`, hint);
  const n = Number(v);
  if (Math.abs(n) > max) throw new InputError(input, `must be at most ${max}, got ${n}.`, hint);
  return n;
}

function parseWhole(text: string, input: string, min: number, hint: string): number | undefined {
  const v = text.trim();
  if (v === '') return undefined;
  if (!/^[0-9]{1,9}$/.test(v) || Number(v) < min) {
    throw new InputError(
      input,
      `'${printable(v, 40)}' is not a whole number of at least ${min}.`,
      hint,
    );
  }
  return Number(v);
}

/** The policy inputs, each checked on its own: a bad value is refused even where unused. */
interface PolicyInputValues {
  keepLast?: number | undefined;
  keepDays?: number | undefined;
  alias: string;
  promoteMetric: string;
  promoteHigh?: number | undefined;
  promoteMinImprovement?: number | undefined;
  promoteDirection: 'higher' | 'lower';
  driftWarnVersions?: number | undefined;
  driftWarnAge?: number | undefined;
  driftFailVersions?: number | undefined;
  driftFailAge?: number | undefined;
}

function parsePolicyInputs(raw: PolicyInputs | undefined): PolicyInputValues {
  const keepLast = parseWhole(
    raw?.keepLast ?? '',
    'keep-last',
    1,
    'Give how many of the newest versions to keep, 1 or more (default 10).',
  );
  const keepDays = parseNumber(
    raw?.keepDays ?? '',
    'keep-days',
    'Give a number of days, like 30.',
    MAX_DAYS,
  );
  if (keepDays !== undefined && keepDays < 0) {
    throw new InputError('keep-days', `must be 0 or more, got ${keepDays}.`);
  }
  const direction = raw?.promoteDirection.trim() || 'higher';
  if (direction !== 'higher' && direction !== 'lower') {
    throw new InputError(
      'promote-direction',
      `'${direction}' is not a direction.`,
      'Use higher (bigger is better, like F1) or lower (smaller is better, like loss).',
    );
  }
  const minImprovement = parseNumber(
    raw?.promoteMinImprovement ?? '',
    'promote-min-improvement',
    'Give a number, like 0.02.',
  );
  if (minImprovement !== undefined && minImprovement < 0) {
    throw new InputError('promote-min-improvement', `must be 0 or more, got ${minImprovement}.`);
  }
  const driftAge = raw?.driftWarnAge ?? '';
  const failAge = raw?.driftFailAge ?? '';
  return {
    keepLast,
    keepDays,
    alias: assertAliasName(raw?.alias.trim() || 'active', 'alias'),
    promoteMetric: raw?.promoteMetric.trim() ?? '',
    promoteHigh: parseNumber(raw?.promoteHigh ?? '', 'promote-high', 'Give a number, like 0.95.'),
    promoteMinImprovement: minImprovement,
    promoteDirection: direction,
    driftWarnVersions: parseWhole(
      raw?.driftWarnVersions ?? '',
      'drift-warn-versions',
      0,
      'Give a whole number of versions, like 3.',
    ),
    driftWarnAge: driftAge.trim() === '' ? undefined : parseDuration(driftAge, 'drift-warn-age'),
    driftFailVersions: parseWhole(
      raw?.driftFailVersions ?? '',
      'drift-fail-versions',
      0,
      'Give a whole number of versions, like 10.',
    ),
    driftFailAge: failAge.trim() === '' ? undefined : parseDuration(failAge, 'drift-fail-age'),
  };
}

/**
 * A track's policies: the config entry's settings where it has them, else the inputs'. Called
 * for every track before anything touches git, so a bad value changes nothing. Every input is
 * checked, including one a config entry overrides: a mistake is never silently ignored.
 */
export function resolvePolicies(
  raw: PolicyInputs | undefined,
  entry: TrackConfig | undefined,
  where: string,
): TrackPolicies {
  const at = (key: string) => `${where}.${key})`;
  const input = parsePolicyInputs(raw);
  // The config file's own bounds are checked by its schema.
  const keepLast = entry?.keepLast ?? input.keepLast;
  const keepDays = entry?.keepDays ?? input.keepDays;
  const retention =
    keepLast !== undefined || keepDays !== undefined
      ? { keepLast: keepLast ?? DEFAULT_KEEP_LAST, keepDays }
      : undefined;

  let promotion: PromotionRule | undefined;
  if (entry?.promote) {
    promotion = {
      alias: assertAliasName(entry.promote.alias ?? input.alias, at('promote.alias')),
      metric: entry.promote.metric,
      direction: entry.promote.direction ?? 'higher',
      high: entry.promote.high,
      minImprovement: entry.promote.minImprovement ?? 0,
    };
  } else if (input.promoteMetric !== '') {
    promotion = {
      alias: input.alias,
      metric: input.promoteMetric,
      direction: input.promoteDirection,
      high: input.promoteHigh,
      minImprovement: input.promoteMinImprovement ?? 0,
    };
  }
  if (
    input.promoteMetric === '' &&
    (input.promoteHigh !== undefined || input.promoteMinImprovement !== undefined)
  ) {
    throw new InputError(
      'promote-metric',
      'is empty, but promote-high or promote-min-improvement is set.',
      'Name the metric the rule compares (a key of the metrics input, like f1).',
    );
  }

  const driftVersions = entry?.driftWarnVersions ?? input.driftWarnVersions;
  const driftAge =
    entry?.driftWarnAge !== undefined
      ? parseDuration(String(entry.driftWarnAge), at('drift-warn-age'))
      : input.driftWarnAge;
  const failVersions = entry?.driftFailVersions ?? input.driftFailVersions;
  const failAge =
    entry?.driftFailAge !== undefined
      ? parseDuration(String(entry.driftFailAge), at('drift-fail-age'))
      : input.driftFailAge;
  return {
    retention,
    promotion,
    drift: { versions: driftVersions, ageMs: driftAge, failVersions, failAgeMs: failAge },
  };
}

/** The tracks of this run: from `paths` (one track) or from the config file (many). */
export async function resolveTracks(raw: TrackInputs, workspace: string): Promise<TrackSpec[]> {
  const maxFileSize = parseSize(raw.maxFileSize || DEFAULT_MAX_FILE_SIZE, 'max-file-size');
  const workflows = parseBoolean(raw.includeWorkflows ?? '', 'include-workflows');
  const trackName = raw.track.trim() || 'default';
  if (raw.paths.trim() !== '') {
    return [
      {
        name: assertTrackName(trackName),
        patterns: { ...parsePatterns(splitPatterns(raw.paths), 'paths'), workflows },
        maxFileSize,
        source: 'paths',
        metrics: await readMetrics(raw.metrics, workspace),
        ...resolvePolicies(raw.policies, undefined, ''),
      },
    ];
  }
  const configPath = raw.config.trim() || DEFAULT_CONFIG;
  const full = insideWorkspace(workspace, configPath, 'config');
  const exists = await access(full).then(
    () => true,
    () => false,
  );
  if (!exists) {
    if (configPath !== DEFAULT_CONFIG) {
      throw new InputError(
        'config',
        `the file '${configPath}' does not exist.`,
        'Give the path of the config file relative to the repository root, or set paths instead.',
      );
    }
    throw new InputError(
      'paths',
      `is empty and there is no ${DEFAULT_CONFIG}.`,
      'Set paths to the globs of the files to version (e.g. "config/**/*.json"), or declare tracks in .github/snapback.yml.',
    );
  }
  const file = (await configParser())(await readFile(full, 'utf8'), configPath);
  let tracks = file.tracks;
  // Left at its default, `track` means "every track of the file"; otherwise it picks one.
  if (trackName !== 'default') {
    tracks = tracks.filter((t) => t.name === trackName);
    if (tracks.length === 0) {
      throw new InputError(
        'track',
        `'${trackName}' is not a track of ${configPath}.`,
        `Tracks there: ${file.tracks.map((t) => t.name).join(', ')}. Leave track at its default to record them all.`,
      );
    }
  }
  const specs: TrackSpec[] = [];
  for (const t of tracks) {
    const where = `config (${configPath}, tracks.${t.name}`;
    specs.push({
      name: t.name,
      patterns: {
        ...parsePatterns(t.patterns, `${where}.paths)`),
        workflows: t.includeWorkflows ?? workflows,
      },
      maxFileSize:
        t.maxFileSize !== undefined
          ? parseSize(String(t.maxFileSize), `${where}.max-file-size)`)
          : maxFileSize,
      source: `${where}.paths)`,
      metrics:
        t.metrics !== undefined
          ? await readMetrics(t.metrics, workspace, `${where}.metrics)`)
          : await readMetrics(raw.metrics, workspace),
      ...resolvePolicies(raw.policies, t, where),
    });
  }
  return specs;
}

/**
 * Tracks for `diff`: like `record`'s, except that comparing two versions needs no paths (a
 * version holds exactly its track's files), so a bare track name is enough.
 */
export async function resolveDiffTracks(raw: TrackInputs, workspace: string): Promise<DiffTrack[]> {
  const configPath = raw.config.trim() || DEFAULT_CONFIG;
  const hasConfig = await access(insideWorkspace(workspace, configPath, 'config')).then(
    () => true,
    () => false,
  );
  if (raw.paths.trim() === '' && !hasConfig && configPath === DEFAULT_CONFIG) {
    return [
      {
        name: assertTrackName(raw.track.trim() || 'default'),
        patterns: undefined,
        source: 'paths',
      },
    ];
  }
  const specs = await resolveTracks({ ...raw, metrics: '' }, workspace);
  return specs.map((t) => ({ name: t.name, patterns: t.patterns, source: t.source }));
}

export interface RegistryTracks {
  /** The tracks named by the inputs or the config file; undefined: every track of the registry. */
  names: string[] | undefined;
  policies: (track: string) => TrackPolicies;
}

/**
 * Tracks for the commands that work on the registry alone (prune, promote, demote, status):
 * `paths` set or `track` named → that track; else the config file's tracks; else every track
 * the registry holds. Policies come from the track's config entry, else from the inputs.
 */
export async function resolveRegistryTracks(
  raw: TrackInputs,
  workspace: string,
): Promise<RegistryTracks> {
  const trackName = raw.track.trim() || 'default';
  const configPath = raw.config.trim() || DEFAULT_CONFIG;
  const full = insideWorkspace(workspace, configPath, 'config');
  const exists = await access(full).then(
    () => true,
    () => false,
  );
  if (!exists && configPath !== DEFAULT_CONFIG) {
    throw new InputError(
      'config',
      `the file '${configPath}' does not exist.`,
      'Give the path of the config file relative to the repository root, or leave config at its default.',
    );
  }
  const entries = new Map<string, TrackConfig>();
  if (exists && raw.paths.trim() === '') {
    const parseConfigFile = await configParser();
    for (const t of parseConfigFile(await readFile(full, 'utf8'), configPath).tracks) {
      entries.set(t.name, t);
    }
  }
  // Every policy is checked now, before the first git command.
  const resolved = new Map<string, TrackPolicies>();
  for (const [name, entry] of entries) {
    resolved.set(
      name,
      resolvePolicies(raw.policies, entry, `config (${configPath}, tracks.${name}`),
    );
  }
  const fallback = resolvePolicies(raw.policies, undefined, '');
  const policies = (track: string) => resolved.get(track) ?? fallback;
  if (raw.paths.trim() !== '' || trackName !== 'default') {
    return { names: [assertTrackName(trackName)], policies };
  }
  return { names: entries.size > 0 ? [...entries.keys()] : undefined, policies };
}

/**
 * The config file's parser, loaded when a config file is read: its schema and YAML libraries
 * are a large part of the bundle, and a run given `paths` never needs them.
 */
async function configParser(): Promise<typeof import('./config/config-file.js').parseConfigFile> {
  return (await import('./config/config-file.js')).parseConfigFile;
}
