// A registry whose versions were recorded from a chain of source commits, as in a repository
// with history: version i of track `t` is a snapshot of `m/w.json` whose parent is source commit
// i, and each has its `recorded` note. A clone that fetched a version together with the history
// behind it holds source commits it never needed, which is how tests see it happen.
import { createRemoteRepo, git, tempDir, type GitServer } from './index.js';

export interface VersionChain {
  /** Source commits, oldest first; version i was recorded from sources[i - 1]. */
  sources: string[];
  /** Snapshot commits, version 1 first. */
  versions: string[];
}

export async function seedVersionChain(
  server: GitServer,
  repo: string,
  count: number,
): Promise<VersionChain> {
  await createRemoteRepo(server, repo, { 'm/w.json': '"s0"' });
  const work = tempDir('snapback-fixture');
  await git(work, ['clone', '-q', server.repoPath(repo), '.']);
  const stamp = (i: number) => `t <t@t> ${1_700_000_000 + i * 60} +0000`;
  let stream = '';
  for (let i = 1; i <= count; i++) {
    const text = `"s${i}"`;
    stream +=
      `commit refs/heads/main\ncommitter ${stamp(i)}\ndata 3\ns${i}\n` +
      (i === 1 ? 'from refs/heads/main^0\n' : '') +
      `M 100644 inline m/w.json\ndata ${text.length}\n${text}\n`;
  }
  await git(work, ['fast-import', '--quiet'], { input: `${stream}done\n` });
  const oids = async (refs: string[]) =>
    (await git(work, ['rev-parse', ...refs])).trim().split('\n');
  const sources = await oids(Array.from({ length: count }, (_, i) => `main~${count - 1 - i}`));
  // The snapshots, with the trailers snapback writes (verify reads them).
  stream = '';
  sources.forEach((source, i) => {
    const message = `snapback: t v${i + 1}\n\ntrack: t\nversion: ${i + 1}\nsource-commit: ${source}\nlabel: 1.${i + 1}.0\n`;
    const text = `"v${i + 1}"`;
    stream +=
      `commit refs/versions/t/${i + 1}\ncommitter ${stamp(i + 1)}\n` +
      `data ${message.length}\n${message}from ${source}\n` +
      `M 100644 inline m/w.json\ndata ${text.length}\n${text}\n`;
  });
  await git(work, ['fast-import', '--quiet'], { input: `${stream}done\n` });
  const versions = await oids(Array.from({ length: count }, (_, i) => `refs/versions/t/${i + 1}`));
  let notes = `commit refs/notes/versions\ncommitter ${stamp(0)}\ndata 5\nnotes\n`;
  versions.forEach((commit, i) => {
    const event = {
      schema: 1,
      event: 'recorded',
      track: 't',
      version: i + 1,
      at: new Date(1_700_000_000_000 + i * 60_000).toISOString(),
      commit,
      label: `1.${i + 1}.0`,
    };
    const text = `${JSON.stringify(event)}\n`;
    notes += `M 100644 inline ${commit.slice(0, 2)}/${commit.slice(2)}\ndata ${Buffer.byteLength(text)}\n${text}`;
  });
  await git(work, ['fast-import', '--quiet'], { input: `${notes}done\n` });
  await git(work, [
    'push',
    '-q',
    'origin',
    'main',
    'refs/versions/*:refs/versions/*',
    'refs/notes/versions',
  ]);
  return { sources, versions };
}
