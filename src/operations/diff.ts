/**
 * `diff`: two states of each track, file level and key level. On a pull request the Action
 * also keeps one comment up to date with it.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { diff, type DiffResult, type DiffTrack } from '../commands/diff.js';
import { parseCommentMode, resolveDiffTracks } from '../inputs.js';
import type { CommentMode, StickyResult } from '../github/sticky-comment.js';
import { markerFor, upsertStickyComment } from '../github/sticky-comment.js';
import { renderDiff, COMMENT_LIMIT, sameComment, SUMMARY_LIMIT } from '../report/render-diff.js';
import { cappedJsonList } from '../core/output-list.js';
import { printable } from '../core/track-name.js';
import { defineOperation, type ActionMessage, type ActionScene, type Style } from './types.js';
import { TRACK_OPTIONS, trackInputs, POLICY_OPTIONS } from './options.js';
import { repoRef, restOptions } from './github.js';

interface DiffOpOptions {
  tracks: DiffTrack[];
  from: string;
  to: string;
  commentMode: CommentMode;
  /** The run is for a pull request (its defaults: active version against the work tree). */
  pullRequest: boolean;
}

/** The diff outputs: lists of paths by kind, counts, and the whole diff as a JSON file. */
export async function diffOutputs(
  result: DiffResult,
  tempDir: string,
): Promise<{ outputs: Record<string, string>; messages: ActionMessage[] }> {
  const files = result.tracks.flatMap((t) => t.files);
  const cut: string[] = [];
  const list = (name: string, items: readonly unknown[]): string => {
    const capped = cappedJsonList(items);
    if (capped.shown < capped.total) cut.push(`${name} (${capped.shown} of ${capped.total})`);
    return capped.json;
  };
  const paths = (kinds: string[]) =>
    files.filter((f) => kinds.includes(f.status)).map((f) => f.path);
  const changesFile = join(tempDir, `snapback-diff-${process.pid}-${Date.now()}.json`);
  await writeFile(changesFile, JSON.stringify(result, null, 2));
  const outputs: Record<string, string> = {
    added: list('added', paths(['A'])),
    modified: list('modified', paths(['M', 'T'])),
    deleted: list(
      'deleted',
      files.filter((f) => f.status === 'D').map((f) => f.oldPath),
    ),
    renamed: list(
      'renamed',
      files
        .filter((f) => f.status === 'R')
        .map((f) => ({ from: f.oldPath, to: f.path, similarity: f.similarity })),
    ),
  };
  outputs['lists-truncated'] = String(cut.length > 0);
  outputs['changed-count'] = String(files.length);
  outputs['has-changes'] = String(files.length > 0);
  outputs['changes-file'] = changesFile;
  const messages: ActionMessage[] =
    cut.length > 0
      ? [
          {
            level: 'warning',
            text: `The list outputs hold the first entries only: ${cut.join(', ')}; GitHub caps each step output at 1 MB. Every change is in the file named by the changes-file output.`,
            title: 'snapback: lists truncated',
          },
        ]
      : [];
  return { outputs, messages };
}

export const DIFF_OUTPUTS = [
  'added',
  'modified',
  'deleted',
  'renamed',
  'lists-truncated',
  'changed-count',
  'has-changes',
  'changes-file',
] as const;

export const diffOperation = defineOperation<DiffOpOptions, DiffResult>({
  name: 'diff',
  summary: 'compare two states of each track, file by file and key by key',
  hosts: ['action', 'cli'],
  options: [
    {
      name: 'from',
      doc: 'older side: number, latest, previous, alias, semver range, commit-ish or worktree',
      positional: 'from',
    },
    { name: 'to', doc: 'newer side, same forms (default: latest)', positional: 'to' },
    {
      name: 'comment',
      doc: 'pull request comment: always, update-only, changes-only or off',
      hosts: ['action'],
    },
    ...TRACK_OPTIONS,
    ...POLICY_OPTIONS,
  ],
  outputs: [...DIFF_OUTPUTS, 'comment-id', 'comment-operation'],

  async parse(inputs, env) {
    return {
      tracks: await resolveDiffTracks(trackInputs(inputs), env.workspace),
      commentMode: parseCommentMode(env.host === 'action' ? inputs.get('comment') : ''),
      from: inputs.get('from').trim(),
      to: inputs.get('to').trim(),
      pullRequest: env.pullRequest !== undefined,
    };
  },

  run(env, opts) {
    return env
      .openGit()
      .then((git) =>
        diff(
          { git, log: (m) => env.log(m), progress: env.progress },
          { tracks: opts.tracks, from: opts.from, to: opts.to, pullRequest: opts.pullRequest },
        ),
      );
  },

  async action(result, opts, scene) {
    const { outputs, messages } = await diffOutputs(result, scene.tempDir);
    const pr = scene.pullRequest;
    const heading =
      pr !== undefined ? `how pull request #${pr.number} changes the tracked files` : 'changes';
    const summary = renderDiff(result, { budget: SUMMARY_LIMIT, heading });
    for (const t of result.tracks) {
      messages.push({
        level: 'info',
        text: t.nothingToCompare
          ? `${t.track}: nothing to compare against (${t.nothingToCompare}).`
          : `${t.track}: ${t.files.length} files differ between ${t.from.describe} and ${t.to.describe}.`,
      });
    }
    if (pr === undefined) return { outputs, messages, summary };
    const comment = await pullRequestComment(result, opts, scene, heading);
    outputs['comment-id'] = comment.id === null ? '' : String(comment.id);
    outputs['comment-operation'] = comment.operation;
    return { outputs, messages: [...messages, ...comment.messages], summary };
  },

  text: (result, _opts, style) => diffText(result, style),
});

/** Keeps the pull request's one diff comment current; a read-only token only warns. */
async function pullRequestComment(
  result: DiffResult,
  opts: DiffOpOptions,
  scene: ActionScene,
  heading: string,
): Promise<{ id: number | null; operation: StickyResult['operation']; messages: ActionMessage[] }> {
  const pr = scene.pullRequest!;
  if (opts.commentMode === 'off') {
    return {
      id: null,
      operation: 'skipped',
      messages: [{ level: 'info', text: `Pull request comment: off (input 'comment').` }],
    };
  }
  const marker = markerFor(
    'diff',
    result.tracks.map((t) => t.track),
  );
  const body = renderDiff(result, {
    budget: COMMENT_LIMIT,
    heading,
    marker,
    fullReportUrl: scene.runUrl,
    pullRequest: {
      ...pr,
      at: new Date().toISOString(),
      runUrl: scene.runUrl,
      customSides: opts.from !== '' || opts.to !== '',
    },
  });
  // Loaded only here: the GitHub client is most of the bundle, and `record` never needs it.
  const { commentsApi, octokitFor, PermissionError } = await import('../github/github-api.js');
  try {
    const api = commentsApi(
      octokitFor(scene.github.token, restOptions(scene)),
      repoRef(scene.repository),
    );
    const sticky = await upsertStickyComment(api, pr.number, marker, body, {
      mode: opts.commentMode,
      hasChanges: result.tracks.some((t) => t.files.length > 0),
      same: sameComment,
    });
    return {
      id: sticky.id,
      operation: sticky.operation,
      messages: [
        {
          level: 'info',
          text: `Pull request comment${sticky.id === null ? '' : ` ${sticky.id}`}: ${sticky.operation} (comment: ${opts.commentMode}).`,
        },
      ],
    };
  } catch (e) {
    if (!(e instanceof PermissionError)) throw e;
    // Fork PRs get a read-only token: the summary has the diff; the job must not fail for it.
    return {
      id: null,
      operation: 'skipped',
      messages: [
        {
          level: 'warning',
          text: `${e.message} The diff is in the job summary instead. ${e.hint ?? ''}`.trim(),
          title: 'snapback: no pull request comment',
        },
      ],
    };
  }
}

const STATUS_WORD = { A: 'added', M: 'modified', D: 'deleted', T: 'type changed', R: 'renamed' };

/** Terminal text: per track, each file with its status and, for config files, changed keys. */
export function diffText(result: DiffResult, style: Style): string {
  let out = '';
  for (const t of result.tracks) {
    if (t.nothingToCompare) {
      out += `${style.bold(`${t.track}:`)} nothing to compare (${printable(t.nothingToCompare)})\n`;
      continue;
    }
    const count = `${t.files.length} file${t.files.length === 1 ? '' : 's'}`;
    out += `${style.bold(`${t.track}:`)} ${t.from.describe} → ${t.to.describe}: ${t.files.length ? count : 'no changes'}\n`;
    for (const f of t.files) {
      const path =
        f.status === 'R'
          ? `${printable(f.oldPath)} → ${printable(f.path)}`
          : printable(f.status === 'D' ? f.oldPath : f.path);
      out += `  ${STATUS_WORD[f.status].padEnd(12)} ${path}\n`;
      for (const k of f.content?.keys ?? []) {
        const sign = k.kind === 'added' ? '+' : k.kind === 'removed' ? '-' : '~';
        const value = (v: unknown) => printable(JSON.stringify(v) ?? 'null', 60);
        const change =
          k.kind === 'changed'
            ? `${value(k.before)} → ${value(k.after)}`
            : value(k.kind === 'added' ? k.after : k.before);
        out += `      ${sign} ${printable(k.path)}: ${change}\n`;
      }
      if (f.content?.lines) {
        out +=
          style.dim(`      +${f.content.lines.added} -${f.content.lines.removed} lines`) + '\n';
      }
    }
    if (t.contentSkipped > 0) {
      out += style.dim(`  (contents of ${t.contentSkipped} files not compared: limits)`) + '\n';
    }
  }
  return out;
}
