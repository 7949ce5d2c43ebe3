/**
 * Turns raw input strings into validated options. Every rejection names the input and says
 * what would be valid; nothing here touches git or the network.
 */
import { readFile, access } from 'node:fs/promises';
import { isAbsolute, join, relative } from 'node:path';
import { InputError } from './errors.js';
import { assertTrackName } from './core/track-name.js';
import { parsePatterns, splitPatterns } from './core/globs.js';
import { parseSize } from './core/size.js';
import { parseConfigFile } from './config/config-file.js';
import type { TrackSpec } from './commands/record.js';
import type { DiffTrack } from './commands/diff.js';

export const DEFAULT_CONFIG = '.github/snapback.yml';
export const DEFAULT_MAX_FILE_SIZE = '100 MB';

export function parseBoolean(value: string, input: string): boolean {
  const v = value.trim().toLowerCase();
  if (v === '' || v === 'false' || v === 'no' || v === '0') return false;
  if (v === 'true' || v === 'yes' || v === '1') return true;
  throw new InputError(input, `'${value}' is not a boolean.`, 'Use true or false.');
}

export function parseJsonObject(text: string, input: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new InputError(
      input,
      `is not valid JSON (${(e as Error).message}).`,
      `Give a JSON object, like {"model": "resnet", "epochs": 10}.`,
    );
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new InputError(
      input,
      `must be a JSON object, got ${Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value}.`,
      'Give a JSON object, like {"model": "resnet", "epochs": 10}.',
    );
  }
  return value as Record<string, unknown>;
}

export function parseNonNegativeInt(text: string, input: string): number | undefined {
  const v = text.trim();
  if (v === '') return undefined;
  if (!/^[0-9]{1,15}$/.test(v))
    throw new InputError(
      input,
      `'${v}' is not a version number.`,
      'Give a whole number: 0 for a track with no versions yet, otherwise its latest version.',
    );
  return Number(v);
}

/** A path inside the workspace; refuses anything that would climb out of it. */
function insideWorkspace(workspace: string, path: string, input: string): string {
  const full = isAbsolute(path) ? path : join(workspace, path);
  const rel = relative(workspace, full);
  if (rel.startsWith('..') || isAbsolute(rel)) {
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
  if (v.startsWith('{')) return parseJsonObject(v, input);
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
  return parseJsonObject(text, `${input} (file ${v})`);
}

export interface TrackInputs {
  track: string;
  paths: string;
  config: string;
  maxFileSize: string;
  metrics: string;
}

/** The tracks of this run: from `paths` (one track) or from the config file (many). */
export async function resolveTracks(raw: TrackInputs, workspace: string): Promise<TrackSpec[]> {
  const maxFileSize = parseSize(raw.maxFileSize || DEFAULT_MAX_FILE_SIZE, 'max-file-size');
  const trackName = raw.track.trim() || 'default';
  if (raw.paths.trim() !== '') {
    return [
      {
        name: assertTrackName(trackName),
        patterns: parsePatterns(splitPatterns(raw.paths), 'paths'),
        maxFileSize,
        source: 'paths',
        metrics: await readMetrics(raw.metrics, workspace),
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
  const file = parseConfigFile(await readFile(full, 'utf8'), configPath);
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
      patterns: parsePatterns(t.patterns, `${where}.paths)`),
      maxFileSize:
        t.maxFileSize !== undefined
          ? parseSize(String(t.maxFileSize), `${where}.max-file-size)`)
          : maxFileSize,
      source: `${where}.paths)`,
      metrics:
        t.metrics !== undefined
          ? await readMetrics(t.metrics, workspace, `${where}.metrics)`)
          : await readMetrics(raw.metrics, workspace),
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
