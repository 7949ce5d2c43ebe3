// The synthetic repository the benchmark records: ~50,000 files, ~400 MB, shaped like a real
// monorepo's worst corners (one huge flat folder plus a deep tree of small folders).
//
// Content comes from AES-CTR keyed by a per-file seed: deterministic (every run benchmarks the
// same bytes) yet incompressible, so zlib and delta search cannot make sizes smaller than they
// are, and no two files share content git could deduplicate.
import { spawn } from 'node:child_process';
import { createCipheriv, createHash } from 'node:crypto';
import type { Writable } from 'node:stream';
import { basicAuth, git, gitEnv, type GitServer } from '../../test/harness/index.js';

export interface SyntheticFile {
  path: string;
  size: number;
  /** Feeds contentFor(); changing it is how the benchmark "edits" a file. */
  seed: string;
}

export interface Layout {
  files: SyntheticFile[];
  totalBytes: number;
  /** Folders of the nested tree, nested/ included (flat/ is the one other folder). */
  folders: number;
}

export interface LayoutOptions {
  flatFiles: number;
  nestedFiles: number;
  /** Folder fan-out of the nested tree: top × middle × leaf folders. */
  fanOut: [number, number, number];
  /** Mean file size; sizes spread uniformly between 1/8 and 15/8 of it. */
  meanSize: number;
}

export const FULL_LAYOUT: LayoutOptions = {
  flatFiles: 20_000,
  nestedFiles: 30_000,
  // 12 + 12·18 + 12·18·17 = 3,900 folders under nested/.
  fanOut: [12, 18, 17],
  meanSize: 8 * 1024,
};

/** Small deterministic PRNG (mulberry32): the layout must not change between runs. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function sizeFor(random: () => number, meanSize: number): number {
  return Math.round(meanSize * (0.125 + 1.75 * random()));
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Leaf folders of the nested tree, e.g. nested/d03/m11/l07. */
function leafFolders([top, mid, leaf]: [number, number, number]): string[] {
  const out: string[] = [];
  for (let t = 0; t < top; t++) {
    for (let m = 0; m < mid; m++) {
      for (let l = 0; l < leaf; l++) out.push(`nested/d${pad(t, 2)}/m${pad(m, 2)}/l${pad(l, 2)}`);
    }
  }
  return out;
}

export function makeLayout(opts: LayoutOptions = FULL_LAYOUT): Layout {
  const random = prng(0x5eed);
  const files: SyntheticFile[] = [];
  const add = (path: string) =>
    files.push({ path, size: sizeFor(random, opts.meanSize), seed: `v0:${path}` });
  for (let i = 0; i < opts.flatFiles; i++) add(`flat/f${pad(i, 5)}.bin`);
  const leaves = leafFolders(opts.fanOut);
  for (let i = 0; i < opts.nestedFiles; i++) {
    add(`${leaves[i % leaves.length]}/n${pad(i, 5)}.bin`);
  }
  const [top, mid, leaf] = opts.fanOut;
  return {
    files,
    totalBytes: files.reduce((n, f) => n + f.size, 0),
    // nested/ itself, then the three levels under it.
    folders: 1 + top + top * mid + top * mid * leaf,
  };
}

export function contentFor(seed: string, size: number): Buffer {
  const digest = createHash('sha256').update(seed).digest();
  const cipher = createCipheriv('aes-128-ctr', digest.subarray(0, 16), digest.subarray(16, 32));
  return cipher.update(Buffer.alloc(size));
}

/** Writes respecting backpressure, so 400 MB never sits in memory at once. */
async function write(stream: Writable, chunk: Buffer | string): Promise<void> {
  if (!stream.write(chunk)) await new Promise<void>((resolve) => stream.once('drain', resolve));
}

/**
 * Creates one commit holding `files` on refs/heads/main of a new repository in `dir`, through
 * fast-import: it writes a pack straight from the stream, skipping 50,000 loose objects and a
 * work tree the benchmark would never use. Compression 0 because the content is random anyway.
 */
export async function buildRepository(dir: string, files: SyntheticFile[]): Promise<string> {
  await git(dir, ['init', '-q', '-b', 'main']);
  const child = spawn('git', ['-c', 'core.compression=0', 'fast-import', '--quiet', '--done'], {
    cwd: dir,
    env: gitEnv(),
    stdio: ['pipe', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  const message = 'synthetic benchmark repository\n';
  await write(
    child.stdin,
    `commit refs/heads/main\ncommitter Bench <bench@example.invalid> 1704067200 +0000\n` +
      `data ${Buffer.byteLength(message)}\n${message}`,
  );
  for (const f of files) {
    await write(child.stdin, `M 100644 inline ${f.path}\ndata ${f.size}\n`);
    await write(child.stdin, contentFor(f.seed, f.size));
    await write(child.stdin, '\n');
  }
  await write(child.stdin, 'done\n');
  child.stdin.end();
  const code = await exited;
  if (code !== 0) throw new Error(`git fast-import failed (${code}): ${stderr}`);
  return (await git(dir, ['rev-parse', 'refs/heads/main'])).trim();
}

/** `-c` arguments that authenticate native git to the harness server with the token. */
export function authArgs(server: GitServer): string[] {
  if (!server.token) return [];
  const key = `http.${server.url}/.extraheader`;
  // The empty value first drops a header a checkout stored, so exactly one is sent.
  return ['-c', `${key}=`, '-c', `${key}=AUTHORIZATION: ${basicAuth(server.token)}`];
}

/**
 * Creates `repo` on the server and pushes the built repository's main to it over HTTP. Delta
 * search is switched off (pack.window=0): random blobs never delta, and trying costs minutes.
 */
export async function publish(server: GitServer, repo: string, dir: string): Promise<void> {
  await server.createBareRepo(repo);
  await git(dir, [
    ...authArgs(server),
    '-c',
    'pack.window=0',
    'push',
    '-q',
    server.repoUrl(repo),
    'refs/heads/main:refs/heads/main',
  ]);
}
