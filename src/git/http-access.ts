/**
 * How our own HTTP requests (ref listing, the receive-pack request) reach a remote when no token
 * was given: the CLI on a developer's clone, whose credentials come from git. They are found as
 * git finds them: a user and password in the remote's URL, else `git credential fill` (the
 * configured helpers, `credential.useHttpPath` and `credential.<url>.*` applied by git itself).
 * git sends nothing until the server answers 401; we ask the helpers first, because a server
 * that takes anonymous pushes is rare and asking costs a local process, not a round trip.
 *
 * git's extra headers (`http.extraHeader`, extra-headers.ts) go with every request, as git sends
 * them; one that carries `Authorization` (what actions/checkout leaves in a clone) is then the
 * only credential: git never sends the URL's or a helper's beside it, so neither is asked.
 *
 * When the clone's configuration has HTTP settings our requests could not honour (a CA bundle,
 * a client certificate, a malformed extra header, a proxy other than the environment's), nothing
 * is asked: the caller leaves the remote to git, so a corporate setup that works with `git push`
 * keeps working.
 */
import { spawn } from 'node:child_process';
import { proxyFor } from '../net/proxy.js';
import { addSecret } from '../secrets.js';
import { extraHeaders } from './extra-headers.js';
import { gitProcessEnv, runGit } from './run-git.js';

export interface HttpAccess {
  /** The remote's URL without credentials (our requests carry them in a header). */
  url: string;
  headers: Record<string, string>;
  /**
   * Where the credentials came from, for what a refusal says: `header` is an Authorization
   * header from git's `http.extraHeader`.
   */
  source: 'token' | 'url' | 'helper' | 'header' | 'none';
  /** Tells the credential helpers the credentials worked (`git credential approve`), once. */
  approve(): Promise<void>;
  /** Tells them the server refused the credentials (`git credential reject`), once. */
  reject(): Promise<void>;
}

/** Settings of `git config --get-urlmatch http` that change nothing our requests do differently. */
const HARMLESS = new Set([
  'http.postbuffer',
  'http.lowspeedlimit',
  'http.lowspeedtime',
  'http.maxrequests',
  'http.minsessions',
  'http.useragent',
  'http.version',
  'http.followredirects',
  'http.emptyauth',
  'http.savecookies',
  'http.sslbackend',
  'http.schannelcheckrevoke',
  'http.schannelusesslcainfo',
  'http.sslautoclientcert',
  'http.delegation',
  'http.keepalivetime',
  'http.keepaliveinterval',
  'http.keepalivecount',
  'http.noepsv',
  // Server-side settings of git http-backend, read from a clone only by accident.
  'http.receivepack',
  'http.uploadpack',
  'http.getanyfile',
]);

/** Environment variables through which git's curl would verify or identify differently. */
const CURL_ENV = [
  'GIT_SSL_NO_VERIFY',
  'GIT_SSL_CAINFO',
  'GIT_SSL_CAPATH',
  'GIT_SSL_CERT',
  'GIT_SSL_KEY',
  'GIT_SSL_CERT_PASSWORD_PROTECTED',
  'GIT_SSL_CIPHER_LIST',
  'GIT_SSL_VERSION',
  'GIT_HTTP_PROXY_AUTHMETHOD',
  'GIT_PROXY_SSL_CERT',
  'GIT_PROXY_SSL_KEY',
  'GIT_PROXY_SSL_CAINFO',
  'GIT_PROXY_SSL_CERT_PASSWORD_PROTECTED',
];

const TRUE = /^(true|yes|on|1)$/i;

/**
 * The first git setting our requests to `url` could not honour (`http.sslCAInfo`, …), or
 * undefined when git and our requests would behave the same.
 */
export async function settingWeCannotHonour(
  cwd: string,
  url: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string | undefined> {
  return (await examine(cwd, url, env)).cannot;
}

/** The first setting we cannot honour, else the extra headers git would send to `url`. */
async function examine(
  cwd: string,
  url: string,
  env: NodeJS.ProcessEnv,
): Promise<{ cannot: string; extra?: never } | { cannot?: never; extra: Record<string, string> }> {
  // TLS settings say nothing about a plain-http remote.
  const tls = /^https:/i.test(url);
  const applies = (key: string) => tls || !/^(GIT_SSL_|http\.ssl|http\.pinnedpubkey)/i.test(key);
  const fromEnv = CURL_ENV.find((name) => !!env[name] && applies(name));
  if (fromEnv) return { cannot: fromEnv };
  const listed = (
    await runGit(['config', '--get-urlmatch', 'http', url], { cwd, okCodes: [1] })
  ).stdout.toString('utf8');
  let withHeaders = false;
  for (const line of listed.split('\n')) {
    if (!line) continue;
    const space = line.indexOf(' ');
    const key = (space < 0 ? line : line.slice(0, space)).toLowerCase();
    const value = space < 0 ? '' : line.slice(space + 1).trim();
    if (HARMLESS.has(key) || !applies(key)) continue;
    if (key === 'http.sslverify' && (value === '' || TRUE.test(value))) continue;
    // Listed here with its last value only: the whole list is read below.
    if (key === 'http.extraheader') {
      withHeaders = true;
      continue;
    }
    if (key === 'http.proxy' && sameProxy(value, url, env)) continue;
    return { cannot: key };
  }
  // A proxy set for a remote by name (`remote.<name>.proxy`) applies to that remote's URL too.
  const remoteProxies = (
    await runGit(['config', '--get-regexp', '^remote\\..*\\.proxy$'], { cwd, okCodes: [1] })
  ).stdout
    .toString('utf8')
    .trim();
  if (remoteProxies) return { cannot: remoteProxies.split(' ')[0]! };
  if (!withHeaders) return { extra: {} };
  const extra = await extraHeaders(cwd, url);
  return 'unusable' in extra ? { cannot: extra.unusable } : { extra: extra.headers };
}

/** Whether git's `http.proxy` names the proxy our requests take anyway (proxy.ts). */
function sameProxy(value: string, url: string, env: NodeJS.ProcessEnv): boolean {
  const ours = proxyFor(url, env);
  if (value === '') return ours === undefined;
  if (!ours) return false;
  try {
    const theirs = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`);
    return theirs.href === new URL(ours.url).href;
  } catch {
    return false;
  }
}

/** What `git credential` is told about the remote: git's own description of an HTTP URL. */
function describe(url: URL, username: string | undefined): string {
  const lines = [
    `protocol=${url.protocol.replace(/:$/, '')}`,
    `host=${url.host}`,
    // git drops the path again unless credential.useHttpPath applies to this URL.
    `path=${decodeURIComponent(url.pathname.replace(/^\//, ''))}`,
  ];
  if (username) lines.push(`username=${username}`);
  return `${lines.join('\n')}\n\n`;
}

function basic(username: string, password: string): Record<string, string> {
  addSecret(password);
  const value = Buffer.from(`${username}:${password}`).toString('base64');
  addSecret(value);
  return { Authorization: `Basic ${value}` };
}

const NOTHING = async () => undefined;

export interface AccessOptions {
  /** May git ask on the terminal (a person runs the command there)? */
  interactive: boolean;
  /** How long the helpers (and a person at the terminal) may take. */
  timeoutMs: number;
  /** The run's cancellation: stops the helpers too. */
  cancel?: AbortSignal | undefined;
  env?: NodeJS.ProcessEnv;
}

/**
 * How to reach `url` (an http(s) URL) without a token, or undefined when git's configuration
 * asks for more than our requests do (the caller then leaves the remote to git).
 */
export async function httpAccess(
  cwd: string,
  url: string,
  opts: AccessOptions,
): Promise<HttpAccess | undefined> {
  const env = opts.env ?? process.env;
  const examined = await examine(cwd, url, env);
  if (examined.cannot !== undefined) return undefined;
  const extra = examined.extra;
  const parsed = new URL(url);
  const username = decodeURIComponent(parsed.username);
  const password = decodeURIComponent(parsed.password);
  const bare = new URL(url);
  bare.username = '';
  bare.password = '';
  const plain = parsed.username || parsed.password ? bare.href : url;
  if (Object.keys(extra).some((name) => name.toLowerCase() === 'authorization')) {
    return { url: plain, headers: extra, source: 'header', approve: NOTHING, reject: NOTHING };
  }
  if (password) {
    return {
      url: plain,
      headers: { ...extra, ...basic(username, password) },
      source: 'url',
      approve: NOTHING,
      reject: NOTHING,
    };
  }
  const asked = describe(bare, username || undefined);
  const filled = await fill(cwd, asked, opts);
  if (!filled) {
    return { url: plain, headers: extra, source: 'none', approve: NOTHING, reject: NOTHING };
  }
  // What the helpers are told afterwards: the description git returned, credentials included.
  const told = new Set<string>();
  const tell = async (verb: 'approve' | 'reject') => {
    if (told.has(verb)) return;
    told.add(verb);
    try {
      await runGit(['credential', verb], { cwd, input: filled.raw });
    } catch {
      // A helper that cannot store or forget costs the user a prompt later, never this run.
    }
  };
  return {
    url: plain,
    headers: { ...extra, ...basic(filled.username, filled.password) },
    source: 'helper',
    approve: () => tell('approve'),
    reject: () => tell('reject'),
  };
}

/**
 * `git credential fill`: the helpers' answer, or undefined when they have none (and git may not
 * ask on the terminal), or they took longer than the time given.
 */
async function fill(
  cwd: string,
  asked: string,
  opts: AccessOptions,
): Promise<{ username: string; password: string; raw: string } | undefined> {
  const env = opts.env ?? process.env;
  const prompts = opts.interactive && env.GIT_TERMINAL_PROMPT !== '0';
  const out = await new Promise<string | undefined>((resolve) => {
    const child = spawn('git', ['credential', 'fill'], {
      cwd,
      env: gitProcessEnv(prompts ? { GIT_TERMINAL_PROMPT: '1' } : {}),
      stdio: ['pipe', 'pipe', 'ignore'],
      // Its own process group, so a helper it started stops with it when the time is up; not
      // when it may prompt: a background group that reads the terminal is stopped by it.
      detached: !prompts,
    });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => chunks.push(d));
    const stop = () => {
      try {
        if (child.pid !== undefined) process.kill(prompts ? child.pid : -child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    };
    const timer = setTimeout(stop, opts.timeoutMs);
    opts.cancel?.addEventListener('abort', stop, { once: true });
    child.on('error', () => resolve(undefined));
    child.on('close', (code) => {
      clearTimeout(timer);
      opts.cancel?.removeEventListener('abort', stop);
      resolve(code === 0 ? Buffer.concat(chunks).toString('utf8') : undefined);
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(asked);
  });
  if (out === undefined) return undefined;
  const fields = new Map<string, string>();
  for (const line of out.split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) fields.set(line.slice(0, eq), line.slice(eq + 1));
  }
  const password = fields.get('password');
  if (!password) return undefined;
  addSecret(password);
  return { username: fields.get('username') ?? '', password, raw: `${out.trimEnd()}\n\n` };
}
