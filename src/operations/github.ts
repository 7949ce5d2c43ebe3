/** How operations reach the GitHub REST API through the host's token and limits. */
import type { RepoRef } from '../github/github-api.js';
import type { NetworkContext } from '../net/limits.js';

export function repoRef(repository: string): RepoRef {
  const [owner = '', repo = ''] = repository.split('/');
  return { owner, repo };
}

/**
 * How the REST client reports, and the run's network limits (`network-timeout`) for its
 * requests. Rate-limit waits have their own budget (DEFAULT_WAIT_BUDGET_SECONDS in
 * github-api.ts).
 */
export function restOptions(at: { log: (message: string) => void; network: NetworkContext }): {
  log: (message: string) => void;
  network: NetworkContext;
} {
  return { log: (m) => at.log(m), network: at.network };
}
