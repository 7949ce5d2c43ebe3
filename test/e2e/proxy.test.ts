/**
 * Behind a proxy, as self-hosted and GHES runners often are. The servers are given names only
 * the proxy can resolve, so any request that bypasses it fails: a run that succeeds went
 * through the proxy entirely, and the proxy's log is compared with the servers' own. NO_PROXY
 * exceptions bypass it; a proxy that is down is named in the error.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  checkout,
  cleanupTempDirs,
  createRemoteRepo,
  runAction,
  startFakeGitHub,
  startGitServer,
  writeTree,
  type FakeGitHub,
  type GitServer,
} from '../harness/index.js';
import {
  deadPort,
  startForwardingProxy,
  startTlsFront,
  type ForwardingProxy,
} from '../harness/proxy.js';

const TOKEN = 'proxy-token';
const GIT_HOST = 'git.corp.test';
const API_HOST = 'api.corp.test';
let server: GitServer;
let api: FakeGitHub;
let proxy: ForwardingProxy;

/** Every variable a run could take a proxy from, cleared: each test sets its own. */
const NO_PROXY_ENV = {
  http_proxy: undefined,
  HTTP_PROXY: undefined,
  https_proxy: undefined,
  HTTPS_PROXY: undefined,
  no_proxy: undefined,
  NO_PROXY: undefined,
};

beforeAll(async () => {
  server = await startGitServer({ token: TOKEN });
  api = await startFakeGitHub();
  api.addToken(TOKEN, { permissions: { contents: 'write', 'pull-requests': 'write' } });
  proxy = await startForwardingProxy({
    hosts: { [GIT_HOST]: '127.0.0.1', [API_HOST]: '127.0.0.1' },
  });
});
afterEach(() => {
  expect(api.violations).toEqual([]);
});
afterAll(async () => {
  await proxy?.close();
  await api?.close();
  await server?.close();
  await cleanupTempDirs();
});

/**
 * v1 of `conf` recorded directly, then a fresh checkout with a change on disk: recording v2
 * there also fetches v1, so git talks to the server as well as our own requests.
 */
async function prepared(repo: string): Promise<string> {
  await createRemoteRepo(server, repo, { 'conf/app.json': '{"a":1}' });
  const ws = await checkout(server, repo, { token: TOKEN });
  const first = await runAction({
    workspace: ws,
    server,
    repo,
    token: TOKEN,
    inputs: { track: 'conf', paths: 'conf/**' },
  });
  expect(first.code, first.stderr).toBe(0);
  const fresh = await checkout(server, repo, { token: TOKEN });
  await writeTree(fresh, { 'conf/app.json': '{"a":2}' });
  return fresh;
}

const renamed = (url: string, host: string) => url.replace('127.0.0.1', host);

describe('behind a forwarding proxy', () => {
  it('with http_proxy, every request of a record and of a pull request comment goes through it', async () => {
    const repo = 'acme/proxied';
    const ws = await prepared(repo);
    server.resetLog();
    proxy.requests.length = 0;
    const env = {
      ...NO_PROXY_ENV,
      // curl (so git) reads only the lower-case name for http:// servers.
      http_proxy: proxy.url,
      GITHUB_SERVER_URL: renamed(server.url, GIT_HOST),
    };
    const r = await runAction({
      workspace: ws,
      server,
      repo,
      token: TOKEN,
      env,
      inputs: { track: 'conf', paths: 'conf/**', 'network-timeout': '10' },
    });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.outputs.version).toBe('2');
    await server.idle();
    const viaProxy = proxy.requests.filter((q) => q.target.startsWith(`${GIT_HOST}:`));
    // Our ref listing, git's fetch and our push request all reached the server, only this way.
    expect(viaProxy.map((q) => q.userAgent)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^git\/\d/), // git's fetch
        'git/2.39 (snapback)', // our ref listing and our push request
      ]),
    );
    expect(
      viaProxy.filter((q) => q.userAgent === 'git/2.39 (snapback)').length,
    ).toBeGreaterThanOrEqual(2);
    expect(viaProxy).toHaveLength(server.requests.length);

    api.addRepo(repo);
    const pr = api.addPullRequest(repo, { title: 'Tune', head: 'tune', base: 'main' });
    await writeTree(ws, { 'conf/app.json': '{"a":3}' });
    server.resetLog();
    proxy.requests.length = 0;
    api.resetLog();
    const diff = await runAction({
      workspace: ws,
      server,
      repo,
      token: TOKEN,
      eventName: 'pull_request',
      event: { action: 'synchronize', number: pr, pull_request: { number: pr } },
      env: { ...env, GITHUB_API_URL: renamed(api.url, API_HOST) },
      inputs: { command: 'diff', track: 'conf', paths: 'conf/**', 'network-timeout': '10' },
    });
    expect(diff.code, diff.stdout + diff.stderr).toBe(0);
    expect(api.comments(repo, pr)).toHaveLength(1);
    const toApi = proxy.requests.filter((q) => q.target.startsWith(`${API_HOST}:`));
    expect(toApi.length).toBeGreaterThan(0);
    expect(toApi).toHaveLength(api.requests.length);
    await server.idle();
    expect(proxy.requests.filter((q) => q.target.startsWith(`${GIT_HOST}:`))).toHaveLength(
      server.requests.length,
    );
  });

  it('with HTTPS_PROXY and an https server, every request is tunnelled with CONNECT', async () => {
    const repo = 'acme/proxied-tls';
    const ws = await prepared(repo);
    const front = await startTlsFront(server.url, GIT_HOST);
    try {
      server.resetLog();
      proxy.requests.length = 0;
      const r = await runAction({
        workspace: ws,
        server,
        repo,
        token: TOKEN,
        env: {
          ...NO_PROXY_ENV,
          HTTPS_PROXY: proxy.url,
          GITHUB_SERVER_URL: front.url,
          GIT_SSL_CAINFO: front.caFile,
          NODE_EXTRA_CA_CERTS: front.caFile,
        },
        inputs: { track: 'conf', paths: 'conf/**', 'network-timeout': '10' },
      });
      expect(r.code, r.stdout + r.stderr).toBe(0);
      expect(r.outputs.version).toBe('2');
      await server.idle();
      expect(server.requests.length).toBeGreaterThan(0);
      // Tunnels carry no request log of their own; every one went to the server's name.
      expect(proxy.requests.length).toBeGreaterThan(0);
      expect(
        proxy.requests.every((q) => q.kind === 'connect' && q.target.startsWith(GIT_HOST)),
      ).toBe(true);
    } finally {
      await front.close();
    }
  });

  it('a NO_PROXY match goes around the proxy', async () => {
    const repo = 'acme/unproxied';
    const ws = await prepared(repo);
    proxy.requests.length = 0;
    const r = await runAction({
      workspace: ws,
      server,
      repo,
      token: TOKEN,
      env: {
        ...NO_PROXY_ENV,
        http_proxy: proxy.url,
        HTTP_PROXY: proxy.url,
        NO_PROXY: 'example.com, 127.0.0.1',
      },
      inputs: { track: 'conf', paths: 'conf/**', 'network-timeout': '10' },
    });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.outputs.version).toBe('2');
    expect(proxy.requests).toEqual([]);
  });

  it('a proxy that is down is named in the error', async () => {
    const repo = 'acme/proxy-down';
    const ws = await prepared(repo);
    const before = await server.refs(repo);
    const port = await deadPort();
    const r = await runAction({
      workspace: ws,
      server,
      repo,
      token: TOKEN,
      env: { ...NO_PROXY_ENV, http_proxy: `http://127.0.0.1:${port}` },
      // A budget of 5 s ends while the retries of the refused connection are still going.
      inputs: { track: 'conf', paths: 'conf/**', 'network-timeout': '1' },
    });
    expect(r.code).toBe(1);
    const errors = r.annotations.filter((a) => a.level === 'error').map((a) => a.message);
    expect(errors).toEqual([
      expect.stringContaining(`the proxy http://127.0.0.1:${port} (from http_proxy)`),
    ]);
    expect(errors[0]).toContain('NO_PROXY');
    expect(errors[0]).not.toMatch(/\n\s+at /);
    expect(await server.refs(repo)).toEqual(before);
  });
});
