// The sticky comment and the rollback pull request flows over in-memory implementations of the
// small API interfaces they are written against (the GitHub adapter implements the same ones;
// end-to-end tests run them against the fake GitHub server).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  isTransient,
  markerFor,
  upsertStickyComment,
  type CommentsApi,
  type IssueComment,
} from '../../src/github/sticky-comment.js';
import {
  closePull,
  openOrUpdatePull,
  type PullRequest,
  type PullSpec,
  type PullsApi,
} from '../../src/github/rollback-pull.js';
import { InputError, TransientError } from '../../src/errors.js';

// The flows wait between attempts; fake timers run those waits at once.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout'] });
});
afterEach(() => {
  vi.useRealTimers();
});

/** Settles a flow, running its waits; rejections come back as values. */
async function run<T>(flow: Promise<T>): Promise<T> {
  const settled = flow.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  await vi.runAllTimersAsync();
  const out = await settled;
  if ('error' in out) throw out.error;
  return out.value;
}

const status = (code: number) => Object.assign(new Error(`HTTP ${code}`), { status: code });

class Comments implements CommentsApi {
  comments: IssueComment[] = [];
  calls: string[] = [];
  nextId = 100;
  self: string | undefined = 'snap-bot';
  /** Errors thrown by the next create calls, in order; `land` makes it create anyway. */
  createFailures: { error: Error; land: boolean }[] = [];
  removeFailure: Error | undefined;

  async list(): Promise<IssueComment[]> {
    return this.comments.map((c) => ({ ...c }));
  }
  async create(_issue: number, body: string): Promise<IssueComment> {
    this.calls.push('create');
    const failure = this.createFailures.shift();
    const c = { id: this.nextId++, body, login: this.self ?? 'github-actions[bot]', isBot: true };
    if (!failure || failure.land) this.comments.push(c);
    if (failure) throw failure.error;
    return { ...c };
  }
  async update(id: number, body: string): Promise<void> {
    this.calls.push(`update ${id}`);
    this.comments.find((c) => c.id === id)!.body = body;
  }
  async remove(id: number): Promise<void> {
    this.calls.push(`remove ${id}`);
    if (this.removeFailure) throw this.removeFailure;
    this.comments = this.comments.filter((c) => c.id !== id);
  }
  async selfLogin(): Promise<string | undefined> {
    return this.self;
  }
}

const M = markerFor('diff', ['b', 'a']);

describe('sticky comment', () => {
  it('marks comments with the kind and the sorted tracks', () => {
    expect(M).toBe('<!-- snapback:diff tracks=a,b -->');
    expect(markerFor('diff', [])).toBe('<!-- snapback:diff tracks= -->');
  });

  it('creates one when none of ours exists, ignoring other people and other track sets', async () => {
    const api = new Comments();
    api.comments = [
      { id: 1, body: `${M}\nforged`, login: 'mallory', isBot: false },
      { id: 2, body: `${markerFor('diff', ['a'])}\nother`, login: 'snap-bot', isBot: true },
      { id: 3, body: `x ${M}`, login: 'snap-bot', isBot: true },
    ];
    expect(await run(upsertStickyComment(api, 7, M, `${M}\nbody`))).toEqual({
      id: 100,
      operation: 'created',
    });
    expect(api.calls).toEqual(['create']);
    expect(api.comments.map((c) => c.id)).toEqual([1, 2, 3, 100]);
  });

  it('updates the oldest of ours, removes later duplicates, and leaves an identical one alone', async () => {
    const api = new Comments();
    api.comments = [
      { id: 9, body: `${M}\nold`, login: 'snap-bot', isBot: true },
      { id: 5, body: `${M}\nolder`, login: 'snap-bot', isBot: true },
      { id: 4, body: `${M}\nhers`, login: 'alice', isBot: false },
    ];
    expect(await run(upsertStickyComment(api, 7, M, `${M}\nnew`))).toEqual({
      id: 5,
      operation: 'updated',
    });
    expect(api.calls).toEqual(['remove 9', 'update 5']);
    expect(api.comments).toEqual([
      { id: 5, body: `${M}\nnew`, login: 'snap-bot', isBot: true },
      { id: 4, body: `${M}\nhers`, login: 'alice', isBot: false },
    ]);
    api.calls = [];
    expect(await run(upsertStickyComment(api, 7, M, `${M}\nnew`))).toEqual({
      id: 5,
      operation: 'unchanged',
    });
    expect(api.calls).toEqual([]);
  });

  it('without a login of its own, takes bot comments only', async () => {
    const api = new Comments();
    api.self = undefined;
    api.comments = [
      { id: 1, body: `${M}\nhuman`, login: 'bob', isBot: false },
      { id: 2, body: `${M}\nbot`, login: 'some[bot]', isBot: true },
    ];
    expect(await run(upsertStickyComment(api, 7, M, `${M}\nnew`))).toEqual({
      id: 2,
      operation: 'updated',
    });
    expect(api.comments[0]!.body).toBe(`${M}\nhuman`);
  });

  it('after a lost answer, finds the comment that landed instead of creating another', async () => {
    const api = new Comments();
    api.createFailures = [{ error: status(502), land: true }];
    expect(await run(upsertStickyComment(api, 7, M, `${M}\nb`))).toEqual({
      id: 100,
      operation: 'created',
    });
    expect(api.calls).toEqual(['create']);
    expect(api.comments).toHaveLength(1);
  });

  it('creates again after a transient failure that created nothing, at most three times', async () => {
    const api = new Comments();
    api.createFailures = [
      { error: status(500), land: false },
      { error: new Error('socket hang up'), land: false },
    ];
    expect(await run(upsertStickyComment(api, 7, M, `${M}\nb`))).toEqual({
      id: 102,
      operation: 'created',
    });
    expect(api.calls).toEqual(['create', 'create', 'create']);
    const failing = new Comments();
    failing.createFailures = [1, 2, 3].map(() => ({ error: status(503), land: false }));
    await expect(run(upsertStickyComment(failing, 7, M, `${M}\nb`))).rejects.toThrow('HTTP 503');
    expect(failing.calls).toEqual(['create', 'create', 'create']);
  });

  it('never retries a refusal', async () => {
    const api = new Comments();
    api.createFailures = [{ error: status(403), land: false }];
    await expect(run(upsertStickyComment(api, 7, M, `${M}\nb`))).rejects.toThrow('HTTP 403');
    expect(api.calls).toEqual(['create']);
  });

  it('keeps the oldest when a racing run created one too, carrying the newest body', async () => {
    const api = new Comments();
    // Another run's comment lands while ours is being created; it has the lower id.
    const create = api.create.bind(api);
    api.create = async (issue, body) => {
      api.comments.push({ id: 50, body: `${M}\ntheirs`, login: 'snap-bot', isBot: true });
      return create(issue, body);
    };
    expect(await run(upsertStickyComment(api, 7, M, `${M}\nmine`))).toEqual({
      id: 50,
      operation: 'updated',
    });
    expect(api.comments).toEqual([{ id: 50, body: `${M}\nmine`, login: 'snap-bot', isBot: true }]);
    expect(api.calls).toEqual(['create', 'remove 100', 'update 50']);
  });

  it('ignores a duplicate someone else removed first, but not other removal errors', async () => {
    const api = new Comments();
    api.comments = [
      { id: 1, body: `${M}\na`, login: 'snap-bot', isBot: true },
      { id: 2, body: `${M}\nb`, login: 'snap-bot', isBot: true },
    ];
    api.removeFailure = status(404);
    expect(await run(upsertStickyComment(api, 7, M, `${M}\nc`))).toEqual({
      id: 1,
      operation: 'updated',
    });
    api.removeFailure = status(403);
    await expect(run(upsertStickyComment(api, 7, M, `${M}\nd`))).rejects.toThrow('HTTP 403');
  });

  it('judges failures: server trouble and lost connections are transient, refusals are not', () => {
    expect(isTransient(status(500))).toBe(true);
    expect(isTransient(status(502))).toBe(true);
    expect(isTransient(status(429))).toBe(true);
    expect(isTransient(new Error('ECONNRESET'))).toBe(true);
    for (const code of [400, 401, 403, 404, 409, 422, 499])
      expect(isTransient(status(code))).toBe(false);
    expect(isTransient(new TransientError('x'))).toBe(true);
    expect(isTransient(Object.assign(new InputError('x', 'y'), { status: 500 }))).toBe(false);
  });
});

class Pulls implements PullsApi {
  open: PullRequest | undefined;
  calls: string[] = [];
  createFailures: { error: Error; land: boolean }[] = [];
  failing = new Map<string, Error>();

  async findOpen(branch: string, base: string): Promise<PullRequest | undefined> {
    this.calls.push(`find ${branch}→${base}`);
    return this.open;
  }
  async create(p: { title: string; body: string; head: string; base: string; draft: boolean }) {
    this.calls.push(`create ${p.head}→${p.base} draft=${p.draft} ${p.title}`);
    const failure = this.createFailures.shift();
    const pull = { number: 12, url: 'https://github.com/o/r/pull/12', draft: p.draft };
    if (!failure || failure.land) this.open = pull;
    if (failure) throw failure.error;
    return pull;
  }
  private async step(name: string, text: string): Promise<void> {
    this.calls.push(text);
    const e = this.failing.get(name);
    if (e) throw e;
  }
  update = (n: number, p: { title: string; body: string }) =>
    this.step('update', `update ${n} ${p.title} ${p.body}`);
  close = (n: number) => this.step('close', `close ${n}`);
  comment = (n: number, body: string) => this.step('comment', `comment ${n} ${body}`);
  addLabels = (n: number, l: readonly string[]) =>
    this.step('labels', `labels ${n} ${l.join(',')}`);
  addAssignees = (n: number, l: readonly string[]) =>
    this.step('assignees', `assignees ${n} ${l.join(',')}`);
  requestReviewers = (n: number, l: readonly string[]) =>
    this.step('reviewers', `reviewers ${n} ${l.join(',')}`);
}

const spec: PullSpec = {
  branch: 'snapback/rollback/cfg',
  base: 'main',
  title: 'T',
  body: 'B',
  draft: true,
  labels: [],
  assignees: [],
  reviewers: [],
};

describe('rollback pull request', () => {
  it('opens one and adds only the extras asked for', async () => {
    const api = new Pulls();
    const out = await run(openOrUpdatePull(api, { ...spec, labels: ['a', 'b'], reviewers: ['r'] }));
    expect(out).toEqual({
      pull: { number: 12, url: 'https://github.com/o/r/pull/12', draft: true },
      operation: 'created',
      warnings: [],
    });
    expect(api.calls).toEqual([
      'find snapback/rollback/cfg→main',
      'create snapback/rollback/cfg→main draft=true T',
      'labels 12 a,b',
      'reviewers 12 r',
    ]);
  });

  it('updates the open one instead of opening another', async () => {
    const api = new Pulls();
    api.open = { number: 3, url: 'u', draft: false };
    const out = await run(openOrUpdatePull(api, { ...spec, assignees: ['x'] }));
    expect(out).toEqual({ pull: api.open, operation: 'updated', warnings: [] });
    expect(api.calls).toEqual(['find snapback/rollback/cfg→main', 'update 3 T B', 'assignees 3 x']);
  });

  it('reports refused extras as warnings, the pull request standing', async () => {
    const api = new Pulls();
    api.failing.set('labels', new Error('no such label'));
    api.failing.set('assignees', new Error('not a collaborator'));
    api.failing.set('reviewers', new Error('cannot review'));
    const out = await run(
      openOrUpdatePull(api, {
        ...spec,
        labels: ['l1', 'l2'],
        assignees: ['a'],
        reviewers: ['r'],
      }),
    );
    expect(out.warnings).toEqual([
      'Could not add labels l1, l2: no such label',
      'Could not add assignees a: not a collaborator',
      'Could not add reviewers r: cannot review',
    ]);
  });

  it('looks before creating again after a transient failure, and gives up after three', async () => {
    const landed = new Pulls();
    landed.createFailures = [{ error: status(502), land: true }];
    expect((await run(openOrUpdatePull(landed, spec))).pull.number).toBe(12);
    expect(landed.calls.filter((c) => c.startsWith('create'))).toHaveLength(1);

    const retried = new Pulls();
    retried.createFailures = [{ error: status(500), land: false }];
    expect((await run(openOrUpdatePull(retried, spec))).operation).toBe('created');
    expect(retried.calls).toEqual([
      'find snapback/rollback/cfg→main',
      'create snapback/rollback/cfg→main draft=true T',
      'find snapback/rollback/cfg→main',
      'create snapback/rollback/cfg→main draft=true T',
    ]);

    const down = new Pulls();
    down.createFailures = [1, 2, 3].map((i) => ({ error: status(500 + i), land: false }));
    await expect(run(openOrUpdatePull(down, spec))).rejects.toThrow('HTTP 503');
    expect(down.calls.filter((c) => c.startsWith('create'))).toHaveLength(3);

    const refused = new Pulls();
    refused.createFailures = [{ error: status(422), land: false }];
    await expect(run(openOrUpdatePull(refused, spec))).rejects.toThrow('HTTP 422');
    expect(refused.calls.filter((c) => c.startsWith('create'))).toHaveLength(1);
  });

  it('closes the open one with a comment first, and does nothing when there is none', async () => {
    const api = new Pulls();
    expect(await closePull(api, 'b', 'main', 'done')).toBeUndefined();
    expect(api.calls).toEqual(['find b→main']);
    api.open = { number: 4, url: 'u', draft: false };
    expect(await closePull(api, 'b', 'main', 'done')).toEqual(api.open);
    expect(api.calls.slice(1)).toEqual(['find b→main', 'comment 4 done', 'close 4']);
  });
});
