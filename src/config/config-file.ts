/**
 * `.github/snapback.yml`: several tracks, each with its own paths. Validated against a schema;
 * every mistake is reported with its line and what would be valid.
 */
import { LineCounter, parseDocument, isMap, isPair, isScalar, type Document } from 'yaml';
import { z } from 'zod';
import { SnapbackError } from '../errors.js';
import { isValidTrackName } from '../core/track-name.js';
import { splitPatterns } from '../core/globs.js';

const patternList = z.union([z.string(), z.array(z.string())], {
  error: 'expected a glob or a list of globs, like "config/**/*.json"',
});

const number = (what: string) => z.number({ error: `expected ${what}` });

const promoteSchema = z
  .object({
    metric: z.string({ error: 'expected the name of a metric, like f1' }).min(1),
    alias: z.string({ error: 'expected an alias name, like active' }).optional(),
    direction: z
      .enum(['higher', 'lower'], { error: 'expected higher or lower (which way is better)' })
      .optional(),
    high: number('a number, like 0.95').optional(),
    'min-improvement': number('a number of at least 0, like 0.02').min(0).optional(),
  })
  .strict();

const trackSchema = z
  .object({
    paths: patternList,
    'max-file-size': z
      .union([z.string(), z.number()], { error: 'expected a size such as "100 MB"' })
      .optional(),
    metrics: z.string().optional(),
    'include-workflows': z.boolean({ error: 'expected true or false' }).optional(),
    'keep-last': number('a whole number of at least 1').int().min(1).optional(),
    'keep-days': number('a number of days, from 0 to 36500').min(0).max(36_500).optional(),
    promote: promoteSchema.optional(),
    'drift-warn-versions': number('a whole number of versions, at least 0').int().min(0).optional(),
    'drift-warn-age': z
      .union([z.string(), z.number()], { error: 'expected a duration such as "7d" or "12h"' })
      .optional(),
    'drift-fail-versions': number('a whole number of versions, at least 0').int().min(0).optional(),
    'drift-fail-age': z
      .union([z.string(), z.number()], { error: 'expected a duration such as "7d" or "12h"' })
      .optional(),
  })
  .strict();

const fileSchema = z
  .object({
    version: z.literal(1).optional(),
    tracks: z
      .record(z.string().refine(isValidTrackName), trackSchema, {
        error: 'expected a mapping of track names to track settings',
      })
      .refine((t) => Object.keys(t).length > 0, { message: 'declare at least one track' }),
  })
  .strict();

export interface PromoteConfig {
  metric: string;
  alias?: string | undefined;
  direction?: 'higher' | 'lower' | undefined;
  high?: number | undefined;
  minImprovement?: number | undefined;
}

export interface TrackConfig {
  name: string;
  patterns: string[];
  maxFileSize?: string | number | undefined;
  metrics?: string | undefined;
  includeWorkflows?: boolean | undefined;
  keepLast?: number | undefined;
  keepDays?: number | undefined;
  promote?: PromoteConfig | undefined;
  driftWarnVersions?: number | undefined;
  driftWarnAge?: string | number | undefined;
  driftFailVersions?: number | undefined;
  driftFailAge?: string | number | undefined;
}

export interface ConfigFile {
  tracks: TrackConfig[];
}

function configError(file: string, line: number | undefined, message: string): SnapbackError {
  const where = line ? `${file}:${line}` : file;
  return new SnapbackError(
    'invalid-config',
    `Input 'config': ${where}: ${message}`,
    'Expected: "tracks:" mapping track names to { paths, max-file-size?, metrics?, include-workflows?, keep-last?, keep-days?, promote?: { metric, alias?, direction?, high?, min-improvement? }, drift-warn-versions?, drift-warn-age?, drift-fail-versions?, drift-fail-age? }. See the README section "Config file".',
  );
}

function lineOf(
  doc: Document,
  counter: LineCounter,
  path: readonly PropertyKey[],
  key?: string,
): number | undefined {
  let node: unknown = doc.contents;
  for (const step of path) {
    if (!isMap(node) && !(node && typeof node === 'object' && 'items' in node)) break;
    const items = (node as { items: unknown[] }).items;
    const next = isMap(node)
      ? items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(step))
      : items[Number(step)];
    if (!next) break;
    node = isPair(next) ? (String(step) === key ? next.key : next.value) : next;
  }
  if (key !== undefined && isMap(node)) {
    const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
    if (pair && isScalar(pair.key)) node = pair.key;
  }
  const range = (node as { range?: [number, number, number] } | null)?.range;
  return range ? counter.linePos(range[0]).line : undefined;
}

export function parseConfigFile(text: string, file: string): ConfigFile {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, uniqueKeys: true, prettyErrors: false });
  const first = doc.errors[0];
  if (first) {
    const line = counter.linePos(first.pos[0]).line;
    throw configError(file, line, `not valid YAML: ${first.message.split('\n')[0]}`);
  }
  const parsed = fileSchema.safeParse(doc.toJS() ?? {});
  if (!parsed.success) {
    // A misspelt key explains a missing one, so unknown keys are reported first.
    const issues = [...parsed.error.issues].sort(
      (a, b) => Number(b.code === 'unrecognized_keys') - Number(a.code === 'unrecognized_keys'),
    );
    const issue = issues[0]!;
    const extra = issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
    // Zod reports a bad record key at the key's own path; point at the key, not its value.
    const badKey =
      issue.code === 'invalid_key' ? String(issue.path[issue.path.length - 1] ?? '') : undefined;
    const path = badKey !== undefined ? issue.path.slice(0, -1) : issue.path;
    const line = lineOf(doc, counter, path, extra ?? badKey);
    const at = [...issue.path, ...(extra ? [extra] : [])].join('.');
    const message =
      issue.code === 'unrecognized_keys'
        ? `unknown key '${extra}'${at.includes('.') ? ` at ${at}` : ''}`
        : badKey !== undefined
          ? `'${badKey}' is not a valid track name: use lowercase letters, digits, ".", "_" and "-", start with a letter or digit, at most 64 characters`
          : `${at ? `${at}: ` : ''}${issue.message}`;
    throw configError(file, line, message);
  }
  const tracks = Object.entries(parsed.data.tracks).map(([name, t]) => ({
    name,
    patterns: Array.isArray(t.paths) ? t.paths.flatMap(splitPatterns) : splitPatterns(t.paths),
    maxFileSize: t['max-file-size'],
    metrics: t.metrics,
    includeWorkflows: t['include-workflows'],
    keepLast: t['keep-last'],
    keepDays: t['keep-days'],
    promote: t.promote && {
      metric: t.promote.metric,
      alias: t.promote.alias,
      direction: t.promote.direction,
      high: t.promote.high,
      minImprovement: t.promote['min-improvement'],
    },
    driftWarnVersions: t['drift-warn-versions'],
    driftWarnAge: t['drift-warn-age'],
    driftFailVersions: t['drift-fail-versions'],
    driftFailAge: t['drift-fail-age'],
  }));
  return { tracks };
}
