// The fake's in-memory world: users, tokens, repositories, issues and pull requests (a pull
// request is an issue with a `pull` part, sharing its number space, as on GitHub), labels and
// issue comments. Handlers change it; render.ts turns it into API JSON.
import { createHash } from 'node:crypto';

export type Access = 'read' | 'write';
export type PermissionName = 'contents' | 'pull-requests' | 'issues';
export type UserType = 'Bot' | 'User' | 'Organization';

export interface User {
  login: string;
  id: number;
  type: UserType;
}

export interface TokenOptions {
  /** Default 'github-actions[bot]', the login GITHUB_TOKEN acts as. */
  login?: string;
  /** Default 'Bot' for logins ending in [bot], else 'User'. */
  type?: UserType;
  /**
   * As in a workflow's `permissions:` block. Default: write on all three, the permissive
   * GITHUB_TOKEN. A pull request from a fork gets read access only.
   */
  permissions?: Partial<Record<PermissionName, Access | 'none'>>;
  /** True (default) for a GITHUB_TOKEN; subject to "Allow GitHub Actions to create ... PRs". */
  isActionsToken?: boolean;
}

export interface Token {
  user: User;
  permissions: Partial<Record<PermissionName, Access | 'none'>>;
  isActionsToken: boolean;
}

export interface RepoOptions {
  defaultBranch?: string;
  /** The repository setting "Allow GitHub Actions to create and approve pull requests". */
  allowActionsToCreatePRs?: boolean;
  private?: boolean;
}

export interface Label {
  id: number;
  name: string;
  color: string;
  description: string | null;
}

export interface Comment {
  id: number;
  issueNumber: number;
  body: string;
  user: User;
  createdAt: string;
  updatedAt: string;
}

export interface PullPart {
  id: number;
  head: { ref: string; sha: string; repo: Repo };
  base: { ref: string; sha: string };
  draft: boolean;
  maintainerCanModify: boolean;
  requestedReviewers: User[];
}

export interface Issue {
  number: number;
  id: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  user: User;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  labels: Label[];
  assignees: User[];
  pull?: PullPart;
}

export interface Repo {
  id: number;
  owner: User;
  name: string;
  fullName: string;
  defaultBranch: string;
  allowActionsToCreatePRs: boolean;
  private: boolean;
  fork: boolean;
  createdAt: string;
  issues: Map<number, Issue>;
  /** In creation order, which is the order GitHub lists an issue's comments in. */
  comments: Map<number, Comment>;
  labels: Map<string, Label>;
  nextNumber: number;
}

/** GitHub timestamps have whole seconds: 2024-05-01T12:00:00Z. */
export function timestamp(date = new Date()): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A stable, plausible commit id for a branch we do not actually have. */
export function fakeSha(...parts: string[]): string {
  return createHash('sha1').update(parts.join('\0')).digest('hex');
}

// The real ids of the bot GITHUB_TOKEN acts as; products sometimes compare against them.
const ACTIONS_BOT = { login: 'github-actions[bot]', id: 41898282 };

export class Store {
  readonly users = new Map<string, User>();
  readonly tokens = new Map<string, Token>();
  readonly repos = new Map<string, Repo>();
  private nextId = 1000;
  // Comment ids are int64 on GitHub and already above 2^31; start there to catch int32 bugs.
  private nextCommentId = 2_200_000_000;

  id(): number {
    return this.nextId++;
  }

  user(login: string, type?: UserType): User {
    let user = this.users.get(login.toLowerCase());
    if (!user) {
      const id = login === ACTIONS_BOT.login ? ACTIONS_BOT.id : this.id();
      user = { login, id, type: type ?? (login.endsWith('[bot]') ? 'Bot' : 'User') };
      this.users.set(login.toLowerCase(), user);
    }
    return user;
  }

  addToken(token: string, opts: TokenOptions = {}): Token {
    const entry: Token = {
      user: this.user(opts.login ?? ACTIONS_BOT.login, opts.type),
      permissions: opts.permissions ?? {
        contents: 'write',
        'pull-requests': 'write',
        issues: 'write',
      },
      isActionsToken: opts.isActionsToken ?? true,
    };
    this.tokens.set(token, entry);
    return entry;
  }

  addRepo(fullName: string, opts: RepoOptions = {}, fork = false): Repo {
    const m = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/.exec(fullName);
    if (!m) throw new Error(`fake-github: invalid repository name '${fullName}' (want owner/name)`);
    if (this.repos.has(fullName.toLowerCase())) {
      throw new Error(`fake-github: repository ${fullName} already exists`);
    }
    const repo: Repo = {
      id: this.id(),
      owner: this.user(m[1]!),
      name: m[2]!,
      fullName,
      defaultBranch: opts.defaultBranch ?? 'main',
      allowActionsToCreatePRs: opts.allowActionsToCreatePRs ?? true,
      private: opts.private ?? false,
      fork,
      createdAt: timestamp(),
      issues: new Map(),
      comments: new Map(),
      labels: new Map(),
      nextNumber: 1,
    };
    this.repos.set(fullName.toLowerCase(), repo);
    return repo;
  }

  /** GitHub matches owner and name case-insensitively. */
  findRepo(fullName: string): Repo | undefined {
    return this.repos.get(fullName.toLowerCase());
  }

  repo(fullName: string): Repo {
    const repo = this.findRepo(fullName);
    if (!repo) throw new Error(`fake-github: no repository ${fullName}; call addRepo first`);
    return repo;
  }

  repoById(id: number): Repo | undefined {
    for (const repo of this.repos.values()) if (repo.id === id) return repo;
    return undefined;
  }

  addIssue(
    repo: Repo,
    fields: {
      number?: number;
      title: string;
      body?: string | null;
      user: User;
      state?: Issue['state'];
    },
  ): Issue {
    const number = fields.number ?? repo.nextNumber;
    if (repo.issues.has(number)) {
      throw new Error(`fake-github: ${repo.fullName}#${number} already exists`);
    }
    repo.nextNumber = Math.max(repo.nextNumber, number + 1);
    const now = timestamp();
    const state = fields.state ?? 'open';
    const issue: Issue = {
      number,
      id: this.id(),
      title: fields.title,
      body: fields.body ?? null,
      state,
      user: fields.user,
      createdAt: now,
      updatedAt: now,
      closedAt: state === 'closed' ? now : null,
      labels: [],
      assignees: [],
    };
    repo.issues.set(number, issue);
    return issue;
  }

  /**
   * `head` is a branch of the same repository, or `owner:branch` for a fork's branch (the fork
   * `owner/<same name>` is created on first use).
   */
  addPull(
    repo: Repo,
    fields: {
      number?: number;
      title: string;
      body?: string | null;
      head: string;
      base: string;
      user: User;
      state?: Issue['state'];
      draft?: boolean;
      headSha?: string;
    },
  ): Issue {
    const colon = fields.head.indexOf(':');
    let headRepo = repo;
    let headRef = fields.head;
    if (colon >= 0) {
      const owner = fields.head.slice(0, colon);
      headRef = fields.head.slice(colon + 1);
      if (owner.toLowerCase() !== repo.owner.login.toLowerCase()) {
        const forkName = `${owner}/${repo.name}`;
        headRepo = this.findRepo(forkName) ?? this.addRepo(forkName, {}, true);
      }
    }
    const issue = this.addIssue(repo, fields);
    issue.pull = {
      id: this.id(),
      head: {
        ref: headRef,
        sha: fields.headSha ?? fakeSha(headRepo.fullName, headRef, String(issue.id)),
        repo: headRepo,
      },
      base: { ref: fields.base, sha: fakeSha(repo.fullName, fields.base) },
      draft: fields.draft ?? false,
      maintainerCanModify: false,
      requestedReviewers: [],
    };
    return issue;
  }

  addComment(repo: Repo, issue: Issue, body: string, user: User): Comment {
    const now = timestamp();
    const comment: Comment = {
      id: this.nextCommentId++,
      issueNumber: issue.number,
      body,
      user,
      createdAt: now,
      updatedAt: now,
    };
    repo.comments.set(comment.id, comment);
    issue.updatedAt = now;
    return comment;
  }

  /** Labels GitHub does not know yet are created on the fly when added to an issue. */
  label(repo: Repo, name: string): Label {
    let label = repo.labels.get(name.toLowerCase());
    if (!label) {
      label = { id: this.id(), name, color: 'ededed', description: null };
      repo.labels.set(name.toLowerCase(), label);
    }
    return label;
  }
}
