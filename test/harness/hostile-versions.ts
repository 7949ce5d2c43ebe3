/**
 * Hostile snapshots: version trees written byte by byte into a bare repository, holding paths no
 * honest recording makes (`..`, `.git`, links out, paths through links, gitlinks, workflow
 * files). Shared by every test of a command that restores a version's files.
 */
import { git } from './git.js';

export type HostileNode = {
  mode: string;
  name: string;
  oid?: string;
  content?: string;
  children?: HostileNode[];
};

/** A tree object written byte by byte, so git's own checks cannot stop a hostile name. */
async function rawTree(
  bare: string,
  entries: { mode: string; name: string; oid: string }[],
): Promise<string> {
  const body = Buffer.concat(
    entries.map((e) =>
      Buffer.concat([Buffer.from(`${e.mode} ${e.name}\0`, 'utf8'), Buffer.from(e.oid, 'hex')]),
    ),
  );
  return (
    await git(bare, ['hash-object', '-t', 'tree', '--literally', '-w', '--stdin'], { input: body })
  ).trim();
}

async function build(bare: string, nodes: HostileNode[]): Promise<string> {
  const entries = [];
  for (const n of nodes) {
    const oid = n.children
      ? await build(bare, n.children)
      : (n.oid ??
        (await git(bare, ['hash-object', '-w', '--stdin'], { input: n.content ?? '' })).trim());
    entries.push({ mode: n.children ? '40000' : n.mode, name: n.name, oid });
  }
  return rawTree(bare, entries);
}

/** Writes version `n` of track conf with this tree, as a snapshot commit on `base`. */
export async function hostileVersion(
  bare: string,
  base: string,
  n: number,
  tree: HostileNode[],
): Promise<void> {
  const oid = await build(bare, tree);
  const commit = (
    await git(bare, [
      'commit-tree',
      oid,
      '-p',
      base,
      '-m',
      `snapback: conf v${n}\n\ntrack: conf\nversion: ${n}\nsource-commit: ${base}\n`,
    ])
  ).trim();
  await git(bare, ['update-ref', `refs/versions/conf/${n}`, commit]);
}

const conf = (children: HostileNode[]): HostileNode => ({ mode: '40000', name: 'conf', children });
const file = (name: string, content = 'x'): HostileNode => ({ mode: '100644', name, content });

/** Name, tree (for a track `conf` with paths `conf/**`), and the refusal it must get. */
export const HOSTILE_CASES: [string, HostileNode[], RegExp][] = [
  [
    'a `..` component',
    [conf([file('ok.json'), { mode: '40000', name: '..', children: [file('evil.sh')] }])],
    /conf\/\.\.\/evil\.sh: a `\.\.` or empty path component/,
  ],
  [
    'a .git folder at the root',
    [
      conf([file('ok.json')]),
      {
        mode: '40000',
        name: '.git',
        children: [
          { mode: '40000', name: 'hooks', children: [file('post-checkout', '#!/bin/sh\nid\n')] },
        ],
      },
    ],
    /\.git\/hooks\/post-checkout: paths inside `\.git` are never written/,
  ],
  [
    'a .GIT folder inside the track',
    [conf([{ mode: '40000', name: '.GIT', children: [file('config')] }])],
    /conf\/\.GIT\/config: paths inside `\.git` are never written/,
  ],
  [
    'a symlink pointing outside',
    [conf([{ mode: '120000', name: 'passwd', content: '../../../etc/passwd' }])],
    /conf\/passwd: the symbolic link points outside the repository/,
  ],
  [
    'a path through a symlink',
    [
      conf([
        { mode: '120000', name: 'dir', content: '../src' },
        { mode: '40000', name: 'dir', children: [file('x.py')] },
      ]),
    ],
    /conf\/dir\/x\.py: the path goes through the symbolic link `conf\/dir`/,
  ],
  [
    'a gitlink',
    [conf([file('ok.json'), { mode: '160000', name: 'sub', oid: '1'.repeat(40) }])],
    /conf\/sub: submodules \(gitlinks\) are not restored/,
  ],
  [
    'a workflow file',
    [
      conf([file('ok.json')]),
      {
        mode: '40000',
        name: '.github',
        children: [{ mode: '40000', name: 'workflows', children: [file('ci.yml', 'on: push')] }],
      },
    ],
    /\.github\/workflows\/ci\.yml: the version changes a file under `\.github\/workflows\/`, which the Actions token may not do/,
  ],
];
