/**
 * Telling a lost race from a refusal. A compare-and-swap push fails for two very different
 * reasons: another writer moved a ref first (look again and retry), or the server will not take
 * this update at all (a ruleset, push protection, a large file, a workflow file, a pre-receive
 * hook, a push policy). Retrying a refusal only repeats it 40 times and then blames other runs;
 * it must stop at once and show the server's own words.
 *
 * Both push paths feed this the same evidence: the reason of each rejected ref (`ng <ref>
 * <reason>`, or git push's `[rejected] (<reason>)`) and the server's progress text (side-band
 * 2, git prints it as `remote: …` lines).
 */
import { SnapbackError } from '../errors.js';
import { redact } from '../secrets.js';

/**
 * Reasons that mean "the old value was not what you said": git push's client-side lease check
 * (`stale info`, `fetch first`, `non-fast-forward`) and receive-pack's failed compare-and-swap
 * (`failed to update ref`, `cannot lock ref`, `reference already exists`, `is at … but expected`).
 */
const STALE =
  /stale info|fetch first|non-fast-forward|failed to update ref|cannot lock ref|reference already exists|but expected|failed to lock/i;
/**
 * An atomic push fails every other command with one of these when any command fails: they say
 * nothing of their own and follow whichever failure caused them. git's receive-pack reports a
 * stale old value inside an atomic transaction this way on every ref (the `cannot lock ref`
 * detail goes to the progress channel only).
 */
const SIBLING = /atomic push fail|atomic transaction failed/i;

export type RefusalKind =
  'rules' | 'large-file' | 'workflows' | 'ref-limit' | 'denied' | 'hook' | 'unknown';

const KINDS: { kind: RefusalKind; test: RegExp; hint: string }[] = [
  {
    kind: 'rules',
    test: /GH013|repository rule violations|push protection/i,
    hint: "A repository ruleset or secret-scanning push protection blocks these refs. Exclude 'refs/versions/**' and 'refs/notes/versions' from the ruleset (or add the job's token to its bypass list); if a secret was found, take it out of the tracked files.",
  },
  {
    kind: 'large-file',
    test: /GH001|large files? detected|exceeds GitHub's file size limit/i,
    hint: "GitHub refuses files over 100 MB. Leave the file out of the track with a '!pattern' in paths, or lower 'max-file-size' so snapback stops before pushing.",
  },
  {
    kind: 'workflows',
    test: /without [`']?workflows?[`']? permission|refusing to allow .* to create or update workflow/i,
    hint: "GitHub refuses a push that creates or changes files under .github/workflows/ with the job's token. Leave 'include-workflows' off (workflow files then stay out of the track), or pass a token allowed to change workflows ('Workflows: write', or the 'workflow' scope) to the 'token' input.",
  },
  {
    kind: 'ref-limit',
    test: /maximum ref updates exceeded/i,
    hint: "The repository's push policy limits how many refs one push may update (Settings → General → Pushes). Raise the limit, or change fewer tracks or aliases at once.",
  },
  {
    kind: 'hook',
    test: /hook declined|pre-receive|update hook/i,
    hint: "A server-side hook refused the push; its own words are above. Ask the server's administrator what it checks, or allow 'refs/versions/*' and 'refs/notes/versions' through it.",
  },
  {
    kind: 'denied',
    test: /\bdeny|denied|deletion prohibited|hidden ref|protected/i,
    hint: "The server's configuration forbids this kind of ref update. Ask its administrator to allow updates and deletions of 'refs/versions/*' and 'refs/notes/versions'.",
  },
];

const UNKNOWN_HINT =
  "Retrying will not help: the server gave a reason other than a ref moving meanwhile. The server's own words are above; 'push-mode: git' tries the plain git push path if the server refuses snapback's direct request.";

/** The server refused the push for a reason retrying cannot fix. */
export class PushRefused extends SnapbackError {
  readonly kind: RefusalKind;
  /** For `ref-limit`: the most ref updates one push may carry. */
  readonly limit: number | undefined;

  constructor(kind: RefusalKind, message: string, hint: string, limit?: number) {
    super('push-refused', message, hint);
    this.name = 'PushRefused';
    this.kind = kind;
    this.limit = limit;
  }
}

export interface Rejection {
  ref: string;
  reason: string;
}

/** The lines of the server's progress text worth showing (empty ones and bare `remote:` dropped). */
export function serverLines(progress: string): string[] {
  return progress
    .split(/\r?\n|\r/)
    .map((l) => l.replace(/\s+$/, ''))
    .map((l) => (/^remote:/.test(l) ? l : `remote: ${l}`))
    .filter((l) => l.replace(/^remote:\s*/, '') !== '');
}

/**
 * Race (the caller looks again and retries) or refusal (thrown). A push is a race only when every
 * rejected ref failed because of a stale old value, or as an atomic sibling of one; when no ref
 * names a cause of its own, a refusal named on the progress channel decides.
 */
export function isRace(rejections: readonly Rejection[], progress: string): boolean {
  if (rejections.length === 0) return false;
  if (!rejections.every((r) => STALE.test(r.reason) || SIBLING.test(r.reason))) return false;
  if (rejections.some((r) => STALE.test(r.reason))) return true;
  // Only siblings: the cause went to the progress channel, if anywhere. A server that names no
  // cause gets the benefit of the doubt (retries are bounded); one that names a refusal does not.
  return !looksRefused(progress);
}

/** The error for a push the server refused: its words (redacted, bounded), a hint per kind. */
export function refusal(rejections: readonly Rejection[], progress: string): PushRefused {
  const reasons = [...new Set(rejections.map((r) => r.reason))];
  const all = `${progress}\n${reasons.join('\n')}`;
  const known = KINDS.find((k) => k.test.test(all));
  const kind = known?.kind ?? 'unknown';
  const limit = kind === 'ref-limit' ? refLimit(all) : undefined;
  const refs = rejections.map((r) => r.ref);
  const what =
    refs.length === 0
      ? 'the push'
      : refs.length === 1
        ? refs[0]
        : `${refs[0]} and ${refs.length - 1} other ref${refs.length === 2 ? '' : 's'}`;
  const said = serverLines(progress);
  // Long hook output is cut from the middle: its first lines name the rule, the last the verdict.
  const shown = said.length > 40 ? [...said.slice(0, 20), 'remote: …', ...said.slice(-19)] : said;
  const message = redact(
    [
      `The git server refused to update ${what}: ${reasons.join('; ') || 'no reason given'}.`,
      ...shown,
    ].join('\n'),
  ).slice(0, 8_000);
  return new PushRefused(kind, message, known?.hint ?? UNKNOWN_HINT, limit);
}

/** `maximum ref updates exceeded: N commands sent but max allowed is M` → M. */
export function refLimit(text: string): number | undefined {
  const m = /max(?:imum)? allowed is (\d{1,9})/i.exec(text);
  const n = m ? Number(m[1]) : NaN;
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

/** Whether a whole-push failure text (no per-ref report) is a refusal worth naming as such. */
export function looksRefused(text: string): boolean {
  return KINDS.some((k) => k.test.test(text)) || /remote rejected|declined/i.test(text);
}
