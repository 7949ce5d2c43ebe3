/**
 * Which tags `import` adopts and in what order: the tags whose names match a glob, oldest
 * release first — semver order when both names are versions (`v1.10.0` after `v1.9.2`,
 * `1.0.0-rc.1` before `1.0.0`), else numbers inside names compared as numbers (as
 * `git tag --sort=version:refname` does). Pure.
 */
import picomatch from 'picomatch';
import semver from 'semver';
import { InputError } from '../errors.js';
import { printable } from './track-name.js';

export function tagMatcher(pattern: string, input: string): (tag: string) => boolean {
  const text = pattern.trim();
  if (text === '' || /[\u0000-\u001f\u007f]/.test(text)) {
    throw new InputError(
      input,
      `'${printable(text)}' is not a tag pattern.`,
      "Give a glob over tag names, for example 'v*' or 'release-*'.",
    );
  }
  const matches = picomatch(text, { dot: true });
  // One argument only: picomatch's matcher reads a second as "return an object", which
  // Array#filter's index would turn on.
  return (tag) => matches(tag);
}

function naturalCompare(a: string, b: string): number {
  const pa = a.match(/\d+|\D+/g) ?? [];
  const pb = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i]!;
    const y = pb[i]!;
    if (x === y) continue;
    if (/^\d/.test(x) && /^\d/.test(y)) {
      const d = BigInt(x) - BigInt(y);
      if (d !== 0n) return d < 0n ? -1 : 1;
      return x.length - y.length; // 01 before 001: any fixed order will do
    }
    return x < y ? -1 : 1;
  }
  return pa.length - pb.length;
}

export function compareTags(a: string, b: string): number {
  const va = semver.valid(semver.clean(a, { loose: false }) ?? '');
  const vb = semver.valid(semver.clean(b, { loose: false }) ?? '');
  if (va && vb) {
    const c = semver.compare(va, vb);
    if (c !== 0) return c;
  }
  return naturalCompare(a, b);
}

export function orderTags(tags: Iterable<string>): string[] {
  return [...tags].sort(compareTags);
}
