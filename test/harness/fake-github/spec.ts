// GitHub's own OpenAPI description of api.github.com, loaded once per process and turned into a
// table of operations the fake can route and validate against.
//
// The file is api.github.com.trimmed.json beside this one: the description published in the
// @octokit/openapi package, cut down by scripts/trim-openapi.mjs to the operations the fake
// routes and every component they reference (a quarter of a megabyte instead of 13 MB, and no
// 385 MB package to install). Schemas keep their `$ref`s; they are resolved lazily, per
// operation, when a validator is first compiled (see schema.ts).
import { readFileSync } from 'node:fs';

export type SchemaObject = Record<string, unknown>;

export interface ParameterObject {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: SchemaObject;
  'x-multi-segment'?: boolean;
}

interface Ref {
  $ref: string;
}
interface MediaTypeObject {
  schema?: SchemaObject;
}
interface RequestBodyObject {
  required?: boolean;
  content?: Record<string, MediaTypeObject>;
}
interface ResponseObject {
  content?: Record<string, MediaTypeObject>;
}
interface OperationObject {
  operationId: string;
  parameters?: (ParameterObject | Ref)[];
  requestBody?: RequestBodyObject | Ref;
  responses?: Record<string, ResponseObject | Ref>;
  externalDocs?: { url?: string };
}

export interface Description {
  paths: Record<string, Record<string, OperationObject>>;
  components: Record<string, Record<string, unknown>> & { schemas: Record<string, SchemaObject> };
}

/** One operation with its `$ref`s to parameters/responses/bodies resolved (schemas keep theirs). */
export interface Operation {
  operationId: string;
  /** Upper case, e.g. 'POST'. */
  method: string;
  /** Path template as in the description, e.g. /repos/{owner}/{repo}/pulls. */
  template: string;
  /** GitHub puts this URL in the documentation_url of its error answers for the operation. */
  docsUrl: string;
  parameters: ParameterObject[];
  /** Absent when the operation takes no body. `schema` is undefined for non-JSON bodies. */
  requestBody?: { required: boolean; schema: SchemaObject | undefined; json: boolean };
  /** Declared statuses ('200', '422', maybe 'default') → JSON schema of the answer, if any. */
  responses: Map<string, { schema: SchemaObject | undefined }>;
}

export interface Spec {
  description: Description;
  operations: Map<string, Operation>;
  /** The operation for a method and a concrete path, with the raw (undecoded) path params. */
  match(
    method: string,
    path: string,
  ): { op: Operation; params: Record<string, string> } | undefined;
}

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options']);
const JSON_TYPE = 'application/json';

function resolve<T>(description: Description, value: T | Ref): T {
  let v: unknown = value;
  // Non-schema objects (parameters, responses, bodies) may be refs, and refs to refs.
  while (v && typeof v === 'object' && '$ref' in v && typeof v.$ref === 'string') {
    v = pointer(description, v.$ref);
  }
  return v as T;
}

export function pointer(description: Description, ref: string): unknown {
  if (!ref.startsWith('#/')) throw new Error(`fake-github: external $ref not supported: ${ref}`);
  let node: unknown = description;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    node = (node as Record<string, unknown> | undefined)?.[key];
  }
  if (node === undefined) throw new Error(`fake-github: dangling $ref ${ref}`);
  return node;
}

function toOperation(
  description: Description,
  template: string,
  method: string,
  raw: OperationObject,
): Operation {
  const parameters = (raw.parameters ?? []).map((p) => resolve<ParameterObject>(description, p));
  let requestBody: Operation['requestBody'];
  if (raw.requestBody) {
    const body = resolve<RequestBodyObject>(description, raw.requestBody);
    const json = body.content?.[JSON_TYPE];
    requestBody = { required: body.required === true, schema: json?.schema, json: !!json };
  }
  const responses = new Map<string, { schema: SchemaObject | undefined }>();
  for (const [status, r] of Object.entries(raw.responses ?? {})) {
    const response = resolve<ResponseObject>(description, r);
    responses.set(status, { schema: response.content?.[JSON_TYPE]?.schema });
  }
  return {
    operationId: raw.operationId,
    method: method.toUpperCase(),
    template,
    docsUrl: raw.externalDocs?.url ?? 'https://docs.github.com/rest',
    parameters,
    requestBody,
    responses,
  };
}

/**
 * A template segment is literal text or one parameter. A parameter marked x-multi-segment in
 * the description (a file path, `base...head`) takes one or more segments; so do `{ref}`
 * parameters, because GitHub takes git refs like `heads/feature/x` there unescaped even though
 * the description does not say so.
 */
type Segment = { literal: string } | { param: string; multi: boolean };

interface Route {
  op: Operation;
  segments: Segment[];
}

function parseTemplate(op: Operation): Segment[] {
  const multi = new Set(
    op.parameters
      .filter((p) => p.in === 'path' && (p['x-multi-segment'] === true || p.name === 'ref'))
      .map((p) => p.name),
  );
  return op.template
    .split('/')
    .slice(1)
    .map((s) => {
      const m = /^\{([^}]+)\}$/.exec(s);
      return m?.[1] ? { param: m[1], multi: multi.has(m[1]) } : { literal: s };
    });
}

/** Literal segments beat parameters, left to right, as GitHub's router does (issues/comments/1). */
function matchSegments(
  segments: Segment[],
  parts: string[],
  i = 0,
  j = 0,
  params: Record<string, string> = {},
): Record<string, string> | undefined {
  if (i === segments.length) return j === parts.length ? params : undefined;
  const seg = segments[i]!;
  if (j >= parts.length) return undefined;
  if ('literal' in seg) {
    return seg.literal === parts[j]
      ? matchSegments(segments, parts, i + 1, j + 1, params)
      : undefined;
  }
  if (parts[j] === '') return undefined;
  const maxEnd = seg.multi ? parts.length : j + 1;
  for (let end = maxEnd; end > j; end--) {
    const found = matchSegments(segments, parts, i + 1, end, {
      ...params,
      [seg.param]: parts.slice(j, end).join('/'),
    });
    if (found) return found;
  }
  return undefined;
}

/** Sort key: literal segments first, so the most specific template is tried first. */
function specificity(segments: Segment[]): string {
  return segments.map((s) => ('literal' in s ? '0' : s.multi ? '2' : '1')).join('');
}

function buildSpec(description: Description): Spec {
  const operations = new Map<string, Operation>();
  const routes = new Map<string, Route[]>();
  for (const [template, item] of Object.entries(description.paths)) {
    for (const [method, raw] of Object.entries(item)) {
      if (!HTTP_METHODS.has(method)) continue;
      const op = toOperation(description, template, method, raw);
      operations.set(op.operationId, op);
      const list = routes.get(op.method) ?? [];
      list.push({ op, segments: parseTemplate(op) });
      routes.set(op.method, list);
    }
  }
  for (const list of routes.values()) {
    list.sort((a, b) => {
      const [x, y] = [specificity(a.segments), specificity(b.segments)];
      return x < y ? -1 : x > y ? 1 : 0;
    });
  }
  return {
    description,
    operations,
    match(method, path) {
      const parts = path.split('/').slice(1);
      for (const route of routes.get(method.toUpperCase()) ?? []) {
        const params = matchSegments(route.segments, parts);
        if (params) return { op: route.op, params };
      }
      return undefined;
    },
  };
}

let cached: Spec | undefined;

/** The parsed description; the first call reads and indexes it (about 0.3 s), later calls are free. */
export function loadSpec(): Spec {
  if (!cached) {
    const file = new URL('./api.github.com.trimmed.json', import.meta.url);
    cached = buildSpec(JSON.parse(readFileSync(file, 'utf8')) as Description);
  }
  return cached;
}
