/**
 * The storage contract's ref names. Users script against these: they are public API.
 *   refs/versions/<track>/<N>             version N of a track
 *   refs/versions/<track>/aliases/<alias> a movable name for one version
 *   refs/notes/versions                   the event index (JSON Lines notes)
 */
export const VERSIONS_PREFIX = 'refs/versions/';
export const NOTES_REF = 'refs/notes/versions';
export const ZERO_OID = '0000000000000000000000000000000000000000';

export function trackPrefix(track: string): string {
  return `${VERSIONS_PREFIX}${track}/`;
}

export function versionRef(track: string, version: number): string {
  return `${trackPrefix(track)}${version}`;
}

export function aliasRef(track: string, alias: string): string {
  return `${trackPrefix(track)}aliases/${alias}`;
}

/** Version numbers of a track found among refs (anything not `<prefix><digits>` is ignored). */
export function versionsOf(track: string, refs: ReadonlyMap<string, string>): Map<number, string> {
  const prefix = trackPrefix(track);
  const out = new Map<number, string>();
  for (const [ref, oid] of refs) {
    if (!ref.startsWith(prefix)) continue;
    const rest = ref.slice(prefix.length);
    if (/^[1-9][0-9]{0,15}$/.test(rest)) out.set(Number(rest), oid);
  }
  return out;
}

export function latestVersion(versions: ReadonlyMap<number, string>): number {
  let latest = 0;
  for (const n of versions.keys()) if (n > latest) latest = n;
  return latest;
}

/** Aliases of a track found among refs: `refs/versions/<track>/aliases/<name>` → oid. */
export function aliasesOf(track: string, refs: ReadonlyMap<string, string>): Map<string, string> {
  const prefix = `${trackPrefix(track)}aliases/`;
  const out = new Map<string, string>();
  for (const [ref, oid] of refs) {
    if (ref.startsWith(prefix) && ref.length > prefix.length)
      out.set(ref.slice(prefix.length), oid);
  }
  return out;
}
