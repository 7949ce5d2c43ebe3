/**
 * Which comments the sticky comment may touch: only those that start with our marker for
 * exactly this set of tracks and that the token's own identity wrote (bots, when the token
 * cannot tell who it is). Anyone can paste our marker; their comment is never edited or deleted.
 */
import { describe, expect, it } from 'vitest';
import {
  markerFor,
  upsertStickyComment,
  type CommentsApi,
  type IssueComment,
} from '../../src/github/sticky-comment.js';

const MARKER = markerFor('diff', ['config']);

/** An in-memory thread that records every write. */
function thread(initial: Omit<IssueComment, 'id'>[], self: string | undefined) {
  let next = 100;
  const comments: IssueComment[] = initial.map((c) => ({ ...c, id: next++ }));
  const writes: string[] = [];
  const me = self ?? 'github-actions[bot]';
  const api: CommentsApi = {
    list: async () => comments.map((c) => ({ ...c })),
    create: async (_issue, body) => {
      const c = { id: next++, body, login: me, isBot: me.endsWith('[bot]') };
      comments.push(c);
      writes.push(`create ${c.id}`);
      return { ...c };
    },
    update: async (id, body) => {
      writes.push(`update ${id}`);
      comments.find((c) => c.id === id)!.body = body;
    },
    remove: async (id) => {
      writes.push(`remove ${id}`);
      comments.splice(
        comments.findIndex((c) => c.id === id),
        1,
      );
    },
    selfLogin: async () => self,
  };
  return { api, comments, writes };
}

const by = (login: string, body: string) => ({ login, body, isBot: login.endsWith('[bot]') });

describe('sticky comment ownership', () => {
  for (const self of ['octocat', undefined]) {
    const who = self ? `a token that knows it is ${self}` : 'a token that cannot tell (bots)';
    it(`${who}: a person's comment with our marker is never edited or deleted`, async () => {
      const t = thread(
        [by('mallory', `${MARKER}\nmine now`), by('reviewer', `${MARKER}\nalso mine`)],
        self,
      );
      const r = await upsertStickyComment(t.api, 1, MARKER, `${MARKER}\nbody`);
      expect(r.operation).toBe('created');
      expect(t.writes).toEqual([`create ${r.id}`]);
      expect(t.comments.slice(0, 2).map((c) => c.body)).toEqual([
        `${MARKER}\nmine now`,
        `${MARKER}\nalso mine`,
      ]);
    });

    it(`${who}: a marker for another set of tracks, or not at the start, is not ours`, async () => {
      const me = self ?? 'github-actions[bot]';
      const t = thread(
        [
          by(me, `${markerFor('diff', ['config', 'models'])}\nboth tracks`),
          by(me, `${markerFor('diff', ['conf'])}\nanother track`),
          by(me, `${markerFor('status', ['config'])}\nanother kind`),
          by(me, `quoting ${MARKER}`),
        ],
        self,
      );
      const before = t.comments.map((c) => ({ ...c }));
      const r = await upsertStickyComment(t.api, 1, MARKER, `${MARKER}\nbody`);
      expect(r.operation).toBe('created');
      expect(t.writes).toEqual([`create ${r.id}`]);
      expect(t.comments.slice(0, 4)).toEqual(before);
    });
  }

  it("with a known identity, even another bot's comment with our marker is not ours", async () => {
    const t = thread([by('github-actions[bot]', `${MARKER}\nold`)], 'octocat');
    const r = await upsertStickyComment(t.api, 1, MARKER, `${MARKER}\nnew`);
    expect(t.writes).toEqual([`create ${r.id}`]);
    expect(t.comments[0]!.body).toBe(`${MARKER}\nold`);
  });

  it('its own comment is updated in place; its own duplicates go, the oldest stays', async () => {
    const t = thread(
      [
        by('reviewer', `${MARKER}\npasted`),
        by('octocat', `${MARKER}\nold`),
        by('octocat', `${MARKER}\nduplicate`),
      ],
      'octocat',
    );
    const r = await upsertStickyComment(t.api, 1, MARKER, `${MARKER}\nnew`);
    expect(r).toEqual({ id: 101, operation: 'updated' });
    expect(t.writes).toEqual(['remove 102', 'update 101']);
    expect(t.comments.map((c) => c.body)).toEqual([`${MARKER}\npasted`, `${MARKER}\nnew`]);
    const same = await upsertStickyComment(t.api, 1, MARKER, `${MARKER}\nnew`);
    expect(same).toEqual({ id: 101, operation: 'unchanged' });
    expect(t.writes).toHaveLength(2);
  });
});

describe('comment modes', () => {
  const body = `${MARKER}\nchanges`;
  const ours = by('github-actions[bot]', `${MARKER}\nold changes`);
  const theirs = by('mallory', `${MARKER}\nnot ours`);

  it('update-only: never creates a comment, but keeps an existing one current', async () => {
    const none = thread([theirs], undefined);
    const skipped = await upsertStickyComment(none.api, 1, MARKER, body, {
      mode: 'update-only',
      hasChanges: true,
    });
    expect(skipped).toEqual({ id: null, operation: 'skipped' });
    expect(none.writes).toEqual([]);

    const one = thread([ours], undefined);
    const updated = await upsertStickyComment(one.api, 1, MARKER, body, {
      mode: 'update-only',
      hasChanges: true,
    });
    expect(updated).toEqual({ id: 100, operation: 'updated' });
    expect(one.writes).toEqual(['update 100']);
  });

  it('changes-only: deletes our comment when nothing differs, never anyone else’s', async () => {
    const t = thread([theirs, ours], undefined);
    const r = await upsertStickyComment(t.api, 1, MARKER, `${MARKER}\nno changes`, {
      mode: 'changes-only',
      hasChanges: false,
    });
    expect(r).toEqual({ id: null, operation: 'deleted' });
    expect(t.writes).toEqual(['remove 101']);
    expect(t.comments.map((c) => c.login)).toEqual(['mallory']);

    const empty = thread([], undefined);
    expect(
      await upsertStickyComment(empty.api, 1, MARKER, body, {
        mode: 'changes-only',
        hasChanges: false,
      }),
    ).toEqual({ id: null, operation: 'skipped' });
    expect(empty.writes).toEqual([]);

    const changed = thread([], undefined);
    const created = await upsertStickyComment(changed.api, 1, MARKER, body, {
      mode: 'changes-only',
      hasChanges: true,
    });
    expect(created.operation).toBe('created');
  });

  it('leaves a comment alone when the caller says it already shows the same', async () => {
    const t = thread([by('github-actions[bot]', `${body}\nfooter 1`)], undefined);
    const r = await upsertStickyComment(t.api, 1, MARKER, `${body}\nfooter 2`, {
      mode: 'always',
      hasChanges: true,
      same: (a, b) => a.split('\n')[1] === b.split('\n')[1],
    });
    expect(r).toEqual({ id: 100, operation: 'unchanged' });
    expect(t.writes).toEqual([]);
  });
});
