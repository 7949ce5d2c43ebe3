/**
 * The Git interface on a local checkout. Heavy lifting (hashing the work tree, fetching,
 * pushing) goes through the git CLI that every checkout has, because isomorphic-git measured
 * 10-100x slower there and sends whole trees for new refs (BENCHMARKS.md). Over HTTP, listing
 * the registry's refs (ls-refs.ts) and pushing (receive-pack.ts) are one request each of our own.
 */
import { copyFile, lstat, readFile, rm, stat, utimes } from 'node:fs/promises';
import { once } from 'node:events';
import { join } from 'node:path';
import { isRetryableStatus, SnapbackError, TransientError } from '../errors.js';
import { withinBudget } from '../net/budget.js';
import { hostOf, throughProxy } from '../net/http.js';
import { DEFAULT_NETWORK, type NetworkContext } from '../net/limits.js';
import { addSecret } from '../secrets.js';
import { collectGarbage } from '../memory.js';
import {
  EMPTY_TREE,
  type CommitInfo,
  type FetchOptions,
  type Git,
  type Identity,
  type Person,
  type NewCommit,
  type NoteTexts,
  type PushOutcome,
  type RefUpdate,
  type TreeChange,
  type TreeEdit,
  type TreeEntry,
} from './git.js';
import { NOTES_REF, ZERO_OID } from '../core/refs.js';
import { NOBODY } from '../core/people.js';
import { ObjectSizes } from './object-sizes.js';
import { readIndexEntries } from './index-file.js';
import { INDEX_PREFIX, TEMP_REFS, isStale, sweepIndexFiles, tempName } from './temp-names.js';
import { looksIncompressible } from './incompressible.js';
import {
  BIG_FILE_BYTES,
  BOUNDED_PACKING,
  classifyFailure,
  configEnv,
  userConfigEnv,
  runGit,
  streamGit,
  type RunOptions,
  type RunsIn,
} from './run-git.js';
import { AuthRefused, NeedsFullPush, sendReceivePack, type PackSource } from './receive-pack.js';
import { LsRefsStatus, lsRefs, NotProtocolV2 } from './ls-refs.js';
import { httpAccess, type HttpAccess } from './http-access.js';
import { isRace, looksRefused, refusal } from './push-refusal.js';
import { pushOverStdio, receivePackProgram, type ReceivePackProgram } from './stdio-push.js';
import { newBudget, rateLimitOf, withRateLimits } from './rate-limit.js';

export interface RemoteConfig {
  /** The repository URL, e.g. `https://github.com/owner/repo.git`. */
  url: string;
  /** Sent as HTTP Basic auth; omitted to use whatever credentials git already has. */
  token?: string | undefined;
  /**
   * `git`: always push with plain `git push` (advertisement first, then the request), for servers
   * or proxies that refuse our direct receive-pack request. Default `auto`: the direct request.
   */
  pushMode?: 'auto' | 'git' | undefined;
  /** Where to say that the run waits for a rate-limiting server. */
  log?: ((message: string) => void) | undefined;
  /** Time limits and cancellation for every request to the remote (default: 60 s stall). */
  network?: NetworkContext | undefined;
  /** Where this runs, for what a refusal's hint advises (default the Action). */
  runsIn?: RunsIn | undefined;
}

export interface OpenOptions {
  /** Who the commits name; default an address no account can own (core/people.ts). */
  identity?: Identity;
  /** Called at points inside multi-step writes, so tests can kill a run exactly there. */
  checkpoint?: (step: GitStep) => void;
  /** Told of every local git this object ran and how many bytes it printed: what a read costs. */
  observe?: (args: readonly string[], printed: number) => void;
  /**
   * Fetch the notes ref without its blobs and fetch the notes read by id (see fetchRefs). Meant
   * for a throwaway CI checkout: git records the remote as a promisor in the clone's config.
   */
  noteBlobsOnDemand?: boolean;
}

/** Where a write is half done: the temporary index filled, the temporary notes ref written. */
export type GitStep = 'index-written' | 'notes-ref-written';

/** What a network step's attempt gets: the signal that stops it, and git's settings for it. */
interface Attempt {
  signal: AbortSignal;
  /** For a git child: its HTTP stall limit and the signal that kills it. */
  git: { stallMs: number; signal: AbortSignal; runsIn: RunsIn | undefined };
}

/**
 * The network steps: what a rate-limit message says could not be done, and what a timeout says
 * was being done.
 */
const STEP = {
  list: { verb: 'list refs', doing: "listing the registry's refs" },
  fetch: { verb: 'fetch', doing: 'fetching from the registry' },
  fetchForPush: { verb: 'fetch', doing: 'fetching the objects a push needs' },
  push: { verb: 'push', doing: 'pushing to the registry' },
  head: { verb: 'look up the default branch', doing: 'asking the server for its default branch' },
} as const;
type Step = (typeof STEP)[keyof typeof STEP];

/** Attributes under which git changes a file's bytes on the way into the repository. */
const CONVERTING = new Set(['filter', 'text', 'crlf', 'eol', 'ident', 'working-tree-encoding']);

export class NativeGit implements Git {
  private readonly authEnv: Record<string, string>;
  private readonly authHeaders: Record<string, string>;
  /** Started with the repository, so a diff's size lookup does not wait for a process start. */
  private readonly sizes: ObjectSizes;
  private autocrlf: Promise<boolean> | undefined;
  /** One budget for every wait on a rate-limiting server during this run. */
  private readonly rateBudget = newBudget();
  /** How our own requests reach an HTTP remote; looked up once, when first needed. */
  private access: Promise<HttpAccess | undefined> | undefined;
  /** Fan-out depth of each notes commit read so far (a commit never changes). */
  private readonly depths = new Map<string, number>();
  /** Whether the clone may lack note blobs (asked once; see fetchNoteBlobs). */
  private promisor: Promise<boolean> | undefined;
  /** The notes tip was last fetched with its blobs: nothing to fetch by id. */
  private notesWhole = false;
  /** Note blobs fetched by id in this run. */
  private readonly noteBlobsHere = new Set<string>();

  private constructor(
    readonly workdir: string,
    private readonly gitDir: string,
    private readonly shallow: boolean,
    private readonly remote: RemoteConfig,
    readonly identity: Identity,
    private readonly checkpoint: (step: GitStep) => void = () => undefined,
    private readonly observe: OpenOptions['observe'] = undefined,
    private readonly noteBlobsOnDemand = false,
  ) {
    this.sizes = new ObjectSizes(workdir);
    if (remote.token) {
      addSecret(remote.token);
      const basic = Buffer.from(`x-access-token:${remote.token}`).toString('base64');
      // An empty value first clears any header a checkout stored for this URL, so exactly one
      // Authorization header is sent. Both go through the environment, never the command line.
      const key = `http.${remote.url}.extraheader`;
      this.authEnv = configEnv([
        [key, ''],
        [key, `AUTHORIZATION: basic ${basic}`],
      ]);
      this.authHeaders = { Authorization: `Basic ${basic}` };
    } else {
      this.authEnv = {};
      this.authHeaders = {};
    }
  }

  static async open(
    workdir: string,
    remote: RemoteConfig,
    opts: OpenOptions = {},
  ): Promise<NativeGit> {
    let out: string;
    try {
      out = (
        await runGit(['rev-parse', '--absolute-git-dir', '--is-shallow-repository'], {
          cwd: workdir,
        })
      ).stdout.toString('utf8');
    } catch {
      throw new SnapbackError(
        'not-a-repository',
        `${workdir} is not a git work tree.`,
        'Run actions/checkout before snapback, or run the CLI inside a clone.',
      );
    }
    const [gitDir = '', shallow = 'false'] = out.trim().split('\n');
    const git = new NativeGit(
      workdir,
      gitDir,
      shallow === 'true',
      remote,
      opts.identity ?? { author: NOBODY, committer: NOBODY },
      opts.checkpoint,
      opts.observe,
      opts.noteBlobsOnDemand ?? false,
    );
    await git.sweepLitter();
    return git;
  }

  /** Removes the temporary index files and refs of runs that were killed mid-way. */
  private async sweepLitter(): Promise<void> {
    const now = Date.now();
    await sweepIndexFiles(this.gitDir, now);
    try {
      const refs = (await this.text(['for-each-ref', '--format=%(refname)', TEMP_REFS]))
        .split('\n')
        .filter((r) => r && isStale(r.slice(TEMP_REFS.length), now));
      if (refs.length > 0) {
        await this.git(['update-ref', '--stdin'], {
          input: refs.map((r) => `delete ${r}\n`).join(''),
        });
      }
    } catch {
      // Leftovers cost a little disk, never correctness: the next run tries again.
    }
  }

  private async git(args: readonly string[], opts: Omit<RunOptions, 'cwd'> = {}) {
    const r = await runGit(args, { cwd: this.workdir, ...opts });
    this.observe?.(args, r.stdout.length);
    return r;
  }

  private async text(args: readonly string[], opts: Omit<RunOptions, 'cwd'> = {}): Promise<string> {
    return (await this.git(args, opts)).stdout.toString('utf8');
  }

  /**
   * One network step: each attempt gets a signal that ends with the step's budget or the run's
   * cancellation; stalled and transient failures are retried while the budget lasts. A server
   * that rate-limits is waited for (as it asks, within the run's rate-limit budget), and then
   * the step starts again with a fresh budget.
   */
  private network<T>(step: Step, fn: (attempt: Attempt) => Promise<T>): Promise<T> {
    const log = this.remote.log ?? (() => undefined);
    const net = this.remote.network ?? DEFAULT_NETWORK;
    const stallMs = net.limits.stallMs;
    const url = this.remote.url;
    return withRateLimits(
      step.verb,
      this.rateBudget,
      log,
      () =>
        withinBudget({ host: hostOf(url), what: step.doing }, net, (signal) =>
          fn({ signal, git: { stallMs, signal, runsIn: this.remote.runsIn } }).catch(
            (e: unknown) => {
              throw throughProxy(e, url);
            },
          ),
        ),
      (ms) => pause(ms, net.cancel),
    );
  }

  async head(): Promise<string> {
    return (await this.text(['rev-parse', '--verify', 'HEAD^{commit}'])).trim();
  }

  async listRemoteRefs(prefixes: readonly string[]): Promise<Map<string, string>> {
    if (!/^https?:\/\//i.test(this.remote.url)) return this.lsRemote(prefixes);
    const access = await this.httpAccess();
    // HTTP settings only git honours (a CA bundle, a client certificate): git lists.
    if (!access) return this.lsRemote(prefixes);
    try {
      const refs = await this.network(STEP.list, async ({ signal, git }) => {
        try {
          return await lsRefs({
            url: access.url,
            headers: access.headers,
            prefixes,
            signal,
            stallMs: git.stallMs,
          });
        } catch (e) {
          if (signal.aborted) throw signal.reason;
          if (e instanceof LsRefsStatus) {
            const limited = rateLimitOf(e.statusCode, e.retryAfter);
            if (limited) throw limited;
            if (access.source !== 'token' && (e.statusCode === 401 || e.statusCode === 403)) {
              throw await this.refused(access, e.statusCode, 'list refs');
            }
          }
          if (e instanceof NotProtocolV2) throw e;
          throw httpFailure(e, 'list refs');
        }
      });
      await access.approve();
      return refs;
    } catch (e) {
      // A server that only speaks the older protocol: git lists, as it would.
      if (e instanceof NotProtocolV2) return this.lsRemote(prefixes);
      throw e;
    }
  }

  /** SSH and file remotes (the CLI on a developer's clone): plain `git ls-remote`. */
  private async lsRemote(prefixes: readonly string[]): Promise<Map<string, string>> {
    const patterns = prefixes.map((p) => (p.endsWith('/') ? `${p}*` : p));
    const out = await this.network(STEP.list, ({ git }) =>
      this.text(['ls-remote', this.remote.url, ...patterns], { env: this.authEnv, network: git }),
    );
    const refs = new Map<string, string>();
    for (const line of out.split('\n')) {
      const [oid, ref] = line.split('\t');
      if (oid && ref && prefixes.some((p) => ref.startsWith(p))) refs.set(ref, oid);
    }
    return refs;
  }

  async fetchRefs(
    refs: readonly { remote: string; local: string }[],
    opts: FetchOptions = {},
  ): Promise<Map<string, string>> {
    if (refs.length === 0) return new Map();
    // The notes of 10,000 versions are 20,000 small blobs (6 MB) of which a command reads a few:
    // with noteBlobsOnDemand the notes ref comes with its trees only, and the blobs a read needs
    // are fetched by id (notesAt). Everything else is fetched whole, so no other read waits on
    // git fetching objects one by one. Two fetches one after the other: both update `shallow`.
    const lazy =
      this.noteBlobsOnDemand && !opts.wholeNotes ? refs.filter((r) => r.remote === NOTES_REF) : [];
    const whole = refs.filter((r) => !lazy.includes(r));
    if (whole.length > 0) await this.fetchInto(whole, []);
    if (lazy.length > 0) {
      await this.fetchInto(lazy, ['--filter=blob:none']);
      this.promisor = Promise.resolve(true);
    }
    if (refs.some((r) => r.remote === NOTES_REF)) this.notesWhole = lazy.length === 0;
    const oids = (await this.text(['rev-parse', ...refs.map((r) => r.local)])).trim().split('\n');
    return new Map(refs.map((r, i) => [r.local, oids[i] ?? '']));
  }

  private async fetchInto(
    refs: readonly { remote: string; local: string }[],
    filter: readonly string[],
  ): Promise<void> {
    // In a shallow checkout, depth 1 keeps the server from sending the source commits' history;
    // in a full clone it would make the repository shallow, so it is left out there. Once a
    // fetch went without blobs, git would apply that filter to every later fetch from the same
    // URL: `--no-filter` keeps the others whole.
    const args = [
      'fetch',
      '--quiet',
      '--no-tags',
      '--no-write-fetch-head',
      '--no-recurse-submodules',
      ...(filter.length > 0 ? filter : ['--no-filter']),
    ];
    if (this.shallow) args.push('--depth=1');
    args.push(this.remote.url, ...refs.map((r) => `+${r.remote}:${r.local}`));
    await this.network(STEP.fetch, ({ git }) =>
      this.git(args, { env: this.authEnv, network: git }),
    );
  }

  /**
   * Brings the blobs named here when this clone got notes without them. git would fetch each
   * missing one by itself, one request per object; this asks for all in one request, without
   * negotiation (the server would otherwise skip blobs reachable from what we have).
   */
  private async fetchNoteBlobs(oids: readonly string[]): Promise<void> {
    if (this.notesWhole) return;
    const wanted = [...new Set(oids)].filter((o) => !this.noteBlobsHere.has(o));
    if (wanted.length === 0 || !(await this.isPromisor())) return;
    const args = [
      '-c',
      'fetch.negotiationAlgorithm=noop',
      'fetch',
      '--quiet',
      '--no-tags',
      '--no-write-fetch-head',
      '--no-recurse-submodules',
      '--filter=blob:none',
      '--stdin',
      this.remote.url,
    ];
    await this.network(STEP.fetch, ({ git }) =>
      this.git(args, { env: this.authEnv, network: git, input: `${wanted.join('\n')}\n` }),
    );
    for (const o of wanted) this.noteBlobsHere.add(o);
  }

  /** Whether this clone may lack blobs (a partial clone, or notes fetched without them). */
  private isPromisor(): Promise<boolean> {
    this.promisor ??= this.git(['config', '--get-regexp', '^remote\\..*\\.promisor$'], {
      okCodes: [1],
    }).then(
      (r) => /\strue$/m.test(r.stdout.toString('utf8')),
      () => false,
    );
    return this.promisor;
  }

  async hasObject(oid: string): Promise<boolean> {
    return (await this.commitsPresent([oid])).size > 0;
  }

  /**
   * Which of these commits are here (a tag counts by the commit it names), found without
   * fetching one. In a clone with a promisor, `cat-file -e` fetches an object it lacks, and for
   * a version commit that means every commit and tree behind its source commit: git's own
   * fetches take no depth. `rev-list --missing` turns that off, `--ignore-missing` skips the
   * absent ones, `--no-walk` reads nothing beyond the commits named.
   */
  private async commitsPresent(oids: readonly string[]): Promise<Set<string>> {
    if (oids.length === 0) return new Set();
    const out = await this.text(
      ['rev-list', '--no-walk', '--ignore-missing', '--missing=allow-any', '--stdin'],
      { input: `${oids.join('\n')}\n` },
    );
    return new Set(out.split('\n').filter(Boolean));
  }

  async listWorkTree(pathspecs: readonly string[]): Promise<string[]> {
    // Without --exclude-standard, --others includes ignored files: generated outputs count.
    const out = await this.text(['ls-files', '-z', '--cached', '--others', '--', ...pathspecs]);
    const paths = new Set<string>();
    for (const p of out.split('\0')) {
      // A trailing slash is an untracked nested repository, which is not ours to snapshot.
      if (p && !p.endsWith('/')) paths.add(p);
    }
    return [...paths];
  }

  async writeTree(paths: readonly string[]): Promise<string> {
    return this.withTempIndex((env) => this.indexTree(paths, env));
  }

  async writeSnapshot(
    files: readonly { path: string; size: number }[],
  ): Promise<{ tree: string; sizes: Map<string, number> }> {
    return this.withTempIndex(async (env) => {
      const tree = await this.indexTree(
        files.map((f) => f.path),
        env,
        files,
      );
      return { tree, sizes: await this.storedSizes(env.GIT_INDEX_FILE, tree, files) };
    });
  }

  /**
   * The size of each blob just stored, from the index that stored it. git records the size of
   * the file it hashed (or whose stat data it trusted) in the entry, and for a file stored as is
   * that is the blob's size; where the entry and the caller's measure agree, that is the answer.
   * The rest — entries git marked to look at again (size 0), files added by object id, files of
   * 4 GiB or more (sizes are 32-bit there), files that changed after they were measured — are
   * looked up by object id. An index this reader cannot read whole leaves it all to git.
   */
  private async storedSizes(
    indexFile: string,
    tree: string,
    files: readonly { path: string; size: number }[],
  ): Promise<Map<string, number>> {
    const entries = readIndexEntries(await readFile(indexFile), tree.length === 64 ? 32 : 20);
    if (!entries) return this.blobSizes(tree);
    const measured = new Map(files.map((f) => [f.path, f.size]));
    const sizes = new Map<string, number>();
    const ask = new Map<string, string[]>(); // oid → paths
    for (const e of entries) {
      if (e.stage !== 0 || e.mode === '160000') continue;
      const size = measured.get(e.path);
      if (size === undefined) continue;
      if (e.size === size && size > 0) sizes.set(e.path, size);
      else ask.set(e.oid, [...(ask.get(e.oid) ?? []), e.path]);
    }
    if (ask.size > 0) {
      const found = await this.sizes.lookup([...ask.keys()]);
      for (const [oid, paths] of ask) {
        const size = found.get(oid);
        if (size !== undefined) for (const path of paths) sizes.set(path, size);
      }
    }
    return sizes;
  }

  /**
   * Fills a temporary index with `paths` and writes its tree. The index starts as a copy of the
   * checkout's own: files whose stat data still matches are not read again, so only generated or
   * changed files are hashed. That is the same trust `git add` and `git status` place in the
   * index, racy-entry checks included.
   */
  private async indexTree(
    paths: readonly string[],
    env: { GIT_INDEX_FILE: string },
    measured: readonly { path: string; size: number }[] = [],
  ): Promise<string> {
    // Files with conversion attributes are hashed byte for byte instead (see rawPaths); git
    // looks them up while the index is seeded. Big files are sampled meanwhile too.
    const rawLookup = this.rawPaths(paths);
    rawLookup.catch(() => undefined); // awaited below; keep an early failure from going unhandled
    const storing = this.storingConfig(measured);
    // With core.autocrlf=true the checkout wrote text files with CRLF line endings where the
    // index's blobs hold LF: its stat data vouch for bytes that are not on disk, so it is no
    // head start and every file is hashed as it is.
    if (!(await this.checkoutConvertsLineEndings())) {
      await seedIndex(join(this.gitDir, 'index'), env.GIT_INDEX_FILE);
    }
    const raw = await rawLookup;
    const store = await storing;
    const wanted = new Set(paths);
    const drop: string[] = [];
    for (const entry of (await this.text(['ls-files', '-z', '-v', '--cached'], { env })).split(
      '\0',
    )) {
      if (!entry) continue;
      const tag = entry.slice(0, 1);
      const path = entry.slice(2);
      // Only plain entries ('H') are trusted; assume-unchanged, skip-worktree and conflicted
      // entries would hide the real content, so they are dropped and hashed afresh. So are
      // converted files: the checkout's entry holds what the filter made of them.
      if (!wanted.has(path) || tag !== 'H' || raw.has(path)) drop.push(path);
    }
    if (drop.length > 0) {
      await this.git(['update-index', '--force-remove', '-z', '--stdin'], {
        env,
        input: `${drop.join('\0')}\0`,
      });
    }
    const plain = raw.size > 0 ? paths.filter((p) => !raw.has(p)) : paths;
    if (plain.length > 0) {
      await this.git(
        [...store, 'update-index', '--add', '--remove', '--replace', '-z', '--stdin'],
        { env, input: `${plain.join('\0')}\0` },
      );
    }
    if (raw.size > 0) await this.addUnfiltered([...raw], env, store);
    this.checkpoint('index-written');
    return (await this.text(['write-tree'], { env })).trim();
  }

  /**
   * git streams a file over BIG_FILE_BYTES into a pack as it hashes it, deflated at level 6,
   * and the push sends that data as it is. When every such file of the snapshot looks
   * incompressible (model weights, archives), it is stored without deflating: a 95 MB file
   * took 2.3-2.7 s to store, 0.5 s this way, and the bytes sent are the same within 0.02%. A
   * compressible one keeps compression for all (one setting covers the whole process).
   */
  private async storingConfig(
    measured: readonly { path: string; size: number }[],
  ): Promise<readonly string[]> {
    const big = measured.filter((f) => f.size > BIG_FILE_BYTES);
    if (big.length === 0) return [];
    for (const f of big) {
      if (!(await looksIncompressible(join(this.workdir, f.path), f.size))) return [];
    }
    return ['-c', 'pack.compression=0'];
  }

  /** Whether the clone's own configuration (not ours) has git convert line endings on checkout. */
  private checkoutConvertsLineEndings(): Promise<boolean> {
    // Our processes run with core.autocrlf=false (run-git.ts): this one question is asked
    // with only the configuration the clone and the user's environment give.
    this.autocrlf ??= this.git(['config', '--type=bool-or-str', '--get', 'core.autocrlf'], {
      okCodes: [1],
      env: userConfigEnv(),
    }).then(
      (r) => r.stdout.toString('utf8').trim() === 'true',
      () => false,
    );
    return this.autocrlf;
  }

  /**
   * The paths whose bytes git would convert on the way in: a `filter` (Git LFS stores a pointer
   * whose object nobody uploads), `text`/`eol`/`crlf` (line endings), `ident` or
   * `working-tree-encoding`. A version holds what was on disk, so these skip conversion.
   */
  private async rawPaths(paths: readonly string[]): Promise<Set<string>> {
    const raw = new Set<string>();
    if (paths.length === 0) return raw;
    // `-a` prints only the attributes a path has: a third of the time of naming them, and
    // next to nothing to read when the repository has no attributes.
    const out = await this.text(['check-attr', '-a', '-z', '--stdin'], {
      input: `${paths.join('\0')}\0`,
    });
    // `-z`: path NUL attribute NUL value NUL, for each attribute a path has.
    const fields = out.split('\0');
    for (let i = 0; i + 2 < fields.length; i += 3) {
      const value = fields[i + 2];
      if (CONVERTING.has(fields[i + 1]!) && value !== 'unspecified' && value !== 'unset') {
        raw.add(fields[i]!);
      }
    }
    return raw;
  }

  /** Adds work-tree files to the index as their exact bytes, with no filter or conversion. */
  private async addUnfiltered(
    paths: readonly string[],
    env: Record<string, string>,
    store: readonly string[],
  ) {
    const files: { path: string; mode: string }[] = [];
    for (const path of paths) {
      const st = await lstat(join(this.workdir, path)).catch(() => undefined);
      // Links are stored as their target text, which no attribute converts; gone files stay out.
      if (!st?.isFile()) continue;
      files.push({ path, mode: st.mode & 0o111 ? '100755' : '100644' });
    }
    if (files.length === 0) return;
    // hash-object reads each file whole; `--stdin-paths` is newline-separated, so a name
    // holding a newline is hashed on its own from stdin.
    const oids = new Map<string, string>();
    const listable = files.filter((f) => !/[\n\r]/.test(f.path) && !f.path.startsWith('"'));
    if (listable.length > 0) {
      const out = await this.text(
        [...store, 'hash-object', '-w', '--no-filters', '--stdin-paths'],
        {
          input: `${listable.map((f) => f.path).join('\n')}\n`,
        },
      );
      out
        .trim()
        .split('\n')
        .forEach((oid, i) => oids.set(listable[i]!.path, oid));
    }
    for (const f of files) {
      if (oids.has(f.path)) continue;
      const bytes = await readFile(join(this.workdir, f.path));
      oids.set(
        f.path,
        (
          await this.text([...store, 'hash-object', '-w', '--no-filters', '--stdin'], {
            input: bytes,
          })
        ).trim(),
      );
    }
    await this.git(['update-index', '--add', '-z', '--index-info'], {
      env,
      input: files.map((f) => `${f.mode} ${oids.get(f.path)}\t${f.path}\0`).join(''),
    });
  }

  async readCommit(oid: string): Promise<CommitInfo> {
    return parseCommit(oid, await this.text(['cat-file', 'commit', oid]));
  }

  async readCommits(oids: readonly string[]): Promise<Map<string, CommitInfo>> {
    const commits = new Map<string, CommitInfo>();
    for (const [oid, o] of await this.objectsById(oids)) {
      if (o.type === 'commit') commits.set(oid, parseCommit(oid, o.content.toString('utf8')));
    }
    return commits;
  }

  async writeCommit(c: NewCommit): Promise<string> {
    const args = ['commit-tree', c.tree, ...c.parents.flatMap((p) => ['-p', p]), '-F', '-'];
    const env = {
      GIT_AUTHOR_NAME: c.author.name,
      GIT_AUTHOR_EMAIL: c.author.email,
      GIT_COMMITTER_NAME: c.committer.name,
      GIT_COMMITTER_EMAIL: c.committer.email,
    };
    return (await this.text(args, { env, input: c.message })).trim();
  }

  async readNote(notes: string, object: string): Promise<string | undefined> {
    return (await this.readNotes(notes, [object])).get(object);
  }

  async writeNotes(
    base: string | null,
    notes: ReadonlyMap<string, string> | NoteTexts,
    message: string,
  ): Promise<string> {
    const source: NoteTexts =
      'textsOf' in notes
        ? notes
        : { objects: [...notes.keys()], textsOf: () => Promise.resolve(notes) };
    const { objects } = source;
    // fast-import writes all notes in one commit and keeps git's fan-out rules, which
    // `git notes` and every other reader expect.
    const ref = `${TEMP_REFS}${tempName()}`;
    const when = Math.floor(Date.now() / 1000);
    // fast-import's `N` insists the annotated object is a commit that is here, and a pruned or
    // promoted version usually is not (nobody fetches a snapshot just to annotate it), nor is a
    // snapshot tree a commit. Those notes are written as plain files at the path the notes tree
    // already uses for them, or in its fan-out. In a clone that may lack objects every note is
    // written by its path: there git fetches whatever it looks up and lacks, one request each
    // (a prune of 9,990 versions once never ended).
    const here = (await this.isPromisor()) ? new Set<string>() : await this.commitsPresent(objects);
    const pathOf = objects.some((o) => !here.has(o))
      ? await this.notePaths(
          base,
          objects.filter((o) => !here.has(o)),
        )
      : undefined;
    const args = ['fast-import', '--quiet', '--done'];
    // The input goes to fast-import a slice of notes at a time, as their texts are made.
    const child = streamGit(args, { cwd: this.workdir });
    const send = async (parts: readonly (string | Buffer)[]) => {
      const chunk = Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : p)));
      if (child.stdin.write(chunk)) return;
      // fast-import failing stops the wait: its exit rejects `result`.
      await Promise.race([once(child.stdin, 'drain'), child.result]);
    };
    const data = (parts: (string | Buffer)[], text: string) => {
      const buf = Buffer.from(text, 'utf8');
      parts.push(`data ${buf.length}\n`, buf, '\n');
    };
    try {
      const head: (string | Buffer)[] = [
        `reset ${ref}\n`,
        `commit ${ref}\n`,
        `author ${ident(this.identity.author)} ${when} +0000\n`,
        `committer ${ident(this.identity.committer)} ${when} +0000\n`,
      ];
      data(head, message);
      if (base) head.push(`from ${base}\n`);
      await send(head);
      for (let at = 0; at < objects.length; at += NOTES_SLICE) {
        const slice = objects.slice(at, at + NOTES_SLICE);
        const texts = await source.textsOf(slice);
        const parts: (string | Buffer)[] = [];
        for (const object of slice) {
          if (here.has(object) || !pathOf) parts.push(`N inline ${object}\n`);
          else parts.push(`M 100644 inline ${pathOf(object)}\n`);
          data(parts, texts.get(object) ?? '');
        }
        await send(parts);
        // Many slices: what the last one read and wrote is garbage now (see collectGarbage).
        if (objects.length > NOTES_SLICE) collectGarbage();
      }
      child.stdin.end('\ndone\n');
      await child.result;
      this.observe?.(args, 0);
      this.checkpoint('notes-ref-written');
      return (await this.text(['rev-parse', '--verify', ref])).trim();
    } finally {
      child.stop();
      await this.git(['update-ref', '-d', ref], { okCodes: [1] });
    }
  }

  async diffTrees(
    from: string | null,
    to: string,
    opts: { renames?: boolean } = {},
  ): Promise<TreeChange[]> {
    // `git diff` finds renames about twice as fast as `diff-tree` here; the options pin down
    // everything user config could change (external tools, colour, order, relative paths).
    const args = [
      'diff',
      '--raw',
      '-z',
      '--no-abbrev',
      '--no-ext-diff',
      '--no-color',
      '--no-relative',
      '--ignore-submodules=none',
      '-O/dev/null',
      opts.renames ? '-M' : '--no-renames',
    ];
    const changes = parseRawDiff(await this.text([...args, from ?? EMPTY_TREE, to]));
    const sizes = await this.sizes.lookup(
      changes.flatMap((c) => [c.oldOid, c.newOid]).filter((o): o is string => o !== null),
    );
    for (const c of changes) {
      c.oldSize = c.oldOid ? (sizes.get(c.oldOid) ?? 0) : 0;
      c.newSize = c.newOid ? (sizes.get(c.newOid) ?? 0) : 0;
    }
    return changes;
  }

  async readBlobs(oids: readonly string[]): Promise<Map<string, Buffer>> {
    const blobs = new Map<string, Buffer>();
    for (const [oid, o] of await this.objectsById(oids)) {
      if (o.type === 'blob') blobs.set(oid, o.content);
    }
    return blobs;
  }

  /** Objects by id, in one `cat-file --batch`; ids git does not have are left out. */
  private async objectsById(
    oids: readonly string[],
  ): Promise<Map<string, { type: string; content: Buffer }>> {
    const unique = [...new Set(oids)];
    const objects = new Map<string, { type: string; content: Buffer }>();
    if (unique.length === 0) return objects;
    (await this.catFileBatch(unique)).forEach((hit, i) => {
      if (hit?.content) objects.set(unique[i]!, { type: hit.type, content: hit.content });
    });
    return objects;
  }

  async readNotes(notes: string, objects: readonly string[] | 'all'): Promise<Map<string, string>> {
    if (objects !== 'all') return this.notesAt(notes, objects);
    const blobOf = new Map<string, string>();
    for (const e of await this.listNotes(['-r', notes])) blobOf.set(e.object, e.oid);
    const blobs = await this.noteBlobs([...blobOf.values()]);
    const out = new Map<string, string>();
    for (const [object, blob] of blobOf) {
      const text = blobs.get(blob);
      if (text) out.set(object, text.toString('utf8'));
    }
    return out;
  }

  /**
   * The notes of these objects, each looked up at the paths git may keep it at (flat, `ab/…`,
   * `ab/cd/…`, `ab/cd/ef/…`): what git prints grows with the objects asked for, never with the
   * size of the notes tree.
   */
  private async notesAt(notes: string, objects: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    const unique = [...new Set(objects)].filter((o) => NOTE_OBJECT.test(o));
    if (unique.length === 0) return out;
    if (await this.isPromisor()) {
      // cat-file would fetch each missing blob in a request of its own: find the blobs from the
      // trees (which are here), fetch the missing ones in one request, then read them.
      const found = await this.noteEntries(notes, unique);
      const blobs = await this.noteBlobs([...found.values()].map((e) => e.oid));
      for (const [object, { oid }] of found) {
        const text = blobs.get(oid);
        if (text) out.set(object, text.toString('utf8'));
      }
      return out;
    }
    for (const [object, hit] of await this.locateNotes(notes, unique, false)) {
      if (hit.content) out.set(object, hit.content.toString('utf8'));
    }
    return out;
  }

  /** Note blobs by id, fetched first when this clone got its notes without them. */
  private async noteBlobs(oids: readonly string[]): Promise<Map<string, Buffer>> {
    await this.fetchNoteBlobs(oids);
    return this.readBlobs(oids);
  }

  /**
   * Where each object's note sits in the notes tree, and its blob, read from the trees alone
   * (`ls-tree` never reads a blob, so nothing is fetched): by the candidate paths of a few
   * objects, or from the whole listing for many.
   */
  private async noteEntries(
    notes: string,
    objects: readonly string[],
  ): Promise<Map<string, { path: string; oid: string }>> {
    const found = new Map<string, { path: string; oid: string }>();
    const take = (listed: readonly NoteListing[], wanted: ReadonlySet<string>) => {
      for (const { object, path, oid } of listed) {
        if (wanted.has(object) && !found.has(object)) found.set(object, { path, oid });
      }
    };
    if (objects.length > MAX_NOTE_PATHS) {
      take(await this.listNotes(['-r', '--full-tree', notes]), new Set(objects));
      return found;
    }
    // ls-tree compares every entry it walks with every path asked (130 notes in a tree of
    // 30,000: 25 ms at all four depths, 14 ms at one), so the tree's own depth comes first.
    await this.probeNotePaths(notes, objects, found, async (asked) => {
      const listed = await this.listNotes([
        '--full-tree',
        notes,
        '--',
        ...asked.map((a) => a.path),
      ]);
      take(listed, new Set(asked.map((a) => a.object)));
    });
    return found;
  }

  /**
   * The blobs `git ls-tree -z <args>` lists in a notes tree, each with the object it annotates:
   * flat and fanned-out notes alike, the path's parts joined. ls-tree never reads a blob.
   */
  private async listNotes(args: readonly string[]): Promise<NoteListing[]> {
    const listed: NoteListing[] = [];
    for (const entry of (await this.text(['ls-tree', '-z', ...args])).split('\0')) {
      const tab = entry.indexOf('\t');
      if (tab < 0) continue;
      const [, type, oid = ''] = entry.slice(0, tab).split(' ');
      const path = entry.slice(tab + 1);
      if (type === 'blob') listed.push({ object: path.replace(/\//g, ''), path, oid });
    }
    return listed;
  }

  /**
   * Asks for each object's note at the paths git may keep it at: all four depths for a few
   * objects; for many, first the depth the tree fans out to (two `ls-tree` of one branch), then
   * only the ones not found there at the other depths: for 10,000 notes that is 10,000 names
   * instead of 40,000, and no 30,000 "missing" answers to collect.
   */
  private async probeNotePaths(
    notes: string,
    objects: readonly string[],
    found: ReadonlyMap<string, unknown>,
    ask: (asked: readonly { object: string; path: string }[]) => Promise<void>,
  ): Promise<void> {
    const everywhere = (o: string) => fanOutPaths(o).map((path) => ({ object: o, path }));
    if (objects.length < GUESS_DEPTH_FROM) {
      await ask(objects.flatMap(everywhere));
      return;
    }
    const depth = await this.fanOutDepth(notes);
    await ask(objects.map((o) => ({ object: o, path: fanOutPaths(o)[depth] ?? o })));
    const rest = objects
      .filter((o) => !found.has(o))
      .flatMap((o) => everywhere(o).filter((a) => a.path !== fanOutPaths(o)[depth]));
    if (rest.length > 0) await ask(rest);
  }

  /**
   * Where each object's note sits in the notes commit `notes` (with its text unless `check`),
   * in one `cat-file` per round of probeNotePaths (a prune of 9,990 versions once asked 40,000
   * names and collected 30,000 "missing" answers, twice, in 5 s each).
   */
  private async locateNotes(
    notes: string,
    objects: readonly string[],
    check: boolean,
  ): Promise<Map<string, { path: string; content?: Buffer | undefined }>> {
    const found = new Map<string, { path: string; content?: Buffer | undefined }>();
    await this.probeNotePaths(notes, objects, found, async (asked) => {
      const answers = await this.catFileBatch(
        asked.map((a) => `${notes}:${a.path}`),
        check,
      );
      asked.forEach((a, i) => {
        const hit = answers[i];
        if (hit?.type === 'blob' && !found.has(a.object)) {
          found.set(a.object, { path: a.path, content: hit.content });
        }
      });
    });
    return found;
  }

  /**
   * `git cat-file --batch` (or `--batch-check`): one answer per name asked, in order; undefined
   * for a name git could not resolve.
   */
  private async catFileBatch(
    names: readonly string[],
    check = false,
  ): Promise<({ oid: string; type: string; content?: Buffer } | undefined)[]> {
    const out = (
      await this.git(['cat-file', check ? '--batch-check' : '--batch'], {
        input: `${names.join('\n')}\n`,
      })
    ).stdout;
    const answers: ({ oid: string; type: string; content?: Buffer } | undefined)[] = [];
    let at = 0;
    while (at < out.length && answers.length < names.length) {
      const eol = out.indexOf(10, at);
      if (eol < 0) break;
      const header = out.subarray(at, eol).toString('latin1');
      at = eol + 1;
      // `<oid> <type> <size>`, or `<name> missing` / `<name> ambiguous` (the name may hold spaces).
      const m = /^([0-9a-f]{40,64}) (\S+) (\d+)$/.exec(header);
      if (!m) {
        answers.push(undefined);
        continue;
      }
      const [, oid = '', type = '', size = '0'] = m;
      if (check) {
        answers.push({ oid, type });
        continue;
      }
      const end = at + Number(size);
      answers.push({ oid, type, content: out.subarray(at, end) });
      at = end + 1;
    }
    return answers;
  }

  async subTree(treeish: string, keep: (path: string) => boolean): Promise<string> {
    return this.withTempIndex(async (env) => {
      await this.git(['read-tree', treeish], { env });
      const drop = (await this.text(['ls-files', '-z'], { env }))
        .split('\0')
        .filter((p) => p && !keep(p));
      if (drop.length > 0) {
        await this.git(['update-index', '--force-remove', '-z', '--stdin'], {
          env,
          input: `${drop.join('\0')}\0`,
        });
      }
      return (await this.text(['write-tree'], { env })).trim();
    });
  }

  async resolveCommit(rev: string): Promise<string | undefined> {
    // `--end-of-options` keeps a selector such as `--output=x` from being read as an option.
    const r = await this.git(
      ['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`],
      {
        okCodes: [1, 128],
      },
    );
    return r.code === 0 ? r.stdout.toString('utf8').trim() : undefined;
  }

  private async withTempIndex<T>(fn: (env: { GIT_INDEX_FILE: string }) => Promise<T>): Promise<T> {
    const index = join(this.gitDir, `${INDEX_PREFIX}${tempName()}`);
    try {
      return await fn({ GIT_INDEX_FILE: index });
    } finally {
      await rm(index, { force: true });
      await rm(`${index}.lock`, { force: true });
    }
  }

  async listTree(treeish: string): Promise<TreeEntry[]> {
    const out = await this.text(['ls-tree', '-r', '-z', '--full-tree', treeish]);
    const entries: TreeEntry[] = [];
    for (const line of out.split('\0')) {
      const tab = line.indexOf('\t');
      if (tab < 0) continue;
      const [mode = '', type = '', oid = ''] = line.slice(0, tab).split(' ');
      entries.push({ mode, type: type as TreeEntry['type'], oid, path: line.slice(tab + 1) });
    }
    return entries;
  }

  async blobSizes(treeish: string): Promise<Map<string, number>> {
    // `-l` adds each object's size: what was stored, not what the file measured when listed.
    const out = await this.text(['ls-tree', '-r', '-l', '-z', '--full-tree', treeish]);
    const sizes = new Map<string, number>();
    for (const line of out.split('\0')) {
      const tab = line.indexOf('\t');
      if (tab < 0) continue;
      const size = line.slice(0, tab).split(' ').filter(Boolean)[3];
      if (size && /^\d+$/.test(size)) sizes.set(line.slice(tab + 1), Number(size));
    }
    return sizes;
  }

  async editTree(base: string | null, edits: readonly TreeEdit[]): Promise<string> {
    return this.withTempIndex(async (env) => {
      if (base) await this.git(['read-tree', base], { env });
      // update-index checks every path as git itself would (no `.git`, no `..`): a second guard
      // behind the caller's own checks.
      const lines = edits.map((e) =>
        e.oid === null ? `0 ${ZERO_OID}\t${e.path}` : `${e.mode} ${e.oid}\t${e.path}`,
      );
      if (lines.length > 0) {
        await this.git(['update-index', '-z', '--index-info'], {
          env,
          input: lines.join('\0') + '\0',
        });
      }
      return (await this.text(['write-tree'], { env })).trim();
    });
  }

  async defaultBranch(): Promise<string | undefined> {
    const out = await this.network(STEP.head, ({ git }) =>
      this.text(['ls-remote', '--symref', this.remote.url, 'HEAD'], {
        env: this.authEnv,
        network: git,
      }),
    );
    const m = /^ref: refs\/heads\/(\S+)\tHEAD$/m.exec(out);
    return m?.[1];
  }

  async push(updates: readonly RefUpdate[], haves: readonly string[] = []): Promise<PushOutcome> {
    // An HTTP remote: one request, no ref advertisement (receive-pack.ts), with the token or
    // the credentials git has for the remote (http-access.ts). If the server turns out to lack
    // an object the thin pack leaned on, or git's settings ask for more than our request can
    // honour, `git push` does it.
    const access =
      this.remote.pushMode !== 'git' && /^https?:\/\//i.test(this.remote.url)
        ? await this.httpAccess()
        : undefined;
    if (access) {
      try {
        const pack = await this.packFor(updates, haves);
        const outcome = await this.network(STEP.push, ({ signal, git }) =>
          sendReceivePack({
            url: access.url,
            headers: { ...access.headers },
            updates,
            pack,
            signal,
            stallMs: git.stallMs,
          }),
        );
        await access.approve();
        return outcome;
      } catch (e) {
        if (e instanceof AuthRefused && access.source !== 'token') {
          throw await this.refused(access, e.status, 'push');
        }
        if (!(e instanceof NeedsFullPush)) throw e;
      }
    }
    // A folder or SSH remote: the same single request over receive-pack's pipe.
    const program = this.remote.pushMode === 'git' ? undefined : await this.receivePackProgram();
    if (program) {
      try {
        const pack = await this.packFor(updates, haves);
        return await this.network(STEP.push, ({ signal }) =>
          pushOverStdio({
            program,
            cwd: this.workdir,
            updates,
            pack,
            signal,
            runsIn: this.remote.runsIn,
          }),
        );
      } catch (e) {
        if (!(e instanceof NeedsFullPush)) throw e;
      }
    }
    return this.gitPush(updates);
  }

  /**
   * How our requests reach the HTTP remote: with the token when there is one, else with the
   * credentials git has for it; undefined when git's HTTP settings ask for more than our
   * requests can honour.
   */
  private httpAccess(): Promise<HttpAccess | undefined> {
    if (this.remote.token) {
      const headers = this.authHeaders;
      const url = this.remote.url;
      const none = async () => undefined;
      return Promise.resolve({ url, headers, source: 'token', approve: none, reject: none });
    }
    // On a terminal git may ask the person running the command, as `git push` would there;
    // anywhere else only the helpers answer, within the network step's stall time.
    const interactive = process.stdin.isTTY === true && process.stderr.isTTY === true;
    const net = this.remote.network ?? DEFAULT_NETWORK;
    return (this.access ??= httpAccess(this.workdir, this.remote.url, {
      interactive,
      timeoutMs: interactive ? 5 * 60_000 : net.limits.stallMs,
      cancel: net.cancel,
    }).then((access) => {
      // A cancelled run must not go on without the credentials it was waiting for.
      if (net.cancel?.aborted) throw net.cancel.reason;
      return access;
    }));
  }

  /** The server refused git's credentials (401) or what they may do (403): say which and why. */
  private async refused(access: HttpAccess, status: number, what: string): Promise<SnapbackError> {
    const host = hostOf(access.url);
    if (status === 403) {
      return new SnapbackError(
        'auth-failed',
        `The git server at ${host} refused to ${what} for the account git's credentials name (HTTP 403).`,
        `That account needs ${what === 'push' ? 'write' : 'read'} access to the repository.`,
      );
    }
    if (access.source === 'url') {
      return new SnapbackError(
        'auth-failed',
        `The git server at ${host} refused the user and password in the remote's URL (HTTP 401).`,
        "Correct them (git remote set-url), or take them out of the URL and let git's credential helper supply them.",
      );
    }
    if (access.source === 'header') {
      return new SnapbackError(
        'auth-failed',
        `The git server at ${host} refused the Authorization header that git's http.extraHeader setting adds (HTTP 401).`,
        "Correct or remove that setting (git config --show-origin --get-regexp 'http\\..*extraheader' shows where it is set); without it git's credential helper is asked.",
      );
    }
    if (access.source === 'helper') {
      await access.reject();
      return new SnapbackError(
        'auth-failed',
        `The git server at ${host} refused the credentials git's credential helper gave (HTTP 401); the helper was told to forget them.`,
        'Sign in again the way your credential helper expects (for GitHub: gh auth login), then re-run.',
      );
    }
    return new SnapbackError(
      'auth-failed',
      `The git server at ${host} asks for credentials (HTTP 401), and git has none for it.`,
      'Set up a credential helper (git help credentials), or run the command on a terminal to be asked.',
    );
  }

  /** How to start receive-pack for a remote git reaches through a program (see stdio-push.ts). */
  private async receivePackProgram(): Promise<ReceivePackProgram | undefined> {
    const url = this.remote.url;
    if (/^https?:\/\//i.test(url)) return undefined;
    const sshCommand = (
      await this.git(['config', '--get', 'core.sshCommand'], { okCodes: [1] })
    ).stdout
      .toString('utf8')
      .trim();
    return receivePackProgram(url, this.workdir, process.env, sshCommand || undefined);
  }

  /**
   * How to write a thin pack of what the new values hold beyond the haves; null for deletions
   * only. Each call of the answer starts its own `pack-objects`, whose output goes straight
   * into the request: a pack of a big file is never held here, and a retry writes it again.
   */
  private async packFor(
    updates: readonly RefUpdate[],
    haves: readonly string[],
  ): Promise<(() => PackSource) | null> {
    // Only deletions: receive-pack expects no pack at all.
    if (updates.every((u) => u.next === null)) return null;
    // A check (next === expected) moves nothing, and an object the server has (a version an
    // alias moves to) needs nothing sent; what is left may well be nothing: an empty pack.
    const serverHas = new Set(haves);
    const news = updates
      .filter((u) => u.next !== u.expected)
      .map((u) => u.next)
      .filter((n): n is string => n !== null && !serverHas.has(n));
    // Haves are commits; asked without fetching one (see commitsPresent).
    const here = await this.commitsPresent([...serverHas]);
    const known = [...serverHas].filter((h) => here.has(h));
    const revs = news.length > 0 ? [...news, ...known.map((h) => `^${h}`)].join('\n') : '';
    // --shallow makes git treat every have's whole tree as present on the server, not only
    // those of the new commits' parents: the previous version is not an ancestor of the new
    // one, yet its tree is what the new snapshot mostly shares.
    return () => {
      const child = streamGit(
        [
          ...BOUNDED_PACKING,
          'pack-objects',
          '--stdout',
          '--thin',
          '--shallow',
          '--delta-base-offset',
          '--revs',
          '--quiet',
        ],
        { cwd: this.workdir },
      );
      child.stdin.end(`${revs}\n`);
      return { bytes: child.stdout, done: child.result, stop: child.stop };
    };
  }

  private async gitPush(updates: readonly RefUpdate[]): Promise<PushOutcome> {
    // `git push` wants every object it names here, even one the server has (an alias moving to
    // a version this clone never fetched): fetch those by id first.
    const named = [...new Set(updates.map((u) => u.next).filter((n): n is string => n !== null))];
    const here = await this.commitsPresent(named);
    const missing = named.filter((oid) => !here.has(oid));
    if (missing.length > 0) {
      const args = ['fetch', '--quiet', '--no-tags', '--no-write-fetch-head', '--no-filter'];
      if (this.shallow) args.push('--depth=1');
      await this.network(STEP.fetchForPush, ({ git }) =>
        this.git([...args, this.remote.url, ...missing], { env: this.authEnv, network: git }),
      );
    }
    // One request, all or nothing (`--atomic`), each ref compare-and-swap against the value we
    // expect (`--force-with-lease=ref:expected`, empty = must not exist). The lease is what makes
    // the update safe: a ref someone else moved is rejected, never overwritten.
    const args = ['push', '--atomic', '--porcelain', '--no-verify', this.remote.url];
    for (const u of updates) args.push(u.next ? `${u.next}:${u.ref}` : `:${u.ref}`);
    for (const u of updates) args.push(`--force-with-lease=${u.ref}:${u.expected ?? ''}`);
    const result = await this.network(STEP.push, async ({ git }) => {
      const r = await this.git(args, { env: this.authEnv, okCodes: [1], network: git });
      // Exit 1 is also how git reports a dropped connection; only '!' lines are a refusal.
      if (r.code !== 0 && !rejectedLines(r.stdout.toString('utf8')).length) {
        if (/does not support --atomic/.test(r.stderr)) {
          throw new SnapbackError(
            'git-failed',
            'The git server does not support atomic pushes.',
            'Snapback needs a server with the "atomic" capability (GitHub and git 2.4+ servers have it).',
          );
        }
        // A server that refuses the whole request (a push policy) says why only in its text.
        if (looksRefused(r.stderr)) throw refusal([], remoteText(r.stderr));
        throw classifyFailure(args, r, this.remote.runsIn);
      }
      return r;
    });
    if (result.code === 0) return { ok: true };
    // `!\t<src>:<dst>\t[rejected] (stale info)`, or `[remote rejected] (pre-receive hook declined)`.
    const lines = rejectedLines(result.stdout.toString('utf8'));
    const rejections = lines.map((l) => {
      const [, spec = '', summary = ''] = l.split('\t');
      const reason = /\((.*)\)\s*$/.exec(summary)?.[1] ?? summary;
      return { ref: spec.slice(spec.lastIndexOf(':') + 1) || spec, reason };
    });
    const progress = remoteText(result.stderr);
    if (!isRace(rejections, progress)) throw refusal(rejections, progress);
    return { ok: false, rejected: rejections.map((r) => r.ref), detail: lines.join('\n') };
  }

  /**
   * Where a notes tree keeps (or would keep) each of `objects`' notes: the path it already has,
   * or the fan-out the tree uses. Found by looking up those objects' paths and walking one
   * branch of the tree to a note, so a tree of 10,000 notes is never listed.
   */
  private async notePaths(
    base: string | null,
    objects: readonly string[],
  ): Promise<(object: string) => string> {
    const existing = new Map<string, string>();
    let depth = 0;
    if (base && (await this.isPromisor())) {
      // Found from the trees alone: a check of the blobs would fetch each one.
      for (const [object, { path }] of await this.noteEntries(base, objects)) {
        existing.set(object, path);
      }
      depth = await this.fanOutDepth(base);
    } else if (base) {
      for (const [object, hit] of await this.locateNotes(base, objects, true)) {
        existing.set(object, hit.path);
      }
      depth = await this.fanOutDepth(base);
    }
    return (object) => {
      const known = existing.get(object);
      if (known) return known;
      const parts: string[] = [];
      for (let i = 0; i < depth; i++) parts.push(object.slice(i * 2, i * 2 + 2));
      return [...parts, object.slice(depth * 2)].join('/');
    };
  }

  /**
   * How many `xx/` levels the notes tree's notes sit under, read along one branch: a fanned-out
   * level holds at most 256 subtrees, so this lists a few hundred entries whatever the size.
   */
  private async fanOutDepth(notes: string): Promise<number> {
    let depth = this.depths.get(notes);
    if (depth === undefined) this.depths.set(notes, (depth = await this.walkFanOut(notes)));
    return depth;
  }

  private async walkFanOut(notes: string): Promise<number> {
    let tree = `${notes}^{tree}`;
    for (let depth = 0; depth < 4; depth++) {
      let subtree: string | undefined;
      for (const entry of (await this.text(['ls-tree', '-z', tree])).split('\0')) {
        const tab = entry.indexOf('\t');
        if (tab < 0) continue;
        const [, type, oid] = entry.slice(0, tab).split(' ');
        const name = entry.slice(tab + 1);
        // A note (a blob named by the rest of an object id) says this is the depth.
        if (type === 'blob' && /^[0-9a-f]+$/.test(name) && name.length > 2) return depth;
        if (type === 'tree' && /^[0-9a-f]{2}$/.test(name)) subtree ??= oid;
      }
      if (!subtree) return depth;
      tree = subtree;
    }
    return 4;
  }

  async setLocalRefs(updates: readonly { ref: string; oid: string | null }[]): Promise<void> {
    // A ref is mirrored only onto a commit that is here (an alias moved to a version this run
    // never fetched is not): writing it would have git fetch that commit with all the history
    // behind it, or fail. A local copy it would leave stale is deleted instead.
    const here = await this.commitsPresent(
      updates.map((u) => u.oid).filter((o): o is string => o !== null),
    );
    const mirrored = updates.map((u) =>
      u.oid !== null && here.has(u.oid) ? u : { ...u, oid: null },
    );
    // Deleting a ref this clone never had costs git a packed-refs rewrite for nothing (a second
    // for 1,000 pruned versions): only delete the ones that are here.
    const deletions = mirrored.filter((u) => u.oid === null).map((u) => u.ref);
    let present = new Set<string>();
    if (deletions.length > 0) {
      const listed = await this.text(['for-each-ref', '--format=%(refname)', ...deletions]);
      present = new Set(listed.split('\n').filter(Boolean));
    }
    const changes = mirrored.filter((u) => u.oid !== null || present.has(u.ref));
    if (changes.length === 0) return;
    await this.git(['update-ref', '--stdin'], {
      input: changes
        .map((u) => (u.oid ? `update ${u.ref} ${u.oid}\n` : `delete ${u.ref}\n`))
        .join(''),
    });
  }
}

function rejectedLines(porcelain: string): string[] {
  return porcelain.split('\n').filter((l) => l.startsWith('!'));
}

/** What the server said on its progress channel: git prints it on stderr as `remote: …` lines. */
function remoteText(stderr: string): string {
  return stderr
    .split('\n')
    .filter((l) => /^remote:/.test(l) || /maximum ref updates exceeded/i.test(l))
    .join('\n');
}

/**
 * How many notes' texts a notes commit is written with at a time. At most MAX_NOTE_PATHS, so a
 * clone with notes fetched without blobs finds a slice's notes by their paths instead of listing
 * the whole notes tree for every slice (which held 60 MB more at 10,000 notes).
 */
const NOTES_SLICE = 250;

/** From how many objects a notes lookup first asks the tree's own fan-out depth alone. */
const GUESS_DEPTH_FROM = 32;

/** More objects than this: their notes are found in one listing of the notes tree, not by path. */
const MAX_NOTE_PATHS = 256;

/** A note found in a notes tree: the object it annotates, its path and its blob. */
interface NoteListing {
  object: string;
  path: string;
  oid: string;
}

/** What a note is attached to: an object id (sha1 or sha256). */
const NOTE_OBJECT = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

/**
 * The paths git may keep `object`'s note at: flat, or under one to three `xx/` levels (git fans
 * a notes tree out by one level per factor of 256 notes).
 */
function fanOutPaths(object: string): string[] {
  const paths: string[] = [];
  for (let depth = 0; depth <= 3; depth++) {
    const parts: string[] = [];
    for (let i = 0; i < depth; i++) parts.push(object.slice(i * 2, i * 2 + 2));
    paths.push([...parts, object.slice(depth * 2)].join('/'));
  }
  return paths;
}

/** `Name <email>` for fast-import; the parts were checked when the identity was made. */
function ident(p: Person): string {
  return `${p.name.replace(/[<>\n]/g, '')} <${p.email.replace(/[<>\n]/g, '')}>`;
}

/** A failed listing request's error, sorted into retryable and user-fixable. */
export function httpFailure(e: unknown, what: string): Error {
  // Our own requests' failures (stalled, unreachable, a proxy, rate-limited) are typed already.
  if (e instanceof SnapbackError) return e;
  const err = e as {
    code?: string;
    data?: { statusCode?: number };
    statusCode?: number;
    message?: string;
  };
  const status = err.data?.statusCode ?? err.statusCode;
  if (status === 401 || status === 403) {
    return new SnapbackError(
      'auth-failed',
      `The git server refused to ${what} (HTTP ${status}).`,
      "Give the job 'permissions: contents: write', or pass a token with access to the 'token' input.",
    );
  }
  if (status === 404) {
    return new SnapbackError(
      'git-failed',
      `Repository not found while trying to ${what} (HTTP 404).`,
      'Check GITHUB_SERVER_URL and GITHUB_REPOSITORY, and that the token can read the repository.',
    );
  }
  if (
    status === undefined ||
    isRetryableStatus(status) ||
    err.code === 'ECONNRESET' ||
    err.code === 'ECONNREFUSED'
  ) {
    return new TransientError(`Could not ${what}: ${err.message ?? String(e)}`);
  }
  return new SnapbackError('git-failed', `Could not ${what}: ${err.message ?? String(e)}`);
}

/** Parses `git diff-tree -r -z --raw [-M]`: `:oldmode newmode oldoid newoid STATUS\0path\0[newpath\0]`. */
export function parseRawDiff(raw: string): TreeChange[] {
  const fields = raw.split('\0');
  const changes: TreeChange[] = [];
  const zero = /^0+$/;
  let i = 0;
  while (i < fields.length) {
    const meta = fields[i++]!;
    if (!meta.startsWith(':')) continue;
    const [oldMode = '', newMode = '', oldOid = '', newOid = '', status = ''] = meta
      .slice(1)
      .split(' ');
    const letter = status.charAt(0) as TreeChange['status'];
    const first = fields[i++] ?? '';
    const renamed = status.startsWith('R') || status.startsWith('C');
    const second = renamed ? (fields[i++] ?? '') : first;
    changes.push({
      status: letter,
      path: second,
      oldPath: first,
      ...(renamed ? { similarity: Number(status.slice(1)) || 0 } : {}),
      oldMode: zero.test(oldMode) ? null : oldMode,
      newMode: zero.test(newMode) ? null : newMode,
      oldOid: zero.test(oldOid) ? null : oldOid,
      newOid: zero.test(newOid) ? null : newOid,
      oldSize: 0,
      newSize: 0,
    });
  }
  return changes;
}

/** A commit object's text: its header fields and message. */
function parseCommit(oid: string, raw: string): CommitInfo {
  const split = raw.indexOf('\n\n');
  const header = split >= 0 ? raw.slice(0, split) : raw;
  const message = split >= 0 ? raw.slice(split + 2) : '';
  let tree = '';
  const parents: string[] = [];
  let committer = '';
  let committedAt: string | undefined;
  for (const line of header.split('\n')) {
    if (line.startsWith('tree ')) tree = line.slice(5);
    else if (line.startsWith('parent ')) parents.push(line.slice(7));
    else if (line.startsWith('committer ')) {
      const seconds = / (\d+) [+-]\d{4}$/.exec(line)?.[1];
      if (seconds !== undefined) committedAt = new Date(Number(seconds) * 1000).toISOString();
      committer = line.slice(10).replace(/ \d+ [+-]\d{4}$/, '');
    }
  }
  return { oid, tree, parents, committer, committedAt, message };
}

/**
 * Copies the checkout's index for a head start, keeping its timestamp (floored to the second):
 * git treats entries modified at or after the index's own mtime as "racily clean" and re-reads
 * them. A copy stamped "now" would make a file rewritten in the same second as the checkout,
 * with the same size, look unchanged.
 */
async function seedIndex(from: string, to: string): Promise<void> {
  try {
    const st = await stat(from);
    await copyFile(from, to);
    const seconds = Math.floor(st.mtimeMs / 1000);
    await utimes(to, seconds, seconds);
  } catch {
    // No index (a bare work tree, a fresh repository): start empty, everything is hashed.
  }
}

/** Waits `ms`, or less when the run is cancelled (then rejects with the cancellation). */
function pause(ms: number, cancel: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (cancel?.aborted) return reject(cancel.reason as Error);
    const timer = setTimeout(() => {
      cancel?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(cancel?.reason as Error);
    };
    cancel?.addEventListener('abort', onAbort, { once: true });
  });
}
