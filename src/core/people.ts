import type { Person } from '../git/git.js';

/** The committer of everything snapback writes. */
export const SNAPBACK: Person = { name: 'snapback', email: 'snapback@users.noreply.github.com' };

/** The author for a GitHub login (its noreply address); snapback itself for anything odd. */
export function personFor(actor: string | undefined): Person {
  if (!actor || !/^[A-Za-z0-9][A-Za-z0-9-[\]]*$/.test(actor)) return SNAPBACK;
  return { name: actor, email: `${actor}@users.noreply.github.com` };
}

/** `Name <email>`, as git writes a person in a commit (and `CommitInfo.committer` holds). */
export function formatPerson(p: Person): string {
  return `${p.name} <${p.email}>`;
}
