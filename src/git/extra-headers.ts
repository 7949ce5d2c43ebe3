/**
 * The headers git's `http.extraHeader` adds to its requests for a URL, so our own requests send
 * the same ones. After actions/checkout a clone holds `http.https://github.com/.extraheader =
 * AUTHORIZATION: basic …`: honouring it keeps the CLI on its single-request path there.
 *
 * What git 2.39 does, verified by pointing `git ls-remote` at a server that logs raw headers:
 * - Every `http.extraHeader` and `http.<url>.extraHeader` entry whose URL matches counts, in the
 *   order git reads its configuration, and an empty value clears the headers collected so far.
 * - Except an entry whose URL matches less specifically than one already taken (git's
 *   `urlmatch_config_entry`: host, then path, then user name): `[http "https://host/"]` followed
 *   by a plain `[http]` entry sends only the first; a plain entry followed by a host entry sends
 *   both.
 * - A header without a colon is dropped by curl; a valueless key is a config error.
 * - With an `Authorization` extra header and a user and password in the URL (or a credential
 *   helper), only the extra header is ever sent: after a 401 git asks the helper, retries with
 *   the extra header alone, and tells the helper to forget what it gave.
 *
 * Which entries match, and which git skips, is git's decision: it is asked (one `git config
 * --get-urlmatch` with a probe per entry), never reimplemented here.
 */
import { addSecret } from '../secrets.js';
import { configEnv, runGit } from './run-git.js';

export type ExtraHeaders =
  | { headers: Record<string, string> }
  /** A setting our requests would send differently from git: the caller leaves it to git. */
  | { unusable: string };

const SETTING = 'http.extraheader';

/** More entries than this is not a configuration anyone writes; git handles it. */
const MAX_ENTRIES = 32;

/** A header name as HTTP allows it (a token). */
const NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * Headers our requests set themselves, or that the HTTP client owns: one given twice would be
 * sent twice (or replace ours), which git's curl would handle its own way.
 */
const OURS = new Set([
  'accept',
  'accept-encoding',
  'connection',
  'content-encoding',
  'content-length',
  'content-type',
  'expect',
  'git-protocol',
  'host',
  'keep-alive',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'user-agent',
]);

/** Header names whose values are credentials, never to be shown. */
const SECRET_NAME = /authorization|cookie|token|secret|key|password|credential|session|signature/i;

interface Entry {
  /** The URL of `http.<url>.extraheader`; '' for plain `http.extraheader`. */
  url: string;
  /** null for a key without a value (`extraheader` alone on its line). */
  value: string | null;
}

/** The extra headers git would send to `url`, or the setting that keeps us from sending them. */
export async function extraHeaders(cwd: string, url: string): Promise<ExtraHeaders> {
  const entries = await readEntries(cwd);
  if (entries.length === 0) return { headers: {} };
  if (entries.length > MAX_ENTRIES) return { unusable: SETTING };
  const taken = await takenByGit(cwd, url, entries);
  let lines: string[] = [];
  for (const [i, entry] of entries.entries()) {
    if (!taken.has(i)) continue;
    if (entry.value === null) return { unusable: SETTING };
    // An empty value clears the list, as in git.
    if (entry.value === '') lines = [];
    else lines.push(entry.value);
  }
  const headers: Record<string, string> = {};
  const seen = new Set<string>();
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon < 0) return { unusable: SETTING };
    const name = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    const lower = name.toLowerCase();
    // `Name:` with nothing after it makes curl drop a header instead of sending one.
    if (!NAME.test(name) || value === '' || /[\r\n\0]/.test(value)) return { unusable: SETTING };
    if (OURS.has(lower) || seen.has(lower)) return { unusable: SETTING };
    seen.add(lower);
    if (SECRET_NAME.test(name)) keepSecret(lower, value);
    headers[name] = value;
  }
  return { headers };
}

/** Every `http[.<url>].extraheader` entry in the order git reads its configuration. */
async function readEntries(cwd: string): Promise<Entry[]> {
  const out = (
    await runGit(['config', '-z', '--get-regexp', '^http\\.(.*\\.)?extraheader$'], {
      cwd,
      okCodes: [1],
    })
  ).stdout.toString('utf8');
  const entries: Entry[] = [];
  // `-z`: the key, then a newline and the value only when there is a value, then a NUL.
  for (const record of out.split('\0')) {
    if (!record) continue;
    const nl = record.indexOf('\n');
    const key = nl < 0 ? record : record.slice(0, nl);
    const value = nl < 0 ? null : record.slice(nl + 1);
    // `http.` + url + `.extraheader`, or `http.extraheader` (the slice is then empty).
    entries.push({ url: key.slice('http.'.length, -'.extraheader'.length), value });
  }
  return entries;
}

/**
 * The indexes of the entries git takes for `url`. For each entry k, the entries 0..k are given
 * to git again under a probe key of their own (`http[.<url>].snapbackprobe<k>`, value the
 * entry's index) and git names the one it settles on: entry k is taken when that is k itself,
 * i.e. it matches and no earlier taken entry matched more specifically.
 */
async function takenByGit(
  cwd: string,
  url: string,
  entries: readonly Entry[],
): Promise<Set<number>> {
  const probes: [string, string][] = [];
  for (let k = 0; k < entries.length; k++) {
    for (let i = 0; i <= k; i++) {
      const at = entries[i]!.url;
      probes.push([at ? `http.${at}.snapbackprobe${k}` : `http.snapbackprobe${k}`, String(i)]);
    }
  }
  // Through the environment, as every config we pass: the URLs may name a user.
  const out = (
    await runGit(['config', '--get-urlmatch', 'http', url], {
      cwd,
      env: configEnv(probes),
      okCodes: [1],
    })
  ).stdout.toString('utf8');
  const taken = new Set<number>();
  for (const line of out.split('\n')) {
    const m = /^http\.snapbackprobe(\d+) (\d+)$/.exec(line);
    if (m && m[1] === m[2]) taken.add(Number(m[1]));
  }
  return taken;
}

/** Registers a credential header's value in every form it could be echoed in. */
function keepSecret(name: string, value: string): void {
  addSecret(value);
  const scheme = /^(\S+)\s+(\S+)$/.exec(value);
  if (!scheme) return;
  const credentials = scheme[2]!;
  addSecret(credentials);
  if ((name === 'authorization' || name === 'proxy-authorization') && /^basic$/i.test(scheme[1]!)) {
    const decoded = Buffer.from(credentials, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon >= 0) addSecret(decoded.slice(colon + 1));
  }
}
