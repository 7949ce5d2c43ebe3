import picomatch from 'picomatch';
import { InputError } from '../errors.js';
import { printable } from './track-name.js';

export interface PathPatterns {
  include: string[];
  exclude: string[];
  /**
   * Whether `.github/workflows/**` may belong to the track. Off unless the track opts in: the
   * Actions job token may not create or change workflow files, so a version holding them could
   * never be rolled back with it.
   */
  workflows?: boolean | undefined;
}

/** Workflow files, which GitHub lets only tokens with the `workflows` permission change. */
export function isWorkflowPath(path: string): boolean {
  // Any letter case: a case-insensitive checkout would put the file in the same place.
  return path.toLowerCase().startsWith('.github/workflows/');
}

/**
 * Splits a `paths` value: one pattern per line or comma-separated, `!` excludes, `#` comments.
 * Commas inside braces belong to the pattern (`**\/*.{yml,yaml}`).
 */
export function splitPatterns(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith('#')) continue;
    let depth = 0;
    let current = '';
    for (let i = 0; i < trimmed.length; i++) {
      const c = trimmed[i]!;
      if (c === '\\') {
        current += c + (trimmed[i + 1] ?? '');
        i++;
        continue;
      }
      if (c === '{') depth++;
      if (c === '}') depth = Math.max(0, depth - 1);
      if (c === ',' && depth === 0) {
        if (current.trim()) out.push(current.trim());
        current = '';
        continue;
      }
      current += c;
    }
    if (current.trim()) out.push(current.trim());
  }
  return out;
}

const HINT =
  'Patterns are relative to the repository root, one per line or comma-separated, "!" to exclude: for example "config/**/*.json", "models/**", "!**/*.tmp".';

function fail(input: string, pattern: string, why: string): never {
  throw new InputError(input, `pattern '${printable(pattern)}' ${why}.`, HINT);
}

function checkBalanced(input: string, pattern: string): void {
  const stack: string[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '[' || c === '{' || c === '(') stack.push(c);
    if (c === ']' || c === '}' || c === ')') {
      const open = stack.pop();
      const want = c === ']' ? '[' : c === '}' ? '{' : '(';
      if (open !== want) fail(input, pattern, `has an unmatched '${c}'`);
    }
  }
  if (stack.length > 0) fail(input, pattern, `has an unclosed '${stack[stack.length - 1]}'`);
}

/** Parses and validates patterns; anything that could reach outside the workspace is refused. */
export function parsePatterns(patterns: readonly string[], input = 'paths'): PathPatterns {
  const include: string[] = [];
  const exclude: string[] = [];
  for (const raw of patterns) {
    const negated = raw.startsWith('!');
    let p = negated ? raw.slice(1).trim() : raw;
    if (!p) fail(input, raw, 'is empty after "!"');
    if (/[\u0000-\u001f]/.test(p)) fail(input, raw, 'contains a control character');
    if (p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p)) fail(input, raw, 'is absolute');
    if (p.startsWith('./')) p = p.slice(2);
    if (p.split('/').some((seg) => seg === '..')) fail(input, raw, "contains '..'");
    checkBalanced(input, p);
    try {
      picomatch.makeRe(p, { dot: true, strictBrackets: true });
    } catch (e) {
      fail(input, raw, `is not a valid glob (${(e as Error).message})`);
    }
    const list = negated ? exclude : include;
    if (p.endsWith('/')) list.push(`${p}**`);
    else if (!picomatch.scan(p).isGlob)
      list.push(p, `${p}/**`); // a plain name may be a folder
    else list.push(p);
  }
  if (include.length === 0) {
    throw new InputError(input, 'selects no files: it has no including pattern.', HINT);
  }
  return { include, exclude };
}

/**
 * Whether a repository path belongs to a track: an include matches and no exclude does, and it
 * is not a workflow file unless the track opts in.
 */
export function trackMatcher(patterns: PathPatterns): (path: string) => boolean {
  const matches = patternMatcher(patterns);
  if (patterns.workflows) return matches;
  return (path) => matches(path) && !isWorkflowPath(path);
}

/** The patterns alone: an include matches and no exclude does (workflow files included). */
export function patternMatcher(patterns: PathPatterns): (path: string) => boolean {
  // `s`: a `**` must also match names holding a newline or carriage return, which git allows.
  const options = { dot: true, flags: 's' };
  const include = picomatch(patterns.include, options);
  const exclude = patterns.exclude.length > 0 ? picomatch(patterns.exclude, options) : () => false;
  return (path) => include(path) && !exclude(path);
}
