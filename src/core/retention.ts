/**
 * Retention: which versions of a track a policy keeps. Pure; the caller supplies the versions,
 * their ages and the aliases.
 *
 * A version survives when any rule keeps it: it is among the newest `keepLast`, it is younger
 * than `keepDays`, or an alias points at it. A version whose age is unknown (its notes are
 * missing) is never removed on age grounds: an unknown age could be a young one.
 */
export interface RetentionPolicy {
  keepLast: number;
  /** Undefined: age keeps nothing by itself. */
  keepDays?: number | undefined;
}

export interface VersionFacts {
  n: number;
  /** When it was recorded; undefined when the notes do not say (or were not read). */
  at?: Date | undefined;
  /**
   * Whether it is younger than the policy's days, when that is known without its time (versions
   * are numbered in time order: one newer than a young version is young too, one older than an
   * old version old); undefined: decide by `at`.
   */
  young?: boolean | undefined;
  /** Alias names pointing at it. */
  aliases: readonly string[];
}

export type KeepReason = 'newest' | 'young' | 'aliased' | 'age-unknown';

export interface RetentionPlan {
  /** Ascending version numbers, each with why it stays. */
  keep: { n: number; why: KeepReason[] }[];
  /** Ascending version numbers that go. */
  prune: number[];
}

const DAY_MS = 86_400_000;

export function planRetention(
  versions: readonly VersionFacts[],
  policy: RetentionPolicy,
  now: Date,
): RetentionPlan {
  const sorted = [...versions].sort((a, b) => a.n - b.n);
  const newest = new Set(
    sorted.slice(Math.max(0, sorted.length - policy.keepLast)).map((v) => v.n),
  );
  const keep: RetentionPlan['keep'] = [];
  const prune: number[] = [];
  for (const v of sorted) {
    const why: KeepReason[] = [];
    if (newest.has(v.n)) why.push('newest');
    if (v.aliases.length > 0) why.push('aliased');
    if (policy.keepDays !== undefined) {
      if (v.young !== undefined) {
        if (v.young) why.push('young');
      } else if (v.at === undefined) why.push('age-unknown');
      else if (now.getTime() - v.at.getTime() < policy.keepDays * DAY_MS) why.push('young');
    }
    if (why.length > 0) keep.push({ n: v.n, why });
    else prune.push(v.n);
  }
  return { keep, prune };
}

export function describePolicy(policy: RetentionPolicy): string {
  const last = `the last ${policy.keepLast} version${policy.keepLast === 1 ? '' : 's'}`;
  const days =
    policy.keepDays === undefined
      ? ''
      : `, versions younger than ${policy.keepDays} day${policy.keepDays === 1 ? '' : 's'}`;
  return `keep ${last}${days} and every aliased version`;
}
