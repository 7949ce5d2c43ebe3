/**
 * One command's conversation with the registry on the server: look (one ref listing per
 * attempt), fetch what the attempt needs, read the notes of the objects it asks about, and land
 * a change. Every command that reads or changes the registry goes through one of these.
 *
 * Notes are read by object, never as a whole tree, and each note at most once per notes commit:
 * a notes commit never changes, so a note read on one attempt serves every later attempt that
 * sees the same tip (a lost race on an unrelated ref looks again but reads nothing twice).
 */
import type { Git, RefUpdate } from '../git/git.js';
import { NOTES_REF, VERSIONS_PREFIX } from '../core/refs.js';
import { appendToNote, parseNote, type NoteEvent } from '../core/notes-format.js';
import { RaceLost, retryRaces, type RegistryChange, type RegistryView } from './registry.js';

/**
 * From about this many notes read, a command asks for the notes whole: fetched by id they cost a
 * request per batch plus the ids, while the whole notes of 10,000 versions are one 6 MB fetch.
 */
export const WHOLE_NOTES_FROM = 300;

export interface LookOptions {
  /** Ref prefixes to list (default: every track); the notes ref is always listed. */
  prefixes?: readonly string[];
  /**
   * Listed refs whose objects the attempt needs here, fetched in the same request as the notes
   * tip (only those not here yet). Called with the listing.
   */
  fetch?: (refs: ReadonlyMap<string, string>) => readonly string[];
  /**
   * Whether the attempt will read many notes (given the listing): then the notes come whole,
   * not blob by blob as they are read (see FetchOptions.wholeNotes).
   */
  wholeNotes?: (refs: ReadonlyMap<string, string>) => boolean;
  /** Called after the listing, before anything is fetched (crash tests stop there). */
  onListed?: () => void;
}

/** A look's refs and notes tip, with the oids each fetched ref arrived at. */
export interface SessionView extends RegistryView {
  /** Ref → oid for the refs asked for by `fetch` that came with the fetch (the server may have moved on since the listing). */
  fetched: ReadonlyMap<string, string>;
}

export interface LandOptions {
  /** Called when the notes commit is written, before the push (crash tests stop there). */
  onNotesWritten?: () => void;
  /** Called when the server applied the change. */
  onPushed?: () => void;
  /** What to do when the local mirror of the landed refs fails (default: nothing). */
  onMirrorFailed?: (e: Error) => void;
}

export class RegistrySession {
  /** Note text by `notes commit + object`; null: that notes commit has no note on the object. */
  private readonly cache = new Map<string, string | null>();
  /** Notes commits this session landed: the tip each was built on and the objects it changed. */
  private readonly built = new Map<string, { base: string; changed: ReadonlySet<string> }>();
  private view: SessionView | undefined;

  constructor(readonly git: Git) {}

  /** The current attempt's view; look() first. */
  get current(): SessionView {
    if (!this.view) throw new Error('RegistrySession: look() before reading');
    return this.view;
  }

  /** The notes tip of the current look (null: no notes yet). */
  get notesTip(): string | null {
    return this.current.notes;
  }

  /**
   * Starts an attempt: lists the refs under the prefixes and the notes ref in one request, and
   * brings the notes tip (and any refs `fetch` names) here in one fetch when they are not.
   */
  async look(opts: LookOptions = {}): Promise<SessionView> {
    const refs = await this.git.listRemoteRefs([
      ...(opts.prefixes ?? [VERSIONS_PREFIX]),
      NOTES_REF,
    ]);
    opts.onListed?.();
    let notes = refs.get(NOTES_REF) ?? null;
    refs.delete(NOTES_REF);
    const wanted: { remote: string; local: string }[] = [];
    for (const ref of opts.fetch?.(refs) ?? []) {
      const oid = refs.get(ref);
      if (oid && !(await this.git.hasObject(oid))) wanted.push({ remote: ref, local: ref });
    }
    if (notes && !(await this.git.hasObject(notes))) {
      wanted.push({ remote: NOTES_REF, local: NOTES_REF });
    }
    const fetched = new Map<string, string>();
    if (wanted.length > 0) {
      const got = await this.git.fetchRefs(wanted, {
        wholeNotes: opts.wholeNotes?.(refs) ?? false,
      });
      // The tip may have moved since the listing; build on whatever arrived.
      notes = got.get(NOTES_REF) ?? notes;
      for (const [ref, oid] of got) if (ref !== NOTES_REF) fetched.set(ref, oid);
    }
    this.view = { refs, notes, fetched };
    return this.view;
  }

  /** The note on `object` at the current notes tip, or undefined. */
  async note(object: string): Promise<string | undefined> {
    return (await this.notes([object])).get(object);
  }

  /**
   * The notes on these objects at the current notes tip (objects without one are left out);
   * `remember` false reads without keeping what was read (a large change's notes).
   */
  async notes(objects: readonly string[], remember = true): Promise<Map<string, string>> {
    const tip = this.notesTip;
    const out = new Map<string, string>();
    if (!tip) return out;
    const missing = [...new Set(objects)].filter((o) => this.cached(tip, o) === undefined);
    if (missing.length > 0 && !remember) {
      const read = await this.git.readNotes(tip, missing);
      for (const o of objects) {
        const text = read.get(o) ?? this.cached(tip, o);
        if (text != null) out.set(o, text);
      }
      return out;
    }
    if (missing.length > 0) {
      const read =
        missing.length === 1
          ? new Map(
              await this.git
                .readNote(tip, missing[0]!)
                .then((t) => (t === undefined ? [] : [[missing[0]!, t] as const])),
            )
          : await this.git.readNotes(tip, missing);
      for (const o of missing) this.cache.set(key(tip, o), read.get(o) ?? null);
    }
    for (const o of objects) {
      const text = this.cached(tip, o);
      if (text != null) out.set(o, text);
    }
    return out;
  }

  /** A note known at `tip`: read there, or unchanged since a tip it was read at by our own landing. */
  private cached(tip: string, object: string): string | null | undefined {
    for (let at: string | undefined = tip, hops = 0; at && hops < 1_000; hops++) {
      const text = this.cache.get(key(at, object));
      if (text !== undefined) return text;
      const from = this.built.get(at);
      at = from && !from.changed.has(object) ? from.base : undefined;
    }
    return undefined;
  }

  /** The events of `object`'s note. */
  async events(object: string): Promise<NoteEvent[]> {
    const text = await this.note(object);
    return text === undefined ? [] : parseNote(text);
  }

  /** The events of each object's note (objects without a note are left out). */
  async eventsOf(objects: readonly string[]): Promise<Map<string, NoteEvent[]>> {
    const out = new Map<string, NoteEvent[]>();
    for (const [o, text] of await this.notes(objects)) out.set(o, parseNote(text));
    return out;
  }

  /**
   * Appends the change's events to the notes at the tip it was decided on and lands everything
   * in one atomic request; RaceLost when another writer got there first. A refusal that is in
   * fact our own change, applied on an earlier try whose answer was lost, counts as landed.
   * Returns the notes tip it landed.
   */
  async land(change: RegistryChange, opts: LandOptions = {}): Promise<string> {
    const { git } = this;
    const objects = [...change.events.keys()];
    // A large change (a prune of thousands of versions) has its notes read, extended and
    // written a slice at a time, and forgotten: holding every text at once was most of a
    // prune's memory. A small one keeps its texts, so the next attempt reads nothing again.
    const keep = objects.length <= KEEP_TEXTS_UP_TO;
    const texts = new Map<string, string>();
    const notesCommit = await git.writeNotes(
      change.notesBase,
      {
        objects,
        textsOf: async (slice) => {
          const existing = await this.notesAt(change.notesBase, slice, keep);
          const made = new Map<string, string>();
          for (const object of slice) {
            const text = appendToNote(existing.get(object) ?? '', change.events.get(object)!);
            made.set(object, text);
            if (keep) texts.set(object, text);
          }
          return made;
        },
      },
      change.message,
    );
    opts.onNotesWritten?.();
    const updates: RefUpdate[] = [
      ...change.updates,
      { ref: NOTES_REF, expected: change.notesBase, next: notesCommit },
    ];
    const outcome = await git.push(updates, [
      ...(change.notesBase ? [change.notesBase] : []),
      ...(change.haves ?? []),
    ]);
    if (!outcome.ok && !(await this.landedAlready(change, notesCommit))) {
      throw new RaceLost(outcome.detail);
    }
    opts.onPushed?.();
    // Our own notes commit: its notes are known without reading them.
    for (const [object, text] of texts) this.cache.set(key(notesCommit, object), text);
    if (change.notesBase) {
      this.built.set(notesCommit, { base: change.notesBase, changed: new Set(objects) });
    }
    // Mirror locally so later steps (and users) see the result; the server is already right.
    await git
      .setLocalRefs(
        updates.filter((u) => u.next !== u.expected).map((u) => ({ ref: u.ref, oid: u.next })),
      )
      .catch((e: Error) => opts.onMirrorFailed?.(e));
    return notesCommit;
  }

  /** Runs `attempt` until it lands without losing a race (bounded, jittered backoff). */
  retry<T>(what: string, log: (message: string) => void, attempt: (n: number) => Promise<T>) {
    return retryRaces(what, log, attempt);
  }

  private async notesAt(tip: string | null, objects: readonly string[], remember = true) {
    if (!tip || objects.length === 0) return new Map<string, string>();
    if (this.view?.notes === tip) return this.notes(objects, remember);
    const saved = this.view;
    this.view = { refs: saved?.refs ?? new Map(), notes: tip, fetched: new Map() };
    try {
      return await this.notes(objects, remember);
    } finally {
      this.view = saved;
    }
  }

  /**
   * Whether a refused request is in fact our own change, applied by the server on an earlier
   * try whose answer was lost: the retry then finds every ref moved (by us) and is refused as
   * stale. The notes commit we built is ours alone and moved in the same atomic request as every
   * other ref, so our event lines in the server's notes prove the whole change landed; then the
   * caller reports what it did instead of looking again and deciding there is nothing left to do.
   */
  private async landedAlready(change: RegistryChange, notesCommit: string): Promise<boolean> {
    const { git } = this;
    const tip = (await git.listRemoteRefs([NOTES_REF])).get(NOTES_REF) ?? null;
    if (tip === notesCommit) return true;
    if (tip === null || tip === change.notesBase || change.events.size === 0) return false;
    // Another writer may have built on ours meanwhile: notes only ever gain lines.
    const got = await git.fetchRefs([{ remote: NOTES_REF, local: NOTES_REF }]);
    const now = got.get(NOTES_REF) ?? tip;
    const notes = await this.notesAt(now, [...change.events.keys()]);
    return [...change.events].every(([object, events]) => {
      const lines = new Set((notes.get(object) ?? '').split('\n'));
      return events.every((e) => lines.has(JSON.stringify(e)));
    });
  }
}

/** Up to how many notes a landed change keeps the texts it wrote (see land). */
const KEEP_TEXTS_UP_TO = 500;

function key(notes: string, object: string): string {
  return `${notes}:${object}`;
}
