import { parse as parseToml } from 'smol-toml';
import type { StructuredFormat } from './types.js';
import { toPlain } from './values.js';
import { parseYaml } from './yaml-parse.js';

/**
 * A file's documents: one for JSON and TOML, any number for YAML. An empty (or whitespace- or
 * comment-only) file has none, which compares like a file that does not exist.
 */
export type ParseOutcome = { ok: true; documents: unknown[] } | { ok: false; message: string };

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

export function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // yaml ends its first line with a colon that introduces a code excerpt on the next lines.
  return (message.split('\n', 1)[0] ?? '').trim().replace(/:$/, '');
}
