/**
 * Who the commits snapback writes (snapshot, rollback and notes commits) name. On GitHub
 * Actions the committer is github-actions[bot], as the job token's own commits are, and the
 * author is the person who started the run, under the noreply address GitHub derives from the
 * account's id. Addresses are never invented from a login alone: `<login>@users.noreply...` or
 * `snapback@...` may belong to somebody's real account and would credit them with our commits.
 */
import { InputError } from '../errors.js';
import type { Identity, Person } from '../git/git.js';
import { printable } from './track-name.js';

export const ACTIONS_BOT: Person = {
  name: 'github-actions[bot]',
  email: '41898282+github-actions[bot]@users.noreply.github.com',
};

/** When nobody is known (a CLI run without a git identity): `.invalid` is never an account. */
export const NOBODY: Person = { name: 'snapback', email: 'snapback@snapback.invalid' };

/** GitHub logins: letters, digits and single hyphens; apps end in `[bot]`. */
const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\[bot\])?$/;

/**
 * The identity of an Actions run: the actor (with the account id from the event payload) as
 * author, else the bot; github-actions[bot] as committer unless the `committer` input names one.
 */
export function actionsIdentity(
  actor: string | undefined,
  actorId: number | undefined,
  committer?: Person,
): Identity {
  const known =
    actor !== undefined && LOGIN.test(actor) && Number.isSafeInteger(actorId) && actorId! > 0;
  return {
    author: known
      ? { name: actor, email: `${actorId}+${actor}@users.noreply.github.com` }
      : ACTIONS_BOT,
    committer: committer ?? ACTIONS_BOT,
  };
}

const PERSON = /^([^<>]*[^<>\s])\s*<([^<>\s@]+@[^<>\s@]+\.[^<>\s@]+)>$/;

/** `Name <email>`, as git writes it; `input` names the input in the error. */
export function parsePerson(value: string, input: string): Person {
  const text = value.trim();
  const m = PERSON.exec(text);
  if (!m || /[\u0000-\u001f\u007f]/.test(text) || text.length > 320) {
    throw new InputError(
      input,
      `'${printable(value)}' is not a name and an address in the form 'Name <email>'.`,
      "Give both, like 'Release Bot <release-bot@example.com>', or leave it empty for github-actions[bot].",
    );
  }
  return { name: m[1]!.trim(), email: m[2]! };
}

/** `Name <email> 1700000000 +0000`, as `git var GIT_AUTHOR_IDENT` prints it; undefined if not. */
export function parseIdent(line: string): Person | undefined {
  const m = /^(.*?)\s*<([^<>]*)>/.exec(line.trim());
  return m && m[1] && m[2] ? { name: m[1], email: m[2] } : undefined;
}

/** `Name <email>`, as git writes a person in a commit (and `CommitInfo.committer` holds). */
export function formatPerson(p: Person): string {
  return `${p.name} <${p.email}>`;
}
