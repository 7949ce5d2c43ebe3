import { parse as parseToml } from 'smol-toml';
import { parseAllDocuments } from 'yaml';
import type { StructuredFormat } from './types.js';
import { toPlain } from './values.js';

/**
 * A file's documents: one for JSON and TOML, any number for YAML. An empty (or whitespace- or
 * comment-only) file has none, which compares like a file that does not exist.
 */
export type ParseOutcome = { ok: true; documents: unknown[] } | { ok: false; message: string };

/** yaml's default: aliases may expand to at most this many nodes (billion-laughs guard). */
const MAX_YAML_ALIAS_COUNT = 100;

const FORMAT_BY_EXTENSION: Record<string, StructuredFormat> = {
  json: 'json',
  yaml: 'yaml',
  yml: 'yaml',
  toml: 'toml',
};

/** `.json`, `.yaml`/`.yml` and `.toml`, in any letter case. */
export function formatFor(path: string): StructuredFormat | undefined {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  if (dot < 0) return undefined;
  const extension = name.slice(dot + 1).toLowerCase();
  return Object.hasOwn(FORMAT_BY_EXTENSION, extension) ? FORMAT_BY_EXTENSION[extension] : undefined;
}

/** Never throws: parser errors (and alias bombs) come back as the message's first line. */
export function parseDocuments(format: StructuredFormat, text: string): ParseOutcome {
  try {
    return { ok: true, documents: PARSERS[format](text) };
  } catch (error) {
    return { ok: false, message: firstLine(error) };
  }
}

const PARSERS: Record<StructuredFormat, (text: string) => unknown[]> = {
  json: (text) => (text.trim() === '' ? [] : [JSON.parse(text)]),
  yaml: parseYaml,
  toml: (text) =>
    // 'asNeeded' keeps ordinary integers as numbers while still accepting full int64 values.
    [toPlain(parseToml(text, { integersAsBigInt: 'asNeeded' }))],
};

function parseYaml(text: string): unknown[] {
  // Merge keys (`<<`) are a YAML 1.1 feature that yaml enables for 1.2 documents only on request;
  // configuration files rely on them together with anchors.
  const documents = parseAllDocuments(text, { merge: true });
  for (const document of documents) {
    const [error] = document.errors;
    if (error) throw error;
  }
  // toJS resolves aliases and merges, so a changed anchor shows wherever it is used; it throws on
  // alias expansion beyond the limit instead of building an exponentially large value.
  return documents.map((document) =>
    toPlain(document.toJS({ maxAliasCount: MAX_YAML_ALIAS_COUNT })),
  );
}

export function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // yaml ends its first line with a colon that introduces a code excerpt on the next lines.
  return (message.split('\n', 1)[0] ?? '').trim().replace(/:$/, '');
}
