// Tests of the test harness itself: the git server speaks real smart HTTP to real git, the
// fixtures build what they claim, and runAction reads outputs the way the runner does.
import { spawn } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  readFileSync,
  readlinkSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { request } from 'node:http';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import {
  basicAuth,
  checkout,
  cleanupTempDirs,
  createRemoteRepo,
  git,
  gitEnv,
  pushCommit,
  runAction,
  startAction,
  startGitServer,
  tempDir,
  writeTree,
  type GitServer,
  type GitServerOptions,
  type HookRequest,
  type RequestLogEntry,
} from './harness/index.js';
import { parseFileCommand, parseWorkflowCommands } from './harness/workflow-files.js';

const servers: GitServer[] = [];
async function newServer(opts?: GitServerOptions): Promise<GitServer> {
  const server = await startGitServer(opts);
  servers.push(server);
  return server;
}

afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await cleanupTempDirs();
});

async function waitFor(cond: () => boolean, what: string, timeoutMs = 120_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Exit code and stderr of a git process started in its own group (so it can be killed whole). */
function spawnGit(cwd: string, args: string[]) {
  const child = spawn('git', args, { cwd, env: gitEnv(), detached: true, stdio: 'ignore' });
  const closed = new Promise<number | null>((resolve) =>
    child.on('close', (code) => resolve(code)),
  );
  return { child, closed };
}

function pkt(line: string): string {
  return (line.length + 4).toString(16).padStart(4, '0') + line;
}

function post(url: string, headers: Record<string, string>, body: Buffer) {
  return new Promise<{ status: number; body: Buffer }>((resolve, reject) => {
    const req = request(url, { method: 'POST', headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const find = (server: GitServer, pred: (e: RequestLogEntry) => boolean) =>
  server.requests.filter(pred);

describe('git server', () => {
  it('serves a clone of a fixture repository, with deterministic fixture commits', async () => {
    const server = await newServer();
    const tree = {
      'README.md': 'hello\n',
      'bin/run.sh': { content: '#!/bin/sh\n', mode: 'exec' as const },
    };
    const { commit } = await createRemoteRepo(server, 'octo/one', tree);
    const again = await createRemoteRepo(server, 'octo/two', tree);
    expect(again.commit).toBe(commit);

    const dir = tempDir('clone');
    await git(dir, ['clone', '-q', server.repoUrl('octo/one'), 'c']);
    expect(readFileSync(join(dir, 'c/README.md'), 'utf8')).toBe('hello\n');
    expect((await git(join(dir, 'c'), ['rev-parse', 'HEAD'])).trim()).toBe(commit);
    expect(
      find(server, (e) => e.service === 'info-refs' && e.gitService === 'git-upload-pack'),
    ).toHaveLength(1);
    const fetches = find(server, (e) => e.service === 'upload-pack');
    expect(fetches.map((e) => e.command)).toEqual(['ls-refs', 'fetch']);
    expect(fetches.every((e) => e.status === 200 && e.bytesOut > 0)).toBe(true);
  });

  it('requires the token as Basic password when one is set', async () => {
    const server = await newServer({ token: 's3cret' });
    await createRemoteRepo(server, 'octo/private', { 'a.txt': 'a\n' });
    const dir = tempDir('auth');
    const url = server.repoUrl('octo/private');
    const header = (token: string) =>
      `http.${server.url}/.extraheader=AUTHORIZATION: ${basicAuth(token)}`;

    await expect(git(dir, ['clone', '-q', url, 'none'])).rejects.toThrow(/could not read Username/);
    expect(server.requests[0]).toMatchObject({ status: 401, user: undefined });
    await expect(git(dir, ['-c', header('wrong'), 'clone', '-q', url, 'wrong'])).rejects.toThrow();
    expect(existsSync(join(dir, 'wrong'))).toBe(false);

    server.resetLog();
    await git(dir, ['-c', header('s3cret'), 'clone', '-q', url, 'right']);
    expect(readFileSync(join(dir, 'right/a.txt'), 'utf8')).toBe('a\n');
    // The extraheader is sent up front, so no request is ever challenged.
    expect(server.requests.every((e) => e.status === 200 && e.user === 'x-access-token')).toBe(
      true,
    );

    // Credentials in the URL are only sent after the 401 challenge (WWW-Authenticate).
    server.resetLog();
    const withUser = url.replace('http://', 'http://anyone:s3cret@');
    await git(dir, ['clone', '-q', withUser, 'userinfo']);
    expect(server.requests.map((e) => e.status).slice(0, 2)).toEqual([401, 200]);
    expect(server.requests[1]?.user).toBe('anyone');
  });

  it('accepts a push over HTTP, logs its size, and fsck checks the result', async () => {
    const server = await newServer({ token: 't' });
    await createRemoteRepo(server, 'octo/push', { 'a.txt': 'a\n' });
    const ws = await checkout(server, 'octo/push', { token: 't' });
    // Bigger than git's default http.postBuffer (1 MiB), so the pack goes out chunked.
    const size = 1536 * 1024;
    await writeTree(ws, { 'blob.bin': randomBytes(size) });
    await git(ws, ['add', '-A']);
    await git(ws, ['commit', '-qm', 'big']);
    const head = (await git(ws, ['rev-parse', 'HEAD'])).trim();

    server.resetLog();
    await git(ws, ['push', '-q', 'origin', 'HEAD:main', 'HEAD:refs/versions/track/1']);
    const posts = find(server, (e) => e.service === 'receive-pack');
    // git first probes with a 4-byte flush packet before streaming a large body.
    expect(posts.map((e) => [e.method, e.status, e.gitService])).toEqual([
      ['POST', 200, 'git-receive-pack'],
      ['POST', 200, 'git-receive-pack'],
    ]);
    expect(posts[0]!.bytesIn).toBe(4);
    // Random bytes do not compress, so the pack on the wire is at least the blob's size.
    expect(posts[1]!.bytesIn).toBeGreaterThan(size);
    expect(find(server, (e) => e.service === 'info-refs')[0]?.query).toBe(
      'service=git-receive-pack',
    );

    expect(await server.refs('octo/push', 'refs/versions/')).toEqual(
      new Map([['refs/versions/track/1', head]]),
    );
    expect((await server.refs('octo/push')).get('refs/heads/main')).toBe(head);
    expect(await server.fsck('octo/push')).toMatchObject({ ok: true });

    // fsck is not vacuous: losing an object is reported.
    const blob = (await server.git('octo/push', ['rev-parse', 'HEAD~1:a.txt'])).trim();
    const loose = join(server.repoPath('octo/push'), 'objects', blob.slice(0, 2), blob.slice(2));
    expect(existsSync(loose)).toBe(true);
    await import('node:fs/promises').then((fs) => fs.rm(loose));
    const broken = await server.fsck('octo/push');
    expect(broken.ok).toBe(false);
    expect(broken.output).toMatch(/missing blob/);
  });

  it('speaks protocol v2 when asked, v0 otherwise', async () => {
    const server = await newServer();
    const { commit } = await createRemoteRepo(server, 'octo/proto', { 'a.txt': 'a\n' });
    const bodies: Buffer[] = [];
    server.setHook((req) => {
      if (req.body) bodies.push(req.body);
    });
    const dir = tempDir('proto');
    const url = server.repoUrl('octo/proto');

    const v2 = await git(dir, ['-c', 'protocol.version=2', 'ls-remote', url]);
    expect(v2).toContain(`${commit}\trefs/heads/main`);
    expect(server.requests.map((e) => [e.service, e.gitProtocol, e.command])).toEqual([
      ['info-refs', 'version=2', undefined],
      ['upload-pack', 'version=2', 'ls-refs'],
    ]);
    expect(bodies.map((b) => b.toString('latin1'))).toEqual([
      expect.stringContaining('command=ls-refs'),
    ]);

    server.resetLog();
    const v0 = await git(dir, ['-c', 'protocol.version=0', 'ls-remote', url]);
    expect(v0).toContain(`${commit}\trefs/heads/main`);
    // v0 gets the refs from the advertisement alone.
    expect(server.requests.map((e) => [e.service, e.gitProtocol])).toEqual([
      ['info-refs', undefined],
    ]);
  });

  it('handles the gzip bodies real git sends for long negotiations', async () => {
    const server = await newServer();
    const { commit } = await createRemoteRepo(server, 'octo/nego', { 'a.txt': 'a\n' });
    const dir = tempDir('nego');
    await git(dir, ['clone', '-q', server.repoUrl('octo/nego'), '.']);
    // 300 local commits the server lacks, made in one process. Newer than the fixture commit,
    // so the client offers them as "have"s before finding common ground: several big rounds.
    let stream = '';
    for (let i = 0; i < 300; i++) {
      stream += `commit refs/heads/local\ncommitter A <a@example.invalid> ${1800000000 + i} +0000\n`;
      stream += `data 4\nc${String(i).padStart(3, '0')}\n${i === 0 ? `from ${commit}\n` : ''}\n`;
    }
    await git(dir, ['fast-import', '--quiet'], { input: stream });
    const { commit: next } = await pushCommit(server, 'octo/nego', { 'b.txt': 'b\n' });

    server.resetLog();
    await git(dir, ['fetch', '-q', 'origin']);
    expect((await git(dir, ['rev-parse', 'origin/main'])).trim()).toBe(next);
    const gzipped = find(server, (e) => e.contentEncoding === 'gzip');
    expect(gzipped.length).toBeGreaterThan(0);
    expect(gzipped.every((e) => e.status === 200 && e.command === 'fetch')).toBe(true);
  });

  it('passes gzip request bodies to http-backend', async () => {
    const server = await newServer();
    const { commit } = await createRemoteRepo(server, 'octo/gzip', { 'a.txt': 'a\n' });
    const body = gzipSync(pkt('command=ls-refs\n') + '0001' + pkt('peel\n') + '0000');
    const res = await post(
      `${server.repoUrl('octo/gzip')}/git-upload-pack`,
      {
        'Content-Type': 'application/x-git-upload-pack-request',
        'Content-Encoding': 'gzip',
        'Git-Protocol': 'version=2',
      },
      body,
    );
    expect(res.status).toBe(200);
    expect(res.body.toString('latin1')).toContain(`${commit} refs/heads/main`);
    expect(server.requests[0]).toMatchObject({ command: 'ls-refs', bytesIn: body.length });
  });

  it('lets a hook answer an error status instead of git', async () => {
    const server = await newServer();
    await createRemoteRepo(server, 'octo/fail', { 'a.txt': 'a\n' });
    const dir = tempDir('fail');
    server.setHook(() => ({ status: 500, body: 'injected\n' }));
    await expect(git(dir, ['ls-remote', server.repoUrl('octo/fail')])).rejects.toThrow(/500/);
    expect(server.requests.map((e) => e.status)).toEqual([500]);
    server.setHook(undefined);
    await git(dir, ['ls-remote', server.repoUrl('octo/fail')]);
  });

  async function holdPush(server: GitServer, repo: string) {
    const { commit } = await createRemoteRepo(server, repo, { 'a.txt': 'a\n' });
    const ws = await checkout(server, repo);
    await writeTree(ws, { 'b.txt': 'b\n' });
    await git(ws, ['add', '-A']);
    await git(ws, ['commit', '-qm', 'b']);
    const pushed = (await git(ws, ['rev-parse', 'HEAD'])).trim();
    const push = spawnGit(ws, ['push', 'origin', 'HEAD:main']);
    return { commit, pushed, push };
  }

  it('holds a push in a hook; a killed client leaves the refs alone and the server healthy', async () => {
    const server = await newServer();
    let held: (req: HookRequest) => void = () => {};
    const reached = new Promise<HookRequest>((resolve) => (held = resolve));
    server.setHook(async (req) => {
      if (req.service !== 'receive-pack') return;
      held(req);
      await new Promise((resolve) => req.signal.addEventListener('abort', resolve));
    });
    const { commit, push } = await holdPush(server, 'octo/held');
    const req = await reached;
    expect(req.body?.includes('PACK')).toBe(true);

    process.kill(-push.child.pid!, 'SIGKILL'); // git and its remote-http helper
    expect(await push.closed).toBe(null);
    const entry = find(server, (e) => e.service === 'receive-pack')[0]!;
    await waitFor(() => entry.done, 'the held request to finish');
    expect(entry.status).toBe(499);
    expect((await server.refs('octo/held')).get('refs/heads/main')).toBe(commit);
    expect(await server.fsck('octo/held')).toMatchObject({ ok: true });
    server.setHook(undefined);
    await git(tempDir('alive'), ['ls-remote', server.repoUrl('octo/held')]);
  });

  it('can apply a held push although the client has gone (ignoreDisconnect)', async () => {
    const server = await newServer();
    server.setHook(async (req) => {
      if (req.service !== 'receive-pack') return;
      await new Promise((resolve) => req.signal.addEventListener('abort', resolve));
      return { ignoreDisconnect: true };
    });
    const { pushed, push } = await holdPush(server, 'octo/applied');
    await waitFor(() => find(server, (e) => e.service === 'receive-pack').length > 0, 'the push');
    process.kill(-push.child.pid!, 'SIGKILL');
    await push.closed;
    const entry = find(server, (e) => e.service === 'receive-pack')[0]!;
    await waitFor(() => entry.done, 'receive-pack to run');
    expect(entry.status).toBe(200);
    expect((await server.refs('octo/applied')).get('refs/heads/main')).toBe(pushed);
  });

  it('closes while a request is held, removing its repositories', async () => {
    const server = await startGitServer();
    await createRemoteRepo(server, 'octo/closing', { 'a.txt': 'a\n' });
    let released = false;
    let held: () => void = () => {};
    const reached = new Promise<void>((resolve) => (held = resolve));
    server.setHook(async (req) => {
      held();
      await new Promise((resolve) => req.signal.addEventListener('abort', resolve));
      released = true;
    });
    const ls = git(tempDir('closing'), ['ls-remote', server.repoUrl('octo/closing')]).then(
      () => undefined,
      (err: Error) => err,
    );
    await reached;
    await server.close();
    expect(await ls).toBeInstanceOf(Error);
    expect(released).toBe(true);
    expect(existsSync(server.root)).toBe(false);
  });
});

describe('fixtures', () => {
  it('checkout makes a shallow working copy like actions/checkout', async () => {
    const server = await newServer({ token: 'tok' });
    await createRemoteRepo(server, 'octo/co', { 'old.txt': 'old\n' });
    const { commit } = await pushCommit(server, 'octo/co', {
      'docs/guide.md': '# Guide\n',
      'tool.sh': { content: '#!/bin/sh\necho hi\n', mode: 'exec' },
      'latest.md': { symlink: 'docs/guide.md' },
    });
    const ws = await checkout(server, 'octo/co', { token: 'tok' });

    expect((await git(ws, ['rev-parse', '--is-shallow-repository'])).trim()).toBe('true');
    expect((await git(ws, ['rev-parse', 'HEAD'])).trim()).toBe(commit);
    expect((await git(ws, ['symbolic-ref', '--short', 'HEAD'])).trim()).toBe('main');
    expect(readFileSync(join(ws, 'old.txt'), 'utf8')).toBe('old\n');
    expect(readFileSync(join(ws, 'docs/guide.md'), 'utf8')).toBe('# Guide\n');
    expect(statSync(join(ws, 'tool.sh')).mode & 0o111).not.toBe(0);
    expect(lstatSync(join(ws, 'latest.md')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(ws, 'latest.md'))).toBe('docs/guide.md');
    expect((await git(ws, ['config', '--local', `http.${server.url}/.extraheader`])).trim()).toBe(
      `AUTHORIZATION: ${basicAuth('tok')}`,
    );
    // The fetch went over protocol v2 with the extraheader, and asked for depth 1.
    expect(server.requests.every((e) => e.user === 'x-access-token')).toBe(true);
    expect(find(server, (e) => e.command === 'fetch')).toHaveLength(1);
    // The persisted header lets later git commands (and the action) push.
    await git(ws, ['commit', '-q', '--allow-empty', '-m', 'next']);
    await git(ws, ['push', '-q', 'origin', 'HEAD:main']);
  });

  it('pushCommit adds, replaces, and starts new branches from HEAD', async () => {
    const server = await newServer();
    await createRemoteRepo(
      server,
      'octo/fx',
      { 'a.txt': 'a\n', 'dir/b.txt': 'b\n' },
      { tags: ['v1'] },
    );
    const files = async (rev: string) =>
      (await server.git('octo/fx', ['ls-tree', '-r', '--name-only', rev])).trim().split('\n');

    expect((await server.refs('octo/fx', 'refs/tags/')).has('refs/tags/v1')).toBe(true);
    await pushCommit(server, 'octo/fx', { 'c.txt': 'c\n', 'a.txt': 'a2\n' });
    expect(await files('main')).toEqual(['a.txt', 'c.txt', 'dir/b.txt']);
    expect(await server.git('octo/fx', ['show', 'main:a.txt'])).toBe('a2\n');

    await pushCommit(server, 'octo/fx', { 'only.txt': 'x' }, { replace: true, message: 'replace' });
    expect(await files('main')).toEqual(['only.txt']);
    expect((await server.git('octo/fx', ['log', '-1', '--format=%s', 'main'])).trim()).toBe(
      'replace',
    );

    const { commit } = await pushCommit(server, 'octo/fx', { 'f.txt': 'f' }, { branch: 'feature' });
    expect(await files('feature')).toEqual(['f.txt', 'only.txt']);
    expect((await server.git('octo/fx', ['rev-parse', 'feature~1'])).trim()).toBe(
      (await server.git('octo/fx', ['rev-parse', 'main'])).trim(),
    );
    expect((await server.refs('octo/fx')).get('refs/heads/feature')).toBe(commit);
  });

  it('writeTree replaces files by symlinks and refuses paths outside the directory', async () => {
    const dir = tempDir('tree');
    await writeTree(dir, { 'x/y.txt': 'y', 'z.txt': Buffer.from([0, 1, 2]) });
    await writeTree(dir, { 'x/y.txt': { symlink: '../z.txt' } });
    expect(readFileSync(join(dir, 'x/y.txt'))).toEqual(Buffer.from([0, 1, 2]));
    await expect(writeTree(dir, { '../escape.txt': 'no' })).rejects.toThrow(/inside/);
    await expect(writeTree(dir, { '.git/config': 'no' })).rejects.toThrow(/\.git/);
  });
});

describe('workflow files', () => {
  it('parses GITHUB_OUTPUT like the runner', () => {
    const text =
      'a=1\n' +
      'multi<<ghadelimiter_1\nline1\r\nline2\nghadelimiter_1\n' +
      'empty<<EOF\nEOF\n' +
      'eq=x<<y\n' +
      'a=2\n';
    expect(parseFileCommand(text)).toEqual({
      values: { a: '2', multi: 'line1\r\nline2', empty: '', eq: 'x<<y' },
      errors: [],
    });
    expect(parseFileCommand('x<<EOF\nvalue\n').errors).toEqual([
      "Invalid value: matching delimiter not found 'EOF'",
    ]);
    expect(parseFileCommand('novalue\n').errors).toHaveLength(1);
  });

  it('parses workflow commands like the runner', () => {
    const out = [
      '::warning file=a%2Cb.txt,line=3,title=T%3A1::100%25%0Adone',
      'plain ::error::not a command',
      '::unknown::ignored',
      '::stop-commands::tok',
      '::error::suspended',
      '::tok::',
      '::debug::back',
    ].join('\n');
    expect(parseWorkflowCommands(out)).toEqual([
      {
        command: 'warning',
        properties: { file: 'a,b.txt', line: '3', title: 'T:1' },
        message: '100%\ndone',
      },
      { command: 'stop-commands', properties: {}, message: 'tok' },
      { command: 'debug', properties: {}, message: 'back' },
    ]);
  });
});

describe('runAction', () => {
  const script = (body: string) => {
    const path = join(tempDir('script'), 'main.mjs');
    writeFileSync(path, body);
    return path;
  };

  const reporter = script(`
import { appendFileSync } from 'node:fs';
const e = process.env;
const out = (s) => appendFileSync(e.GITHUB_OUTPUT, s);
out('multi<<ghadelimiter_0b4c\\nline1\\nline2\\nghadelimiter_0b4c\\n');
out('plain=a=b\\n');
out('size=' + e['INPUT_MAX-FILE-SIZE'] + '\\ndry=' + e.INPUT_DRY_RUN + '\\ntoken=' + e.INPUT_TOKEN + '\\n');
out('version=' + process.version + '\\ncwd=' + process.cwd() + '\\n');
const names = ['GITHUB_ACTIONS', 'CI', 'GITHUB_WORKSPACE', 'GITHUB_SERVER_URL', 'GITHUB_REPOSITORY',
  'GITHUB_REPOSITORY_OWNER', 'GITHUB_SHA', 'GITHUB_REF', 'GITHUB_REF_NAME', 'GITHUB_EVENT_NAME',
  'GITHUB_RUN_ID', 'GITHUB_RUN_ATTEMPT', 'GITHUB_ACTOR', 'RUNNER_OS', 'RUNNER_TEMP', 'HOME', 'EXTRA', 'VITEST'];
out('env=' + JSON.stringify(Object.fromEntries(names.map((n) => [n, e[n] ?? null]))) + '\\n');
out('event<<EOF\\n' + (await import('node:fs')).readFileSync(e.GITHUB_EVENT_PATH, 'utf8') + '\\nEOF\\n');
appendFileSync(e.GITHUB_STEP_SUMMARY, '# Report\\n\\nall good\\n');
console.log('::notice title=x::hello%0Aworld');
console.log('::warning file=a.txt,line=3::100%25 sure');
console.error('::error::from stderr');
`);

  for (const node of ['node20', 'node24'] as const) {
    it(`reports outputs, summary and annotations on ${node}`, async () => {
      const server = await newServer();
      const { commit } = await createRemoteRepo(server, 'octo/act', { 'a.txt': 'a\n' });
      const workspace = await checkout(server, 'octo/act');
      const result = await runAction({
        script: reporter,
        node,
        workspace,
        server,
        repo: 'octo/act',
        token: 'tkn',
        inputs: { 'max-file-size': '5MB', 'dry run': true },
        event: { ref: 'refs/heads/main' },
        env: { EXTRA: 'yes', GITHUB_RUN_ATTEMPT: '2' },
      });
      expect(result.stderr).toContain('::error::from stderr');
      expect(result.code).toBe(0);
      expect(result.fileCommandErrors).toEqual([]);
      const { env, event, ...outputs } = result.outputs;
      expect(outputs).toEqual({
        multi: 'line1\nline2',
        plain: 'a=b',
        size: '5MB',
        dry: 'true',
        token: 'tkn',
        version: expect.stringMatching(node === 'node20' ? /^v20\./ : /^v24\./),
        cwd: workspace,
      });
      expect(JSON.parse(event!)).toEqual({ ref: 'refs/heads/main' });
      expect(JSON.parse(env!)).toMatchObject({
        GITHUB_ACTIONS: 'true',
        CI: 'true',
        GITHUB_WORKSPACE: workspace,
        GITHUB_SERVER_URL: server.url,
        GITHUB_REPOSITORY: 'octo/act',
        GITHUB_REPOSITORY_OWNER: 'octo',
        GITHUB_SHA: commit,
        GITHUB_REF: 'refs/heads/main',
        GITHUB_REF_NAME: 'main',
        GITHUB_EVENT_NAME: 'push',
        GITHUB_RUN_ID: expect.stringMatching(/^\d+$/),
        GITHUB_RUN_ATTEMPT: '2',
        GITHUB_ACTOR: 'octocat',
        RUNNER_OS: 'Linux',
        EXTRA: 'yes',
        VITEST: null,
      });
      expect(result.summary).toBe('# Report\n\nall good\n');
      expect(result.annotations).toEqual([
        { level: 'notice', message: 'hello\nworld', properties: { title: 'x' } },
        { level: 'warning', message: '100% sure', properties: { file: 'a.txt', line: '3' } },
        { level: 'error', message: 'from stderr', properties: {} },
      ]);
    });
  }

  it('gives every run its own run id and runner files', async () => {
    const workspace = tempDir('ws');
    const a = await runAction({ script: reporter, node: 'node20', workspace });
    const b = await runAction({ script: reporter, node: 'node20', workspace });
    const env = (r: typeof a) => JSON.parse(r.outputs.env!) as Record<string, string>;
    expect(env(a).GITHUB_RUN_ID).not.toBe(env(b).GITHUB_RUN_ID);
    expect(env(a).RUNNER_TEMP).not.toBe(env(b).RUNNER_TEMP);
    expect(b.outputs.multi).toBe('line1\nline2'); // fresh GITHUB_OUTPUT, not appended to a's
  });

  it('applies action.yml defaults and runtime like the runner', async () => {
    const dir = tempDir('action');
    const yml = join(dir, 'action.yml');
    writeFileSync(
      yml,
      [
        'name: t',
        'inputs:',
        '  token: { default: "${{ github.token }}" }',
        '  max-file-size: { default: 10MB }',
        '  dry run: { default: false }',
        'runs: { using: node20, main: dist/index.js }',
      ].join('\n'),
    );
    const result = await runAction({
      script: reporter,
      actionYml: yml,
      workspace: tempDir('ws'),
      token: 'from-github',
      inputs: { 'dry run': 'yes' },
    });
    expect(result.outputs).toMatchObject({
      size: '10MB',
      dry: 'yes',
      token: 'from-github',
      version: expect.stringMatching(/^v20\./),
    });
  });

  it('startAction runs in its own process group so a kill takes its children too', async () => {
    const sleeper = script(`
import { spawn } from 'node:child_process';
const child = spawn('sleep', ['30'], { stdio: 'ignore' });
console.log('ready ' + child.pid);
setInterval(() => {}, 1000);
`);
    const run = startAction({ script: sleeper, node: 'node24', workspace: tempDir('ws') });
    const [, pid] = await run.waitForStdout(/ready (\d+)/);
    process.kill(-run.pid, 'SIGKILL');
    const result = await run.done;
    expect(result).toMatchObject({ code: null, signal: 'SIGKILL', timedOut: false });
    // Orphans are reparented and may linger as zombies where PID 1 does not reap.
    const dead = () => {
      try {
        process.kill(Number(pid), 0);
      } catch {
        return true;
      }
      return /\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
    };
    await waitFor(dead, 'the grandchild to die');
  });

  it('kills an action that exceeds timeoutMs', async () => {
    const hang = script(`setInterval(() => {}, 1000);\nconsole.log('started');\n`);
    const result = await runAction({
      script: hang,
      node: 'node20',
      workspace: tempDir('ws'),
      timeoutMs: 500,
    });
    expect(result).toMatchObject({ timedOut: true, signal: 'SIGKILL' });
    // On a busy machine node may not even have started within 500 ms: what it printed so far.
    expect(['', 'started\n']).toContain(result.stdout);
  });
});
