import semver from 'semver';

/** Where a version's label came from, in the order they are tried. */
export interface LabelSources {
  versionFile?: string | undefined;
  packageJson?: string | undefined;
  tags?: readonly string[] | undefined;
  sourceCommit: string;
}

export interface Label {
  label: string;
  from: 'VERSION' | 'package.json' | 'tag' | 'commit';
}

/** First semver found: `VERSION`, then `package.json`, then the highest semver tag, else dev-<sha>. */
export function chooseLabel(src: LabelSources): Label {
  const fromFile = semver.valid(semver.clean(src.versionFile?.trim() ?? '') ?? '');
  if (fromFile) return { label: fromFile, from: 'VERSION' };
  if (src.packageJson) {
    try {
      const pkg: unknown = JSON.parse(src.packageJson);
      const v = pkg && typeof pkg === 'object' ? (pkg as { version?: unknown }).version : undefined;
      const valid = typeof v === 'string' ? semver.valid(v) : null;
      if (valid) return { label: valid, from: 'package.json' };
    } catch {
      // An unreadable package.json is not ours to judge; try the next source.
    }
  }
  const tagged = (src.tags ?? [])
    .map((t) => semver.valid(semver.clean(t) ?? ''))
    .filter((v): v is string => v !== null);
  if (tagged.length > 0) return { label: semver.rsort(tagged)[0]!, from: 'tag' };
  return { label: `dev-${src.sourceCommit.slice(0, 7)}`, from: 'commit' };
}
