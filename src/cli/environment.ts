/** What the CLI learns from the clone it runs in: the registry's remote, who is recording. */
import type { Identity } from '../git/git.js';
import { NOBODY, parseIdent } from '../core/people.js';
import { NativeGit } from '../git/native-git.js';
import { runGit } from '../git/run-git.js';
import type { NetworkContext } from '../net/limits.js';
import type { GithubAccess } from '../operations/types.js';
import { checkToken } from '../inputs.js';
import { InputError, SnapbackError } from '../errors.js';
import { printable } from '../core/track-name.js';
import { addSecret } from '../secrets.js';

/** `--remote`: a URL as given, else the URL of that remote of this clone. */
export async function remoteUrl(top: string, remote: string): Promise<string> {
  if (/^[a-z]+:\/\/|^[^/]+@[^/]+:/.test(remote)) return remote;
  try {
    return (await runGit(['remote', 'get-url', remote], { cwd: top })).stdout.toString().trim();
  } catch {
    const names = (await runGit(['remote'], { cwd: top })).stdout.toString().split('\n');
    const known = names.map((n) => n.trim()).filter(Boolean);
    throw new InputError(
      'remote',
      `'${printable(remote, 60)}' is not a remote of this clone.`,
      known.length
        ? `Its remotes: ${known.join(', ')}. Or give the registry's URL.`
        : 'This clone has no remotes: give the URL of the repository that holds the registry.',
    );
  }
}

export async function topLevel(cwd: string): Promise<string> {
  try {
    return (await runGit(['rev-parse', '--show-toplevel'], { cwd })).stdout.toString().trim();
  } catch {
    throw new SnapbackError(
      'not-a-repository',
      `${printable(cwd, 200)} is not inside a git work tree.`,
      'Run snapback in a clone of the repository whose registry you want.',
    );
  }
}

/**
 * The identity git itself would commit with here (user.name/user.email, GIT_AUTHOR_*), so a
 * version recorded from a terminal names its person; an address nobody owns when none is set.
 */
export async function gitIdentity(cwd: string): Promise<Identity> {
  const ident = async (which: string) => {
    try {
      return parseIdent((await runGit(['var', which], { cwd })).stdout.toString('utf8'));
    } catch {
      return undefined;
    }
  };
  return {
    author: (await ident('GIT_AUTHOR_IDENT')) ?? NOBODY,
    committer: (await ident('GIT_COMMITTER_IDENT')) ?? NOBODY,
  };
}

/** The actor the notes record for work done here: git's `Name <email>`, else the login name. */
export function actorName(identity: Identity, user: string | undefined): string | undefined {
  const a = identity.author;
  if (a.email === NOBODY.email) return user;
  return `${a.name} <${a.email}>`;
}

export function openClone(
  top: string,
  url: string,
  identity: Identity,
  log: (m: string) => void,
  network: NetworkContext,
  pushMode: 'auto' | 'git' = 'auto',
): Promise<NativeGit> {
  return NativeGit.open(top, { url, log, network, pushMode, runsIn: 'cli' }, { identity });
}

/**
 * The GitHub API for commands that open pull requests: a token from GH_TOKEN or GITHUB_TOKEN,
 * the server and repository from the remote's URL. Undefined without a token.
 */
export function githubAccess(url: string, env: NodeJS.ProcessEnv): GithubAccess | undefined {
  const token = env.GH_TOKEN || env.GITHUB_TOKEN || '';
  if (!token) return undefined;
  addSecret(token);
  checkToken(token, 'GH_TOKEN');
  const m =
    /^[a-z+]+:\/\/(?:[^@/]+@)?([^/]+)\/(.+?)(?:\.git)?\/?$/.exec(url) ??
    /^[^/@]+@([^:]+):(.+?)(?:\.git)?$/.exec(url);
  if (!m) return undefined;
  const host = m[1]!;
  const path = m[2]!;
  const serverUrl = `https://${host}`;
  return { token, serverUrl, repository: path.replace(/^\/+/, '') };
}
