// OpenAPI 3.0 schema objects are not quite JSON Schema. GitHub's description relies on these
// differences, so each schema is rewritten before ajv sees it:
//
// - `nullable: true` does not exist in JSON Schema: a typed schema becomes `type: [T, 'null']`
//   (and `null` joins its enum, or an enum would still refuse it); an untyped one (`anyOf`,
//   `allOf`, `$ref`) becomes `anyOf: [schema, {type: 'null'}]`.
// - `oneOf` becomes `anyOf`. OpenAPI readers (octokit's generated types among them) treat it as
//   a plain union, and GitHub writes overlapping branches: validation-error's `value` is
//   `oneOf: [string|null, integer|null, string[]|null]`, so a real `"value": null` would match
//   three branches and fail a strict oneOf.
// - `example`, `discriminator`, `xml`, `externalDocs` and `x-*` vendor keys are annotations
//   ajv's strict mode would refuse as unknown keywords; they are dropped. Every other keyword is
//   kept, so a keyword we do not know about still fails loudly at compile time.
// - `$ref: '#/components/schemas/NAME'` points into the description. Each component is
//   converted once and registered with ajv under its own $id the first time something refers
//   to it, so ajv compiles it once and shares it between operations.
import type { SchemaObject } from './spec.js';

export const COMPONENT_ID = 'https://api.github.com/components/schemas/';
const LOCAL_REF = '#/components/schemas/';
const DROPPED = new Set(['nullable', 'example', 'discriminator', 'xml', 'externalDocs']);
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', 'definitions']);
const SUBSCHEMAS = new Set(['items', 'additionalProperties', 'not']);
const SCHEMA_LISTS = new Set(['allOf', 'anyOf']);

function isObject(v: unknown): v is SchemaObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function withNull(schema: SchemaObject): SchemaObject {
  const composite = ['allOf', 'anyOf', '$ref', 'not'].some((k) => k in schema);
  if (typeof schema.type === 'string' && !composite) {
    const out: SchemaObject = { ...schema, type: [schema.type, 'null'] };
    if (Array.isArray(schema.enum) && !schema.enum.includes(null))
      out.enum = [...schema.enum, null];
    return out;
  }
  return { anyOf: [schema, { type: 'null' }] };
}

/**
 * Converts one OpenAPI schema into JSON Schema (draft-07, as ajv's default class reads it).
 * `refs` collects the component names it refers to, which the caller must register.
 */
export function convertSchema(node: unknown, refs: Set<string>): unknown {
  if (!isObject(node)) return node; // `true`/`false` schemas, or a tuple `items` array (unused)
  const out: SchemaObject = {};
  const unions: unknown[][] = [];
  for (const [key, value] of Object.entries(node)) {
    if (DROPPED.has(key) || key.startsWith('x-')) continue;
    if (key === '$ref' && typeof value === 'string') {
      if (!value.startsWith(LOCAL_REF)) throw new Error(`fake-github: unexpected $ref ${value}`);
      const name = value.slice(LOCAL_REF.length);
      refs.add(name);
      out.$ref = COMPONENT_ID + encodeURIComponent(name);
    } else if (SCHEMA_MAPS.has(key) && isObject(value)) {
      out[key] = Object.fromEntries(
        Object.entries(value).map(([k, v]) => [k, convertSchema(v, refs)]),
      );
    } else if (SUBSCHEMAS.has(key)) {
      out[key] = convertSchema(value, refs);
    } else if ((SCHEMA_LISTS.has(key) || key === 'oneOf') && Array.isArray(value)) {
      const list = value.map((v) => convertSchema(v, refs));
      if (key === 'allOf') out.allOf = list;
      else unions.push(list);
    } else {
      out[key] = value;
    }
  }
  // `anyOf` and a former `oneOf` side by side must both hold: the second goes under allOf.
  if (unions[0]) out.anyOf = unions[0];
  if (unions[1]) out.allOf = [...((out.allOf as unknown[]) ?? []), { anyOf: unions[1] }];
  return node.nullable === true ? withNull(out) : out;
}

/** Converted component schemas, shared by every ajv instance (conversion is pure). */
const components = new Map<string, { schema: SchemaObject; refs: Set<string> }>();

export function convertedComponent(
  all: Record<string, SchemaObject>,
  name: string,
): { schema: SchemaObject; refs: Set<string> } {
  let entry = components.get(name);
  if (!entry) {
    const source = all[name];
    if (!source) throw new Error(`fake-github: no component schema named ${name}`);
    const refs = new Set<string>();
    const schema = convertSchema(source, refs) as SchemaObject;
    entry = { schema: { ...schema, $id: COMPONENT_ID + encodeURIComponent(name) }, refs };
    components.set(name, entry);
  }
  return entry;
}
