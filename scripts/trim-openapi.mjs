// Regenerates test/harness/fake-github/api.github.com.trimmed.json: GitHub's published OpenAPI
// description of api.github.com (from the @octokit/openapi package), cut down to the operations
// the fake GitHub routes, with every component they reference. The whole description is 13 MB
// (385 MB with the other files of its package); the tests need a few dozen kilobytes of it.
//
//   node scripts/trim-openapi.mjs                 # fetch the pinned package version, trim, write
//   node scripts/trim-openapi.mjs --from FILE     # trim a description already on disk
//
// The operation list lives here; test/unit/openapi-trimmed.test.ts fails when the fake or the
// product uses an operation the trimmed file lacks, and names this script.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const SOURCE_PACKAGE = '@octokit/openapi';
export const SOURCE_VERSION = '23.0.2';
export const OUTPUT = 'test/harness/fake-github/api.github.com.trimmed.json';

/** Operations the fake models, plus the ones its own tests call to see "not modelled" answers. */
export const OPERATIONS = [
  'users/get-authenticated',
  'repos/get',
  'repos/list-branches',
  'pulls/list',
  'pulls/get',
  'pulls/create',
  'pulls/update',
  'pulls/request-reviewers',
  'issues/add-labels',
  'issues/add-assignees',
  'issues/list-comments',
  'issues/create-comment',
  'issues/get-comment',
  'issues/update-comment',
  'issues/delete-comment',
  'rate-limit/get',
];

function fetchDescription() {
  const dir = mkdtempSync(join(tmpdir(), 'snapback-openapi-'));
  try {
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const out = execFileSync(
      npm,
      ['pack', `${SOURCE_PACKAGE}@${SOURCE_VERSION}`, '--pack-destination', dir, '--silent'],
      { encoding: 'utf8' },
    );
    const tarball = join(dir, out.trim().split('\n').pop());
    const member = 'package/generated/api.github.com.json';
    execFileSync('tar', ['-xzf', tarball, '-C', dir, member]);
    return readFileSync(join(dir, member), 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Every local `#/components/...` reference reachable from a value. */
function collectRefs(value, found) {
  if (Array.isArray(value)) for (const v of value) collectRefs(v, found);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string') found.push(v);
      else collectRefs(v, found);
    }
  }
}

export function trim(description, operations = OPERATIONS) {
  const wanted = new Set(operations);
  const paths = {};
  for (const [template, item] of Object.entries(description.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!op || typeof op !== 'object' || !wanted.has(op.operationId)) continue;
      paths[template] ??= {};
      paths[template][method] = op;
      wanted.delete(op.operationId);
    }
  }
  if (wanted.size > 0) throw new Error(`not in the description: ${[...wanted].join(', ')}`);

  // Components reachable from the kept operations, followed to a fixed point.
  const components = {};
  const queue = [];
  collectRefs(paths, queue);
  const seen = new Set();
  while (queue.length > 0) {
    const ref = queue.pop();
    if (seen.has(ref)) continue;
    seen.add(ref);
    const m = /^#\/components\/([^/]+)\/(.+)$/.exec(ref);
    if (!m) throw new Error(`unexpected $ref ${ref}`);
    const [, kind, name] = m;
    const value = description.components[kind]?.[name];
    if (value === undefined) throw new Error(`dangling $ref ${ref}`);
    components[kind] ??= {};
    components[kind][name] = value;
    collectRefs(value, queue);
  }
  for (const kind of Object.keys(components)) {
    components[kind] = Object.fromEntries(
      Object.entries(components[kind]).sort(([a], [b]) => (a < b ? -1 : 1)),
    );
  }
  return {
    openapi: description.openapi,
    info: {
      ...description.info,
      'x-snapback-trimmed-from': `${SOURCE_PACKAGE}@${SOURCE_VERSION} generated/api.github.com.json`,
      'x-snapback-operations': [...operations].sort(),
    },
    paths,
    components: { schemas: {}, ...components },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const i = process.argv.indexOf('--from');
  const text = i > 0 ? readFileSync(process.argv[i + 1], 'utf8') : fetchDescription();
  const trimmed = trim(JSON.parse(text));
  writeFileSync(OUTPUT, `${JSON.stringify(trimmed, null, 1)}\n`);
  const ops = Object.values(trimmed.paths).reduce((n, item) => n + Object.keys(item).length, 0);
  const parts = Object.values(trimmed.components).reduce((n, c) => n + Object.keys(c).length, 0);
  console.log(
    `${OUTPUT}: ${ops} operations, ${parts} components, ${text.length} → ${JSON.stringify(trimmed).length} characters`,
  );
}
