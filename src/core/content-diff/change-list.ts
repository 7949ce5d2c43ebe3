import { appendKeyPath, ROOT_LABEL } from './key-path.js';
import type { KeyChange, PathSegments } from './types.js';

/**
 * Collects changes for one document. Paths travel as segments and are formatted only when a
 * change is recorded, so walking unchanged parts of large files builds no strings.
 */
export class ChangeList {
  constructor(
    /** `''` for single-document files, `[doc N]` otherwise. */
    private readonly prefix: string,
    readonly changes: KeyChange[] = [],
  ) {}

  added(path: PathSegments, after: unknown): void {
    this.changes.push({ path: this.label(path), kind: 'added', after });
  }

  removed(path: PathSegments, before: unknown): void {
    this.changes.push({ path: this.label(path), kind: 'removed', before });
  }

  changed(path: PathSegments, before: unknown, after: unknown, note?: string): void {
    const change: KeyChange = { path: this.label(path), kind: 'changed', before, after };
    if (note !== undefined) change.note = note;
    this.changes.push(change);
  }

  private label(path: PathSegments): string {
    if (path.length === 0) return this.prefix === '' ? ROOT_LABEL : this.prefix;
    return appendKeyPath(this.prefix, path);
  }
}
