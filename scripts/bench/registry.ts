// A crowded registry: thousands of other tracks' version refs on the server. Created straight
// in the bare repository (not pushed) and packed, as a long-lived server keeps its refs.
import { git, type GitServer } from '../../test/harness/index.js';

export const OTHER_TRACKS = 10_000;

function otherRef(i: number): string {
  return `refs/versions/other-${String(i).padStart(5, '0')}/1`;
}

async function updateRefs(server: GitServer, repo: string, lines: string[]): Promise<void> {
  await git(server.repoPath(repo), ['update-ref', '--stdin'], { input: lines.join('') });
}

/** Adds `count` refs, each a version 1 of another track, all pointing at `commit`. */
export async function addOtherTracks(
  server: GitServer,
  repo: string,
  commit: string,
  count = OTHER_TRACKS,
): Promise<void> {
  const lines = Array.from({ length: count }, (_, i) => `create ${otherRef(i)} ${commit}\n`);
  await updateRefs(server, repo, lines);
  await git(server.repoPath(repo), ['pack-refs', '--all', '--prune']);
}

export async function removeOtherTracks(
  server: GitServer,
  repo: string,
  count = OTHER_TRACKS,
): Promise<void> {
  await updateRefs(
    server,
    repo,
    Array.from({ length: count }, (_, i) => `delete ${otherRef(i)}\n`),
  );
}

export async function countRefs(server: GitServer, repo: string): Promise<number> {
  return (await server.refs(repo)).size;
}
