/**
 * list/log, show, export, verify, reindex and import through dist/cli.js on full clones of an
 * HTTP remote and a folder remote: 20 tags imported, then listed and compared; the index
 * deleted with plain git and rebuilt (status shows the same versions, labels, actors and
 * aliases); dry runs, --json, and bad input (the argument named, exit 1, nothing changed).
 * `verify` as an Action command for a scheduled job fails the step naming each problem.
 */
import { execFile } from 'node:child_process';
import { lstat, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkout,
  cleanupTempDirs,
  createRemoteRepo,
  git,
  pushCommit,
  runAction,
  startGitServer,
  tempDir,
  type GitServer,
  runCli,
} from '../harness/index.js';

const run = promisify(execFile);
const NOTES = 'refs/notes/versions';
const TOKEN = 'tools-token';
let server: GitServer;

beforeAll(async () => {
  server = await startGitServer();
});
afterAll(async () => {
  await server?.close();
  await cleanupTempDirs();
});

const cli = (cwd: string, args: string[]) => runCli(cwd, args, { NO_COLOR: '1' });

async function ok(cwd: string, args: string[]) {
  const r = await cli(cwd, args);
  expect(r.code, `${args.join(' ')}\n${r.stderr}`).toBe(0);
  return r;
}

/** A failed command: exit 1, the argument named, no stack trace. */
async function refused(cwd: string, args: string[], message: RegExp) {
  const r = await cli(cwd, args);
  expect(r.code, `${args.join(' ')}\n${r.stdout}`).toBe(1);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  return r;
}

async function cloneOf(repo: string, kind: 'http' | 'folder') {
  const url = kind === 'http' ? server.repoUrl(repo) : server.repoPath(repo);
  const dir = tempDir(`tools-${kind}`);
  await git(dir, ['clone', '-q', url, '.']);
  return dir;
}

const TRACK = ['--track', 'conf'];
const PATHS = [...TRACK, '--paths', 'conf/**'];

describe.each(['http', 'folder'] as const)('the CLI on a full clone of a %s remote', (kind) => {
  const repo = `acme/tools-${kind}`;

  it('imports 20 tags, lists them, diffs two, shows and exports one', async () => {
    await createRemoteRepo(server, repo, { 'conf/app.yml': 'n: 0\n', 'src/x.ts': '0' });
    for (let i = 0; i < 20; i++) {
      await pushCommit(
        server,
        repo,
        { 'conf/app.yml': `n: ${i}\nname: r${i}\n`, 'src/x.ts': String(i) },
        { tags: [`v1.${i}.0`] },
      );
    }
    const dir = await cloneOf(repo, kind);

    // Bad input first: each names its argument, exits 1 and changes nothing.
    await refused(dir, ['import', ...PATHS], /Option '--tags': is required/);
    await refused(dir, ['import', '--tags', 'x*', ...PATHS], /Option '--tags': no tag .* 'x\*'/);
    await refused(
      dir,
      ['import', '--tags', 'v*', '--track', 'Bad Name', '--paths', 'c/**'],
      /Option '--track'/,
    );
    expect((await server.refs(repo, 'refs/versions/')).size).toBe(0);

    const dry = await ok(dir, ['import', '--tags', 'v*', ...PATHS, '--dry-run', '--json']);
    const planned = JSON.parse(dry.stdout) as { tags: { tag: string; version: number }[] };
    expect(planned.tags.map((t) => `${t.tag}=${t.version}`)).toEqual(
      Array.from({ length: 20 }, (_, i) => `v1.${i}.0=${i + 1}`),
    );
    expect((await server.refs(repo, 'refs/')).has(NOTES)).toBe(false);

    const done = await ok(dir, ['import', '--tags', 'v*', ...PATHS]);
    expect(done.stdout).toMatch(/v1\.19\.0: imported as v20 /);
    expect(done.stdout).toMatch(/conf: imported 20 versions\./);
    expect((await server.refs(repo, 'refs/versions/conf/')).size).toBe(20);

    const listed = JSON.parse((await ok(dir, ['list', '--json', '--limit', '3'])).stdout) as {
      tracks: { track: string; total: number; versions: { version: number; label: string }[] }[];
    };
    expect(listed.tracks[0]!.total).toBe(20);
    expect(listed.tracks[0]!.versions.map((v) => `${v.version}:${v.label}`)).toEqual([
      '20:v1.19.0',
      '19:v1.18.0',
      '18:v1.17.0',
    ]);
    const verbose = await ok(dir, ['list', '--verbose', '--limit', '1']);
    expect(verbose.stdout).toMatch(
      /\n {6}commit [0-9a-f]{40} {2}source [0-9a-f]{40}\n +\d+ B {2}conf\/app\.yml\n$/,
    );
    const log = await ok(dir, ['log', ...TRACK, '--limit', '2']);
    expect(log.stdout).toMatch(
      /^conf: 20 versions, showing 2\n {2}v20 .* v1\.19\.0 .* imported from tag v1\.19\.0\n {2}v19 /,
    );
    await refused(
      dir,
      ['list', '--since', 'yesterday'],
      /Option '--since': 'yesterday' is not a duration/,
    );
    await refused(
      dir,
      ['list', '--track', 'nope'],
      /Option '--track': the registry has no track 'nope'/,
    );

    const d = await ok(dir, ['diff', '3', '~1.7', ...TRACK]);
    expect(d.stdout).toMatch(/conf: v3 → v8 \(~1\.7\): 1 file/);
    expect(d.stdout).toMatch(/n: 2 → 7/);

    const shown = JSON.parse((await ok(dir, ['show', '5', ...TRACK, '--json'])).stdout) as {
      label: string;
      trailers: Record<string, string>;
      fileList: { path: string }[];
    };
    expect(shown.label).toBe('v1.4.0');
    expect(shown.trailers.label).toBe('v1.4.0');
    expect(shown.fileList.map((f) => f.path)).toEqual(['conf/app.yml']);
    const text = await ok(dir, ['show', 'latest']);
    expect(text.stdout).toMatch(
      /^conf v20 \(latest\)\n {2}commit +[0-9a-f]{40}\n {2}label +v1\.19\.0\n/,
    );
    expect(text.stdout).toMatch(/\n {2}trailers:\n {4}track: conf\n {4}version: 20\n/);
    await refused(dir, ['show', '99'], /Argument <selector>: version 99 does not exist/);

    const out = tempDir('export');
    const folder = join(out, 'v5');
    const dryExport = await ok(dir, ['export', '5', '--to', folder, '--dry-run']);
    expect(dryExport.stdout).toMatch(/Would export conf v5 \(1 file/);
    await expect(lstat(folder)).rejects.toThrow();
    await ok(dir, ['export', '5', '--to', folder]);
    expect(await readFile(join(folder, 'conf/app.yml'), 'utf8')).toBe('n: 4\nname: r4\n');
    await ok(dir, ['export', 'latest', '--to', join(out, 'latest.tar')]);
    const x = join(out, 'x');
    await mkdir(x);
    await run('tar', ['-xf', join(out, 'latest.tar'), '-C', x]);
    expect(await readFile(join(x, 'conf/app.yml'), 'utf8')).toBe('n: 19\nname: r19\n');
    await refused(dir, ['export', '5'], /Option '--to': is required/);
    await writeFile(join(out, 'busy'), 'x');
    await refused(dir, ['export', '5', '--to', out], /Option '--to': .* not an empty folder/);
    expect((await readdir(out)).sort()).toEqual(['busy', 'latest.tar', 'v5', 'x']);
    expect((await server.fsck(repo)).ok).toBe(true);
  });

  it('rebuilds the deleted index: status shows the same versions, labels, actors and aliases', async () => {
    const dir = await cloneOf(repo, kind);
    await ok(dir, ['promote', '7', ...TRACK, '--alias', 'production', '--reason', 'release']);
    await ok(dir, ['promote', '9', ...TRACK, '--alias', 'staging']);
    type Status = {
      tracks: {
        aliases: { alias: string; version: number }[];
        versions: {
          version: number;
          label: string;
          actor: string;
          reason: string;
          aliases: string[];
        }[];
      }[];
    };
    const essentials = (s: Status) =>
      s.tracks.map((t) => ({
        aliases: t.aliases.map((a) => `${a.alias}=${a.version}`),
        versions: t.versions.map((v) => [v.version, v.label, v.actor, v.reason, v.aliases]),
      }));
    const before = JSON.parse((await ok(dir, ['status', '--json'])).stdout) as Status;
    expect(essentials(before)[0]!.versions[6]).toEqual([
      7,
      'v1.6.0',
      'Snapback Harness <harness@example.invalid>',
      'imported from tag v1.6.0',
      ['production'],
    ]);

    await git(server.repoPath(repo), ['update-ref', '-d', NOTES]);
    const fresh = await cloneOf(repo, kind);
    const damaged = await cli(fresh, ['verify']);
    expect(damaged.code).toBe(1);
    expect(damaged.stdout).toMatch(/20 problems in the registry/);
    expect(damaged.stdout).toMatch(
      /missing-note: refs\/versions\/conf\/7: the notes index has no 'recorded' event/,
    );

    const report = JSON.parse((await cli(fresh, ['verify', '--json'])).stdout) as {
      ok: boolean;
      problems: { kind: string; ref: string }[];
    };
    expect(report.ok).toBe(false);
    expect(new Set(report.problems.map((p) => p.kind))).toEqual(new Set(['missing-note']));
    await refused(
      fresh,
      ['reindex', '--track', 'nope'],
      /Option '--track': the registry has no track 'nope'/,
    );
    await refused(
      fresh,
      ['reindex', '--track', 'Bad/x'],
      /Option '--track': 'Bad\/x' is not a valid track name/,
    );
    expect((await server.refs(repo, 'refs/')).has(NOTES)).toBe(false);

    const dry = await ok(fresh, ['reindex', '--dry-run']);
    expect(dry.stdout).toMatch(/conf: 20 versions; would rebuild v1, v2, .* v20\n/);
    expect(dry.stdout).toMatch(/cannot be rebuilt from trailers/);
    expect((await server.refs(repo, 'refs/')).has(NOTES)).toBe(false);

    const r = JSON.parse((await ok(fresh, ['reindex', '--json'])).stdout) as { events: number };
    // Per version: its recorded line, the source commit's and the snapshot tree's.
    expect(r.events).toBe(60);
    const after = JSON.parse(
      (await ok(await cloneOf(repo, kind), ['status', '--json'])).stdout,
    ) as Status;
    expect(essentials(after)).toEqual(essentials(before));
    expect((await ok(fresh, ['verify'])).stdout).toBe(
      'Registry OK: 1 track, 20 versions, 2 aliases.\n',
    );
    expect((await ok(fresh, ['reindex'])).stdout).toMatch(/conf: 20 versions; nothing missing/);
    await refused(
      fresh,
      ['verify', '--track', 'nope'],
      /Option '--track': the registry has no track 'nope'/,
    );
    expect((await server.fsck(repo)).ok).toBe(true);
  });
});

describe('verify as an Action command', () => {
  it('fails the step naming each problem, with the count as an output', async () => {
    const repo = 'acme/tools-action';
    await createRemoteRepo(server, repo, { 'conf/app.yml': 'a: 1\n' });
    const ws = await checkout(server, repo, { token: TOKEN });
    const rec = await runAction({
      workspace: ws,
      server,
      repo,
      token: TOKEN,
      inputs: { track: 'conf', paths: 'conf/**' },
    });
    expect(rec.code, rec.stderr).toBe(0);
    const sound = await runAction({
      workspace: ws,
      server,
      repo,
      token: TOKEN,
      inputs: { command: 'verify' },
    });
    expect(sound.code, sound.stdout).toBe(0);
    expect(sound.outputs.problems).toBe('0');
    expect(sound.summary).toMatch(/Registry verified/);

    const bare = server.repoPath(repo);
    const main = (await git(bare, ['rev-parse', 'refs/heads/main'])).trim();
    await git(bare, ['update-ref', 'refs/versions/conf/aliases/production', main]);
    await git(bare, ['update-ref', 'refs/versions/conf/02', main]);
    const bad = await runAction({
      workspace: ws,
      server,
      repo,
      token: TOKEN,
      inputs: { command: 'verify' },
    });
    expect(bad.code).not.toBe(0);
    expect(bad.outputs.problems).toBe('2');
    expect(bad.summary).toMatch(/dangling-alias/);
    expect(bad.summary).toMatch(/stray-ref/);
    expect(bad.annotations.map((a) => a.properties.title)).toEqual(
      expect.arrayContaining(['snapback verify: dangling-alias', 'snapback verify: stray-ref']),
    );
    expect(bad.stdout).toMatch(/::error::The registry has 2 problems/);
  });
});
