import { formatFor } from './parse.js';

const MiB = 1024 * 1024;

/**
 * The largest file (either version, in bytes) whose contents are compared, by format. Each is
 * where a Node process comparing two versions of that size peaks at about 150 MB, measured with
 * scripts/keydiff-bench.ts on the shapes that cost the most memory:
 *
 * - JSON: a flat object of 150,000 keys in 4.8 MB, 145–150 MB; a list of 750,000 numbers in
 *   5.2 MB, 120 MB (JSON.parse builds the value directly).
 * - YAML: one mapping of 100,000 keys in 2.4 MB, 145 MB, parsed in pieces (yaml-pieces.ts). YAML
 *   that has to be parsed whole (anchors used across the file, merge keys) costs more: 220 MB
 *   for 0.9 MB.
 * - TOML and text keep the limit they had; they were not measured at larger sizes.
 */
const LIMITS = { json: 5 * MiB, yaml: 2 * MiB, toml: 2 * MiB, text: 2 * MiB } as const;

export function contentLimit(path: string): number {
  return LIMITS[formatFor(path) ?? 'text'];
}
