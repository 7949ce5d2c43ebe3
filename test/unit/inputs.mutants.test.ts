// The action's inputs turned into tracks and policies: every refusal names the input (or the
// config entry) and says what would be valid; defaults apply when an input is left empty.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_CONFIG,
  DEFAULT_KEEP_LAST,
  DEFAULT_MAX_FILE_SIZE,
  parseBoolean,
  parseJsonObject,
  parseNonNegativeInt,
  readMetrics,
  resolveDiffTracks,
  resolvePolicies,
  resolveRegistryTracks,
  resolveTracks,
  type PolicyInputs,
  type TrackInputs,
} from '../../src/inputs.js';
import { InputError } from '../../src/errors.js';
import { cleanupTempDirs, tempDir } from '../harness/temp.js';

afterAll(cleanupTempDirs);

async function refusal(fn: () => unknown): Promise<InputError> {
  try {
    await fn();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return e as InputError;
  }
  throw new Error('expected an InputError');
}

function workspace(files: Record<string, string> = {}): string {
  const dir = tempDir('inputs');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const noPolicies: PolicyInputs = {
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
const policies = (extra: Partial<PolicyInputs>): PolicyInputs => ({ ...noPolicies, ...extra });
const inputs = (extra: Partial<TrackInputs>): TrackInputs => ({
  track: '',
  paths: '',
  config: '',
  maxFileSize: '',
  metrics: '',
  policies: noPolicies,
  ...extra,
});

describe('scalar inputs', () => {
  it('reads booleans in the usual spellings, refusing the rest', async () => {
    for (const t of ['true', ' TRUE ', 'yes', '1']) expect(parseBoolean(t, 'x')).toBe(true);
    for (const f of ['', ' ', 'false', 'No', '0']) expect(parseBoolean(f, 'x')).toBe(false);
    const e = await refusal(() => parseBoolean('maybe', 'dry-run'));
    expect(e.message).toBe("Input 'dry-run': 'maybe' is not a boolean.");
    expect(e.hint).toBe('Use true or false.');
  });

  it('reads JSON objects only, saying what it got instead', async () => {
    expect(parseJsonObject('{"a":1}', 'm')).toEqual({ a: 1 });
    const hint = 'Give a JSON object, like {"model": "resnet", "epochs": 10}.';
    for (const [text, got] of [
      ['[1]', 'an array'],
      ['null', 'null'],
      ['3', 'number'],
      ['"s"', 'string'],
      ['false', 'boolean'],
    ]) {
      const e = await refusal(() => parseJsonObject(text!, 'metadata'));
      expect(e.message).toBe(`Input 'metadata': must be a JSON object, got ${got}.`);
      expect(e.hint).toBe(hint);
    }
    const bad = await refusal(() => parseJsonObject('{x', 'metadata'));
    expect(bad.message).toMatch(/^Input 'metadata': is not valid JSON \(.+\)\.$/);
    expect(bad.hint).toBe(hint);
  });

  it('reads whole version numbers of up to 15 digits', async () => {
    expect(parseNonNegativeInt(' ', 'x')).toBeUndefined();
    expect(parseNonNegativeInt(' 0 ', 'x')).toBe(0);
    expect(parseNonNegativeInt('123456789012345', 'x')).toBe(123456789012345);
    for (const bad of ['1234567890123456', '-1', '1.5', 'v3', '3x', 'x3']) {
      const e = await refusal(() => parseNonNegativeInt(bad, 'expected-version'));
      expect(e.message).toBe(`Input 'expected-version': '${bad}' is not a version number.`);
      expect(e.hint).toMatch(/^Give a whole number/);
    }
  });
});

describe('readMetrics', () => {
  it('takes inline JSON, a file in the workspace, or nothing', async () => {
    const ws = workspace({ 'out/m.json': '{"f1": 0.9}' });
    expect(await readMetrics('  ', ws)).toBeUndefined();
    expect(await readMetrics(' {"a": 1} ', ws)).toEqual({ a: 1 });
    expect(await readMetrics('out/m.json', ws)).toEqual({ f1: 0.9 });
    expect(await readMetrics(join(ws, 'out/m.json'), ws)).toEqual({ f1: 0.9 });
  });

  it('refuses files outside the workspace, missing files and files that are not an object', async () => {
    const ws = workspace({ 'list.json': '[1]', 'dir/x': '' });
    for (const path of ['..', '../x.json', '/etc/hostname', 'a/../../x']) {
      const e = await refusal(() => readMetrics(path, ws));
      expect(e.message).toBe(`Input 'metrics': '${path}' is outside the workspace.`);
      expect(e.hint).toBe('Give a path relative to the repository root.');
    }
    const missing = await refusal(() =>
      readMetrics('nope.json', ws, 'config (x, tracks.t.metrics)'),
    );
    expect(missing.message).toBe(
      "Input 'config (x, tracks.t.metrics)': cannot read the metrics file 'nope.json' (ENOENT).",
    );
    expect(missing.hint).toMatch(/^Give a JSON object inline, or the path/);
    expect((await refusal(() => readMetrics('dir', ws))).message).toContain('(EISDIR)');
    expect((await refusal(() => readMetrics('list.json', ws))).message).toBe(
      "Input 'metrics (file list.json)': must be a JSON object, got an array.",
    );
    // A name that merely starts with two dots is inside.
    const dots = workspace({ '..m.json': '{"a":2}' });
    expect(await readMetrics('..m.json', dots)).toEqual({ a: 2 });
  });
});

describe('resolvePolicies from inputs', () => {
  it('has no retention, no rule and no drift thresholds by default', () => {
    expect(resolvePolicies(noPolicies, undefined, '')).toEqual({
      retention: undefined,
      promotion: undefined,
      drift: { versions: undefined, ageMs: undefined },
    });
    expect(resolvePolicies(undefined, undefined, '')).toEqual({
      retention: undefined,
      promotion: undefined,
      drift: { versions: undefined, ageMs: undefined },
    });
  });

  it('keeps the last 10 when only keep-days is set, and reads every setting', () => {
    expect(DEFAULT_KEEP_LAST).toBe(10);
    expect(resolvePolicies(policies({ keepDays: ' 0 ' }), undefined, '').retention).toEqual({
      keepLast: 10,
      keepDays: 0,
    });
    expect(
      resolvePolicies(
        policies({
          keepLast: '3',
          keepDays: '1.5',
          alias: ' prod ',
          promoteMetric: ' loss ',
          promoteDirection: ' lower ',
          promoteHigh: '-0.5',
          promoteMinImprovement: '0.02',
          driftWarnVersions: '0',
          driftWarnAge: '12h',
        }),
        undefined,
        '',
      ),
    ).toEqual({
      retention: { keepLast: 3, keepDays: 1.5 },
      promotion: {
        alias: 'prod',
        metric: 'loss',
        direction: 'lower',
        high: -0.5,
        minImprovement: 0.02,
      },
      drift: { versions: 0, ageMs: 12 * 3_600_000 },
    });
    expect(resolvePolicies(policies({ promoteMetric: 'f1' }), undefined, '').promotion).toEqual({
      alias: 'active',
      metric: 'f1',
      direction: 'higher',
      high: undefined,
      minImprovement: 0,
    });
  });

  it.each<[Partial<PolicyInputs>, string, string | undefined]>([
    [
      { keepLast: '0' },
      "Input 'keep-last': '0' is not a whole number of at least 1.",
      'Give how many of the newest versions to keep, 1 or more (default 10).',
    ],
    [
      { keepLast: '1.5' },
      "Input 'keep-last': '1.5' is not a whole number of at least 1.",
      'Give how many of the newest versions to keep, 1 or more (default 10).',
    ],
    [
      { keepLast: '1234567890' },
      "Input 'keep-last': '1234567890' is not a whole number of at least 1.",
      'Give how many of the newest versions to keep, 1 or more (default 10).',
    ],
    [{ keepDays: '-1' }, "Input 'keep-days': must be 0 or more, got -1.", undefined],
    [
      { keepDays: '1e3' },
      "Input 'keep-days': '1e3' is not a number.",
      'Give a number of days, like 30.',
    ],
    [
      { keepDays: '.5' },
      "Input 'keep-days': '.5' is not a number.",
      'Give a number of days, like 30.',
    ],
    [
      { keepDays: '5.' },
      "Input 'keep-days': '5.' is not a number.",
      'Give a number of days, like 30.',
    ],
    [
      { alias: 'latest' },
      "Input 'alias': 'latest' is not a valid alias name.",
      expect.stringMatching(/selector/) as unknown as string,
    ],
    [
      { promoteMetric: 'f1', promoteDirection: 'up' },
      "Input 'promote-direction': 'up' is not a direction.",
      'Use higher (bigger is better, like F1) or lower (smaller is better, like loss).',
    ],
    [
      { promoteMetric: 'f1', promoteMinImprovement: '-0.1' },
      "Input 'promote-min-improvement': must be 0 or more, got -0.1.",
      undefined,
    ],
    [
      { promoteMetric: 'f1', promoteMinImprovement: 'x' },
      "Input 'promote-min-improvement': 'x' is not a number.",
      'Give a number, like 0.02.',
    ],
    [
      { promoteMetric: 'f1', promoteHigh: 'high' },
      "Input 'promote-high': 'high' is not a number.",
      'Give a number, like 0.95.',
    ],
    [
      { promoteHigh: '0.9' },
      "Input 'promote-metric': is empty, but promote-high or promote-min-improvement is set.",
      'Name the metric the rule compares (a key of the metrics input, like f1).',
    ],
    [
      { promoteMetric: ' ', promoteMinImprovement: '0.1' },
      "Input 'promote-metric': is empty, but promote-high or promote-min-improvement is set.",
      'Name the metric the rule compares (a key of the metrics input, like f1).',
    ],
    [
      { driftWarnVersions: '-1' },
      "Input 'drift-warn-versions': '-1' is not a whole number of at least 0.",
      'Give a whole number of versions, like 3.',
    ],
    [
      { driftWarnAge: 'soon' },
      "Input 'drift-warn-age': 'soon' is not a duration.",
      expect.stringMatching(/weeks/) as unknown as string,
    ],
  ])('refuses %j', async (extra, message, hint) => {
    const e = await refusal(() => resolvePolicies(policies(extra), undefined, ''));
    expect(e.message).toBe(message);
    expect(e.hint).toEqual(hint);
  });
});

describe('resolvePolicies from a config entry', () => {
  const where = 'config (.github/snapback.yml, tracks.m';

  it('prefers the entry over the inputs, field by field', () => {
    const p = resolvePolicies(
      policies({
        keepLast: '7',
        keepDays: '9',
        alias: 'prod',
        driftWarnVersions: '4',
        driftWarnAge: '1d',
      }),
      {
        name: 'm',
        patterns: ['**'],
        keepDays: 2,
        promote: { metric: 'f1' },
        driftWarnAge: '2h',
      },
      where,
    );
    expect(p).toEqual({
      retention: { keepLast: 7, keepDays: 2 },
      promotion: {
        alias: 'prod',
        metric: 'f1',
        direction: 'higher',
        high: undefined,
        minImprovement: 0,
      },
      drift: { versions: 4, ageMs: 2 * 3_600_000 },
    });
    expect(
      resolvePolicies(
        noPolicies,
        {
          name: 'm',
          patterns: ['**'],
          keepLast: 2,
          promote: {
            metric: 'loss',
            alias: 'best',
            direction: 'lower',
            high: 0.1,
            minImprovement: 0.5,
          },
          driftWarnVersions: 0,
          driftWarnAge: 3,
        },
        where,
      ),
    ).toEqual({
      retention: { keepLast: 2, keepDays: undefined },
      promotion: {
        alias: 'best',
        metric: 'loss',
        direction: 'lower',
        high: 0.1,
        minImprovement: 0.5,
      },
      drift: { versions: 0, ageMs: 3 * 86_400_000 },
    });
  });

  it('names the config entry in its refusals', async () => {
    const e = await refusal(() =>
      resolvePolicies(
        noPolicies,
        { name: 'm', patterns: ['**'], promote: { metric: 'f1', alias: 'v2' } },
        where,
      ),
    );
    expect(e.message).toBe(`Input '${where}.promote.alias)': 'v2' is not a valid alias name.`);
    const age = await refusal(() =>
      resolvePolicies(noPolicies, { name: 'm', patterns: ['**'], driftWarnAge: 'later' }, where),
    );
    expect(age.message).toBe(`Input '${where}.drift-warn-age)': 'later' is not a duration.`);
  });
});

const CONFIG = `tracks:
  cfg:
    paths: config/**
    max-file-size: 2 KB
  model:
    paths: [models/**, "!**/*.tmp"]
    metrics: '{"f1": 0.5}'
    keep-last: 3
`;

describe('resolveTracks', () => {
  it('makes one track from paths, with defaults', async () => {
    expect(DEFAULT_MAX_FILE_SIZE).toBe('100 MB');
    expect(DEFAULT_CONFIG).toBe('.github/snapback.yml');
    const ws = workspace();
    expect(await resolveTracks(inputs({ paths: 'a/**, !a/x' }), ws)).toEqual([
      {
        name: 'default',
        patterns: { include: ['a/**'], exclude: ['a/x', 'a/x/**'], workflows: false },
        maxFileSize: 100 * 1024 * 1024,
        source: 'paths',
        metrics: undefined,
        retention: undefined,
        promotion: undefined,
        drift: { versions: undefined, ageMs: undefined },
      },
    ]);
    const [one] = await resolveTracks(
      inputs({ track: ' cfg ', paths: 'a', maxFileSize: '1 KB', metrics: '{"x":1}' }),
      ws,
    );
    expect(one).toMatchObject({ name: 'cfg', maxFileSize: 1024, metrics: { x: 1 } });
  });

  it('refuses a bad track name, size or pattern before reading any config', async () => {
    const ws = workspace({ '.github/snapback.yml': 'not: [valid' });
    expect(
      (await refusal(() => resolveTracks(inputs({ track: 'A', paths: 'a' }), ws))).message,
    ).toBe("Input 'track': 'A' is not a valid track name.");
    expect(
      (await refusal(() => resolveTracks(inputs({ paths: 'a', maxFileSize: 'big' }), ws))).input,
    ).toBe('max-file-size');
    expect((await refusal(() => resolveTracks(inputs({ paths: '/abs' }), ws))).input).toBe('paths');
  });

  it('reads every track of the config file, or the one named', async () => {
    const ws = workspace({ '.github/snapback.yml': CONFIG });
    const all = await resolveTracks(inputs({ maxFileSize: '5 KB', metrics: '{"run":1}' }), ws);
    expect(all.map((t) => [t.name, t.maxFileSize, t.metrics, t.source])).toEqual([
      ['cfg', 2048, { run: 1 }, 'config (.github/snapback.yml, tracks.cfg.paths)'],
      ['model', 5120, { f1: 0.5 }, 'config (.github/snapback.yml, tracks.model.paths)'],
    ]);
    expect(all[1]!.patterns).toEqual({
      include: ['models/**'],
      exclude: ['**/*.tmp'],
      workflows: false,
    });
    expect(all[1]!.retention).toEqual({ keepLast: 3, keepDays: undefined });
    const one = await resolveTracks(inputs({ track: 'model' }), ws);
    expect(one.map((t) => t.name)).toEqual(['model']);
    const e = await refusal(() => resolveTracks(inputs({ track: 'other' }), ws));
    expect(e.message).toBe("Input 'track': 'other' is not a track of .github/snapback.yml.");
    expect(e.hint).toBe('Tracks there: cfg, model. Leave track at its default to record them all.');
  });

  it('names the config entry when its values are bad', async () => {
    const ws = workspace({
      'snap.yml': 'tracks:\n  t:\n    paths: /abs\n',
      'size.yml': 'tracks:\n  t:\n    paths: a\n    max-file-size: huge\n',
      'metrics.yml': 'tracks:\n  t:\n    paths: a\n    metrics: nope.json\n',
    });
    expect((await refusal(() => resolveTracks(inputs({ config: 'snap.yml' }), ws))).input).toBe(
      'config (snap.yml, tracks.t.paths)',
    );
    expect((await refusal(() => resolveTracks(inputs({ config: 'size.yml' }), ws))).input).toBe(
      'config (snap.yml, tracks.t.max-file-size)'.replace('snap.yml', 'size.yml'),
    );
    expect((await refusal(() => resolveTracks(inputs({ config: 'metrics.yml' }), ws))).input).toBe(
      'config (metrics.yml, tracks.t.metrics)',
    );
  });

  it('says which of paths or config is missing', async () => {
    const ws = workspace();
    const none = await refusal(() => resolveTracks(inputs({}), ws));
    expect(none.message).toBe("Input 'paths': is empty and there is no .github/snapback.yml.");
    expect(none.hint).toMatch(/^Set paths to the globs/);
    const named = await refusal(() => resolveTracks(inputs({ config: ' my.yml ' }), ws));
    expect(named.message).toBe("Input 'config': the file 'my.yml' does not exist.");
    expect(named.hint).toMatch(/or set paths instead\.$/);
    const outside = await refusal(() => resolveTracks(inputs({ config: '../x.yml' }), ws));
    expect(outside.message).toBe("Input 'config': '../x.yml' is outside the workspace.");
  });
});

describe('resolveDiffTracks', () => {
  it('needs no paths to compare versions of a named track', async () => {
    const ws = workspace();
    expect(await resolveDiffTracks(inputs({ track: ' cfg ' }), ws)).toEqual([
      { name: 'cfg', patterns: undefined, source: 'paths' },
    ]);
    expect(await resolveDiffTracks(inputs({}), ws)).toEqual([
      { name: 'default', patterns: undefined, source: 'paths' },
    ]);
    await expect(resolveDiffTracks(inputs({ track: 'Bad' }), ws)).rejects.toThrow(
      "Input 'track': 'Bad' is not a valid track name.",
    );
  });

  it('uses paths or the config file when there is one, never reading metrics', async () => {
    const ws = workspace({ '.github/snapback.yml': CONFIG });
    expect(await resolveDiffTracks(inputs({ metrics: 'missing.json' }), ws)).toEqual([
      {
        name: 'cfg',
        patterns: { include: ['config/**'], exclude: [], workflows: false },
        source: 'config (.github/snapback.yml, tracks.cfg.paths)',
      },
      {
        name: 'model',
        patterns: { include: ['models/**'], exclude: ['**/*.tmp'], workflows: false },
        source: 'config (.github/snapback.yml, tracks.model.paths)',
      },
    ]);
    expect(await resolveDiffTracks(inputs({ paths: 'x/' }), workspace())).toEqual([
      {
        name: 'default',
        patterns: { include: ['x/**'], exclude: [], workflows: false },
        source: 'paths',
      },
    ]);
    await expect(resolveDiffTracks(inputs({ config: 'gone.yml' }), workspace())).rejects.toThrow(
      "Input 'config': the file 'gone.yml' does not exist.",
    );
  });
});

describe('resolveRegistryTracks', () => {
  it('takes every track of the registry when nothing names one', async () => {
    const r = await resolveRegistryTracks(
      inputs({ policies: policies({ keepLast: '4' }) }),
      workspace(),
    );
    expect(r.names).toBeUndefined();
    expect(r.policies('any').retention).toEqual({ keepLast: 4, keepDays: undefined });
  });

  it('takes the config file tracks, each with its own policies', async () => {
    const ws = workspace({ '.github/snapback.yml': CONFIG });
    const r = await resolveRegistryTracks(inputs({ policies: policies({ keepLast: '4' }) }), ws);
    expect(r.names).toEqual(['cfg', 'model']);
    expect(r.policies('model').retention).toEqual({ keepLast: 3, keepDays: undefined });
    expect(r.policies('cfg').retention).toEqual({ keepLast: 4, keepDays: undefined });
    expect(r.policies('other').retention).toEqual({ keepLast: 4, keepDays: undefined });
  });

  it('takes the one track that paths or track names, still with its config policies', async () => {
    const ws = workspace({ '.github/snapback.yml': CONFIG });
    const named = await resolveRegistryTracks(inputs({ track: 'model' }), ws);
    expect(named.names).toEqual(['model']);
    expect(named.policies('model').retention).toEqual({ keepLast: 3, keepDays: undefined });
    const byPaths = await resolveRegistryTracks(inputs({ paths: 'x', track: 'model' }), ws);
    expect(byPaths.names).toEqual(['model']);
    expect(byPaths.policies('model').retention).toBeUndefined();
    expect((await resolveRegistryTracks(inputs({ paths: 'x' }), ws)).names).toEqual(['default']);
  });

  it('checks every policy first, and refuses a config file that is not there', async () => {
    const ws = workspace({ 'bad.yml': 'tracks:\n  t:\n    paths: a\n    drift-warn-age: soon\n' });
    expect(
      (await refusal(() => resolveRegistryTracks(inputs({ config: 'bad.yml' }), ws))).input,
    ).toBe('config (bad.yml, tracks.t.drift-warn-age)');
    const gone = await refusal(() => resolveRegistryTracks(inputs({ config: 'gone.yml' }), ws));
    expect(gone.message).toBe("Input 'config': the file 'gone.yml' does not exist.");
    expect(gone.hint).toMatch(/or leave config at its default\.$/);
    expect((await refusal(() => resolveRegistryTracks(inputs({ track: 'A' }), ws))).input).toBe(
      'track',
    );
  });
});
