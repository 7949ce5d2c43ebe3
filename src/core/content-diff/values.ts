/** Helpers over parsed values: their shape, JSON-safe normalisation and a content fingerprint. */

export type ValueShape = 'object' | 'array' | 'scalar';

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function shapeOf(value: unknown): ValueShape {
  if (Array.isArray(value)) return 'array';
  return isRecord(value) ? 'object' : 'scalar';
}

/**
 * Turns what the YAML and TOML parsers return into JSON-serialisable values, so that reports
 * can be stored and rendered as JSON: dates (TOML's local dates and times included) become their
 * ISO strings, Map/Set (YAML `!!omap`/`!!set`) objects/arrays, `!!binary` base64, integers too
 * large for a double (TOML int64) decimal strings, and non-finite numbers (`.inf`, `.nan`) strings.
 * Shared nodes (YAML aliases) are converted once and stay shared, which keeps the work linear
 * and leaves a self-referencing alias as a cycle rather than an endless copy.
 */
export function toPlain(value: unknown, seen = new Map<object, unknown>()): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value !== 'object' || value === null) return value;
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? String(value) : value.toISOString();
  }
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  const done = seen.get(value);
  if (done !== undefined) return done;

  if (Array.isArray(value) || value instanceof Set) {
    const out: unknown[] = [];
    seen.set(value, out);
    for (const item of value) out.push(toPlain(item, seen));
    return out;
  }
  const out: Record<string, unknown> = {};
  seen.set(value, out);
  const entries = value instanceof Map ? [...value.entries()] : Object.entries(value);
  for (const [key, item] of entries) setOwn(out, String(key), toPlain(item, seen));
  return out;
}

/**
 * Sets an own, enumerable data property. A `__proto__` key must stay data, not become the
 * prototype, so it is defined; every other key is assigned, which is several times faster on
 * objects of many keys and means the same on a plain object (no other setter is inherited).
 */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } else {
    target[key] = value;
  }
}

/**
 * A string that is equal for two values exactly when they are deeply equal, ignoring the order of
 * mapping keys (key order carries no meaning in JSON, YAML or TOML mappings). Arrays are
 * compared element by element through these fingerprints, so each element is walked once instead
 * of once per comparison.
 */
export function fingerprint(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(fingerprint).join(',')}]`;
  if (isRecord(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${fingerprint(value[k])}`).join(',')}}`;
  }
  // JSON.stringify tells "1" from 1 and null from "null"; values here are already plain.
  return JSON.stringify(value) ?? 'undefined';
}
