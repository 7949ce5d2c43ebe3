// Validation of requests and responses against the operation's schemas in GitHub's description.
// Validators are compiled on first use of an operation and cached for the process, so starting a
// fake costs only the parse of the description.
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { convertSchema, convertedComponent } from './schema.js';
import { loadSpec, type Operation, type SchemaObject } from './spec.js';

// ajv-formats is CommonJS with `exports.default`; NodeNext hands us the module object.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

function newAjv(coerceTypes: boolean): Ajv {
  const ajv = new Ajv({
    allErrors: true,
    // Unknown keywords throw at compile time, so a schema feature we do not convert is noticed.
    strictSchema: true,
    // GitHub's schemas list `required` names without properties and omit `type: object` next to
    // `properties`; these are legal JSON Schema, just loose, so the checks for them are off.
    strictTypes: false,
    strictTuples: false,
    strictRequired: false,
    allowUnionTypes: true,
    // Path and query values arrive as strings; coercion turns "42" into 42 where the schema
    // wants an integer, and the handlers get the typed values.
    coerceTypes: coerceTypes ? 'array' : false,
  });
  addFormats(ajv); // date-time, uri, uri-template, email, int32, int64, double, binary...
  ajv.addFormat('repo.nwo', /^[^/\s]+\/[^/\s]+$/); // GitHub's own: owner/name
  return ajv;
}

/**
 * GitHub's request schemas leave objects open, yet GitHub ignores (or, on some endpoints,
 * refuses) properties it does not define, so a misspelt or invented field is a bug of ours that
 * would pass silently. Request bodies are validated closed: every object schema that lists its
 * `properties` gets `additionalProperties: false`, unless it says otherwise or is one part of an
 * `allOf` (whose other parts add properties). Components reached through `$ref` stay as they are
 * (they are shared with the answers; request bodies of the modelled operations are inline).
 */
function closeObjects(node: unknown, inAllOf = false): unknown {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return node;
  const schema = node as SchemaObject;
  const out: SchemaObject = { ...schema };
  if (isRecord(schema.properties)) {
    out.properties = Object.fromEntries(
      Object.entries(schema.properties).map(([k, v]) => [k, closeObjects(v)]),
    );
    const combined = ['allOf', 'anyOf', 'oneOf'].some((k) => k in schema);
    if (
      !inAllOf &&
      !combined &&
      !('additionalProperties' in schema) &&
      !('patternProperties' in schema)
    )
      out.additionalProperties = false;
  }
  if ('items' in schema) out.items = closeObjects(schema.items);
  if (isRecord(schema.additionalProperties))
    out.additionalProperties = closeObjects(schema.additionalProperties);
  for (const key of ['anyOf', 'oneOf'] as const) {
    if (Array.isArray(schema[key]))
      out[key] = (schema[key] as unknown[]).map((s) => closeObjects(s));
  }
  if (Array.isArray(schema.allOf)) out.allOf = schema.allOf.map((s) => closeObjects(s, true));
  return out;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

class Compiler {
  private readonly ajv: Ajv;
  private readonly registered = new Set<string>();
  private readonly cache = new Map<string, ValidateFunction>();

  constructor(
    coerce: boolean,
    private readonly closed = false,
  ) {
    this.ajv = newAjv(coerce);
  }

  /** Registers the components a schema refers to, and theirs, before it is compiled. */
  private register(refs: Iterable<string>): void {
    const pending = [...refs];
    const all = loadSpec().description.components.schemas;
    while (pending.length > 0) {
      const name = pending.pop()!;
      if (this.registered.has(name)) continue;
      this.registered.add(name);
      const { schema, refs: more } = convertedComponent(all, name);
      this.ajv.addSchema(schema);
      pending.push(...more);
    }
  }

  get(key: string, build: () => SchemaObject): ValidateFunction {
    let fn = this.cache.get(key);
    if (!fn) {
      const refs = new Set<string>();
      const converted = convertSchema(build(), refs) as SchemaObject;
      const schema = this.closed ? (closeObjects(converted) as SchemaObject) : converted;
      this.register(refs);
      fn = this.ajv.compile(schema);
      this.cache.set(key, fn);
    }
    return fn;
  }
}

const bodies = new Compiler(false);
const requestBodies = new Compiler(false, true);
const params = new Compiler(true);

/** GitHub caps every page at 100 items; a bigger `per_page` silently gets 100. */
const MAX_PER_PAGE = 100;

/** `body/labels/0 must be string`, `query.per_page must be integer`: short, test-log friendly. */
function describe(prefix: string, errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((e) => {
    let where = prefix + e.instancePath;
    if (prefix === '') where = e.instancePath.slice(1).replace('/', '.');
    let detail = '';
    if (e.keyword === 'enum') detail = `: ${JSON.stringify(e.params.allowedValues)}`;
    if (e.keyword === 'additionalProperties') detail = `: '${e.params.additionalProperty}'`;
    return `${where} ${e.message ?? e.keyword}${detail}`;
  });
}

function paramsSchema(op: Operation): SchemaObject {
  const group = (where: 'path' | 'query') => {
    const list = op.parameters.filter((p) => p.in === where);
    return {
      type: 'object',
      properties: Object.fromEntries(
        list.map((p) => [
          p.name,
          p.name === 'per_page' && where === 'query'
            ? { ...p.schema, minimum: 1, maximum: MAX_PER_PAGE }
            : (p.schema ?? {}),
        ]),
      ),
      required: list.filter((p) => p.required).map((p) => p.name),
    };
  };
  return { type: 'object', properties: { path: group('path'), query: group('query') } };
}

export interface RequestInput {
  /** Path parameters as matched (already percent-decoded). */
  path: Record<string, string>;
  query: URLSearchParams;
  /** Parsed JSON body; undefined when the request had none. */
  body: unknown;
}

export interface CheckedRequest {
  errors: string[];
  /** Path and query parameters the operation declares, coerced to their schema types. */
  path: Record<string, unknown>;
  query: Record<string, unknown>;
}

export function checkRequest(op: Operation, input: RequestInput): CheckedRequest {
  const query: Record<string, unknown> = {};
  for (const p of op.parameters) {
    if (p.in !== 'query' || !input.query.has(p.name)) continue;
    query[p.name] =
      p.schema?.type === 'array' ? input.query.getAll(p.name) : input.query.get(p.name);
  }
  const data = { path: { ...input.path } as Record<string, unknown>, query };
  const validateParams = params.get(`${op.operationId} params`, () => paramsSchema(op));
  const errors = validateParams(data) ? [] : describe('', validateParams.errors);
  // GitHub ignores a query parameter it does not define: a misspelt filter filters nothing.
  const declared = new Set(op.parameters.filter((p) => p.in === 'query').map((p) => p.name));
  for (const name of new Set(input.query.keys())) {
    if (!declared.has(name)) errors.push(`query.${name} is not a parameter of ${op.operationId}`);
  }

  const rb = op.requestBody;
  if (input.body !== undefined && !rb) {
    errors.push(`body: ${op.operationId} takes no request body`);
  } else if (input.body === undefined && rb?.required) {
    errors.push(`body: ${op.operationId} requires a request body`);
  } else if (input.body !== undefined && rb?.schema) {
    const schema = rb.schema;
    const validateBody = requestBodies.get(`${op.operationId} request`, () => schema);
    if (!validateBody(input.body)) errors.push(...describe('body', validateBody.errors));
  }
  return { errors, path: data.path, query: data.query };
}

/**
 * Statuses GitHub answers on any operation though most operations do not declare them:
 * 401 (bad or missing credentials), 403 (the token lacks a permission, or a rate limit), 404 (no
 * such repository/issue/comment, or one the token may not see), 429 (a rate limit) and server
 * trouble (500, 502, 503, 504). They are checked against GitHub's basic-error schema instead.
 */
const UNDECLARED_ERRORS = new Set([401, 403, 404, 429, 500, 502, 503, 504]);

function basicError(): SchemaObject {
  return { $ref: '#/components/schemas/basic-error' };
}

/** Problems with an answer the fake is about to send for an operation; empty when it is fine. */
export function checkResponse(op: Operation, status: number, body: unknown): string[] {
  let declared = op.responses.get(String(status)) ?? op.responses.get('default');
  if (!declared) {
    if (!UNDECLARED_ERRORS.has(status)) {
      const list = [...op.responses.keys()].join(', ');
      return [`status ${status} is not declared for ${op.operationId} (declared: ${list})`];
    }
    declared = { schema: basicError() };
  }
  let schema = declared.schema;
  if (!schema) {
    if (body === undefined) return [];
    // Declared without content (e.g. a bare 422), yet GitHub always sends its error JSON.
    if (status >= 400) schema = basicError();
    else return [`status ${status} of ${op.operationId} has no body in the description, got one`];
  }
  if (body === undefined) return [`status ${status} of ${op.operationId} must have a JSON body`];
  const fixed = schema;
  const validate = bodies.get(`${op.operationId} ${status}`, () => fixed);
  return validate(body) ? [] : describe('response', validate.errors);
}

function operation(operationId: string): Operation {
  const op = loadSpec().operations.get(operationId);
  if (!op) throw new Error(`fake-github: no operation ${operationId} in GitHub's description`);
  return op;
}

/**
 * Checks a response body the way the fake checks its own answers, e.g.
 * `validateResponse('issues/get-comment', 200, comment)`. Returns the problems; [] means valid.
 */
export function validateResponse(operationId: string, status: number, body: unknown): string[] {
  return checkResponse(operation(operationId), status, body);
}

/** Checks a request (path/query parameters as strings, JSON body) against an operation. */
export function validateRequest(
  operationId: string,
  request: { path?: Record<string, string>; query?: Record<string, string>; body?: unknown },
): string[] {
  return checkRequest(operation(operationId), {
    path: request.path ?? {},
    query: new URLSearchParams(request.query ?? {}),
    body: request.body,
  }).errors;
}
