// The JSON GitHub sends for users, repositories, labels, issues, pull requests and comments.
// Every field the response schemas require is present (the fake validates its own answers), and
// the URLs point back at the fake so a client following `url` or a Link header stays local.
import type { Comment, Issue, Label, Repo, User } from './model.js';

export interface Urls {
  /** API base, e.g. http://127.0.0.1:PORT (GitHub: https://api.github.com). */
  api: string;
  /** Web base for html_url fields (GitHub: https://github.com). */
  web: string;
}

function nodeId(kind: string, id: number): string {
  return `${kind}_${Buffer.from(`fake:${id}`).toString('base64url')}`;
}

export function renderUser(urls: Urls, user: User) {
  const api = `${urls.api}/users/${encodeURIComponent(user.login)}`;
  // Bots have their web page under /apps/<slug>.
  const slug = user.login.replace(/\[bot\]$/, '');
  return {
    login: user.login,
    id: user.id,
    node_id: nodeId(user.type === 'Bot' ? 'BOT' : 'U', user.id),
    avatar_url: `https://avatars.githubusercontent.com/u/${user.id}?v=4`,
    gravatar_id: '',
    url: api,
    html_url: user.type === 'Bot' ? `${urls.web}/apps/${slug}` : `${urls.web}/${user.login}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: user.type,
    user_view_type: 'public',
    site_admin: false,
  };
}

export function repoApi(urls: Urls, repo: Repo): string {
  return `${urls.api}/repos/${repo.fullName}`;
}

/** Both `repository` (inside pull requests) and `full-repository` (GET /repos/o/r). */
export function renderRepo(urls: Urls, repo: Repo) {
  const u = repoApi(urls, repo);
  const web = `${urls.web}/${repo.fullName}`;
  const host = new URL(urls.web).host;
  const openIssues = [...repo.issues.values()].filter((i) => i.state === 'open').length;
  return {
    id: repo.id,
    node_id: nodeId('R', repo.id),
    name: repo.name,
    full_name: repo.fullName,
    private: repo.private,
    owner: renderUser(urls, repo.owner),
    html_url: web,
    description: null,
    fork: repo.fork,
    url: u,
    archive_url: `${u}/{archive_format}{/ref}`,
    assignees_url: `${u}/assignees{/user}`,
    blobs_url: `${u}/git/blobs{/sha}`,
    branches_url: `${u}/branches{/branch}`,
    collaborators_url: `${u}/collaborators{/collaborator}`,
    comments_url: `${u}/comments{/number}`,
    commits_url: `${u}/commits{/sha}`,
    compare_url: `${u}/compare/{base}...{head}`,
    contents_url: `${u}/contents/{+path}`,
    contributors_url: `${u}/contributors`,
    deployments_url: `${u}/deployments`,
    downloads_url: `${u}/downloads`,
    events_url: `${u}/events`,
    forks_url: `${u}/forks`,
    git_commits_url: `${u}/git/commits{/sha}`,
    git_refs_url: `${u}/git/refs{/sha}`,
    git_tags_url: `${u}/git/tags{/sha}`,
    git_url: `git://${host}/${repo.fullName}.git`,
    issue_comment_url: `${u}/issues/comments{/number}`,
    issue_events_url: `${u}/issues/events{/number}`,
    issues_url: `${u}/issues{/number}`,
    keys_url: `${u}/keys{/key_id}`,
    labels_url: `${u}/labels{/name}`,
    languages_url: `${u}/languages`,
    merges_url: `${u}/merges`,
    milestones_url: `${u}/milestones{/number}`,
    notifications_url: `${u}/notifications{?since,all,participating}`,
    pulls_url: `${u}/pulls{/number}`,
    releases_url: `${u}/releases{/id}`,
    ssh_url: `git@${host}:${repo.fullName}.git`,
    stargazers_url: `${u}/stargazers`,
    statuses_url: `${u}/statuses/{sha}`,
    subscribers_url: `${u}/subscribers`,
    subscription_url: `${u}/subscription`,
    tags_url: `${u}/tags`,
    teams_url: `${u}/teams`,
    trees_url: `${u}/git/trees{/sha}`,
    clone_url: `${web}.git`,
    mirror_url: null,
    hooks_url: `${u}/hooks`,
    svn_url: web,
    homepage: null,
    language: null,
    forks_count: 0,
    forks: 0,
    stargazers_count: 0,
    watchers_count: 0,
    watchers: 0,
    size: 0,
    default_branch: repo.defaultBranch,
    open_issues_count: openIssues,
    open_issues: openIssues,
    is_template: false,
    topics: [],
    has_issues: true,
    has_projects: true,
    has_wiki: true,
    has_pages: false,
    has_downloads: true,
    has_discussions: false,
    archived: false,
    disabled: false,
    visibility: repo.private ? 'private' : 'public',
    license: null,
    allow_forking: true,
    web_commit_signoff_required: false,
    pushed_at: repo.createdAt,
    created_at: repo.createdAt,
    updated_at: repo.createdAt,
    network_count: 0,
    subscribers_count: 0,
  };
}

export function renderLabel(urls: Urls, repo: Repo, label: Label) {
  return {
    id: label.id,
    node_id: nodeId('LA', label.id),
    url: `${repoApi(urls, repo)}/labels/${encodeURIComponent(label.name)}`,
    name: label.name,
    description: label.description,
    color: label.color,
    default: false,
  };
}

/** GitHub's answer for the repository owner is OWNER; we know nothing of other roles. */
function association(repo: Repo, user: User): string {
  return user.id === repo.owner.id ? 'OWNER' : 'NONE';
}

function reactions(url: string) {
  return {
    url: `${url}/reactions`,
    total_count: 0,
    '+1': 0,
    '-1': 0,
    laugh: 0,
    hooray: 0,
    confused: 0,
    heart: 0,
    rocket: 0,
    eyes: 0,
  };
}

function issueWebUrl(urls: Urls, repo: Repo, issue: Issue): string {
  return `${urls.web}/${repo.fullName}/${issue.pull ? 'pull' : 'issues'}/${issue.number}`;
}

export function renderIssue(urls: Urls, repo: Repo, issue: Issue) {
  const url = `${repoApi(urls, repo)}/issues/${issue.number}`;
  const web = issueWebUrl(urls, repo, issue);
  const comments = [...repo.comments.values()].filter((c) => c.issueNumber === issue.number);
  return {
    id: issue.id,
    node_id: nodeId(issue.pull ? 'PR' : 'I', issue.id),
    url,
    repository_url: repoApi(urls, repo),
    labels_url: `${url}/labels{/name}`,
    comments_url: `${url}/comments`,
    events_url: `${url}/events`,
    html_url: web,
    number: issue.number,
    state: issue.state,
    state_reason: issue.state === 'closed' && !issue.pull ? 'completed' : null,
    title: issue.title,
    body: issue.body,
    user: renderUser(urls, issue.user),
    labels: issue.labels.map((l) => renderLabel(urls, repo, l)),
    assignee: issue.assignees[0] ? renderUser(urls, issue.assignees[0]) : null,
    assignees: issue.assignees.map((a) => renderUser(urls, a)),
    milestone: null,
    locked: false,
    active_lock_reason: null,
    comments: comments.length,
    ...(issue.pull
      ? {
          draft: issue.pull.draft,
          pull_request: {
            url: `${repoApi(urls, repo)}/pulls/${issue.number}`,
            html_url: web,
            diff_url: `${web}.diff`,
            patch_url: `${web}.patch`,
            merged_at: null,
          },
        }
      : {}),
    closed_at: issue.closedAt,
    created_at: issue.createdAt,
    updated_at: issue.updatedAt,
    closed_by: null,
    author_association: association(repo, issue.user),
    reactions: reactions(url),
    timeline_url: `${url}/timeline`,
    performed_via_github_app: null,
  };
}

export function renderComment(urls: Urls, repo: Repo, comment: Comment) {
  const issue = repo.issues.get(comment.issueNumber)!;
  const url = `${repoApi(urls, repo)}/issues/comments/${comment.id}`;
  return {
    id: comment.id,
    node_id: nodeId('IC', comment.id),
    url,
    html_url: `${issueWebUrl(urls, repo, issue)}#issuecomment-${comment.id}`,
    body: comment.body,
    user: renderUser(urls, comment.user),
    created_at: comment.createdAt,
    updated_at: comment.updatedAt,
    issue_url: `${repoApi(urls, repo)}/issues/${issue.number}`,
    author_association: association(repo, comment.user),
    performed_via_github_app: null,
    reactions: reactions(url),
  };
}

function link(href: string) {
  return { href };
}

/** `pull-request-simple` (lists); `full` adds the `pull-request` fields (get/create/update). */
export function renderPull(urls: Urls, repo: Repo, issue: Issue, full: boolean) {
  const pull = issue.pull!;
  const api = repoApi(urls, repo);
  const url = `${api}/pulls/${issue.number}`;
  const web = issueWebUrl(urls, repo, issue);
  const owner = renderUser(urls, repo.owner);
  const simple = {
    url,
    id: pull.id,
    node_id: nodeId('PR', pull.id),
    html_url: web,
    diff_url: `${web}.diff`,
    patch_url: `${web}.patch`,
    issue_url: `${api}/issues/${issue.number}`,
    commits_url: `${url}/commits`,
    review_comments_url: `${url}/comments`,
    review_comment_url: `${api}/pulls/comments{/number}`,
    comments_url: `${api}/issues/${issue.number}/comments`,
    statuses_url: `${api}/statuses/${pull.head.sha}`,
    number: issue.number,
    state: issue.state,
    locked: false,
    title: issue.title,
    user: renderUser(urls, issue.user),
    body: issue.body,
    // The description's pull-request-simple schema (request-reviewers' answer) types a label's
    // description as a plain string, where the issue schemas allow null: send '' here.
    labels: issue.labels.map((l) => ({
      ...renderLabel(urls, repo, l),
      description: l.description ?? '',
    })),
    milestone: null,
    active_lock_reason: null,
    created_at: issue.createdAt,
    updated_at: issue.updatedAt,
    closed_at: issue.closedAt,
    merged_at: null,
    merge_commit_sha: null,
    assignee: issue.assignees[0] ? renderUser(urls, issue.assignees[0]) : null,
    assignees: issue.assignees.map((a) => renderUser(urls, a)),
    requested_reviewers: pull.requestedReviewers.map((r) => renderUser(urls, r)),
    requested_teams: [],
    head: {
      label: `${pull.head.repo.owner.login}:${pull.head.ref}`,
      ref: pull.head.ref,
      sha: pull.head.sha,
      user: renderUser(urls, pull.head.repo.owner),
      repo: renderRepo(urls, pull.head.repo),
    },
    base: {
      label: `${repo.owner.login}:${pull.base.ref}`,
      ref: pull.base.ref,
      sha: pull.base.sha,
      user: owner,
      repo: renderRepo(urls, repo),
    },
    _links: {
      self: link(url),
      html: link(web),
      issue: link(`${api}/issues/${issue.number}`),
      comments: link(`${api}/issues/${issue.number}/comments`),
      review_comments: link(`${url}/comments`),
      review_comment: link(`${api}/pulls/comments{/number}`),
      commits: link(`${url}/commits`),
      statuses: link(`${api}/statuses/${pull.head.sha}`),
    },
    author_association: association(repo, issue.user),
    auto_merge: null,
    draft: pull.draft,
  };
  if (!full) return simple;
  const comments = [...repo.comments.values()].filter((c) => c.issueNumber === issue.number);
  return {
    ...simple,
    merged: false,
    mergeable: null,
    rebaseable: null,
    mergeable_state: 'unknown',
    merged_by: null,
    comments: comments.length,
    review_comments: 0,
    maintainer_can_modify: pull.maintainerCanModify,
    commits: 1,
    additions: 0,
    deletions: 0,
    changed_files: 0,
  };
}
