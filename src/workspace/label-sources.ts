import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Git } from '../git/git.js';
import { chooseLabel } from '../core/label.js';

async function readOptional(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * The label of this run's versions. Tags are asked of the server only when neither `VERSION`
 * nor `package.json` gives a semver: a depth-1 checkout has no tags of its own.
 */
export async function resolveLabel(git: Git, sourceCommit: string): Promise<string> {
  const versionFile = await readOptional(join(git.workdir, 'VERSION'));
  const packageJson = await readOptional(join(git.workdir, 'package.json'));
  const early = chooseLabel({ versionFile, packageJson, sourceCommit });
  if (early.from !== 'commit') return early.label;
  const refs = await git.listRemoteRefs(['refs/tags/']);
  const tags = [...refs.keys()].map((r) => r.slice('refs/tags/'.length).replace(/\^\{\}$/, ''));
  return chooseLabel({ tags, sourceCommit }).label;
}
