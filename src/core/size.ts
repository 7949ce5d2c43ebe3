import { InputError } from '../errors.js';
import { printable } from './track-name.js';

const UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  k: 1024,
  kb: 1024,
  kib: 1024,
  m: 1024 ** 2,
  mb: 1024 ** 2,
  mib: 1024 ** 2,
  g: 1024 ** 3,
  gb: 1024 ** 3,
  gib: 1024 ** 3,
};

/** No git server takes a single file beyond this; a larger limit is a typo. */
const MAX_SIZE = 1024 ** 4;

/**
 * Parses sizes such as `100 MB`, `512k` or `1048576`. Units are binary (1 MB = 1,048,576 bytes),
 * as GitHub's own file size limit is.
 */
export function parseSize(text: string, input: string): number {
  const m = /^\s*([0-9]{1,15}(?:\.[0-9]{1,15})?)\s*([a-zA-Z]*)\s*$/.exec(text);
  const unit = m ? UNITS[m[2]!.toLowerCase()] : undefined;
  if (!m || unit === undefined) {
    throw new InputError(
      input,
      `'${printable(text, 40)}' is not a size.`,
      'Write a number of bytes or a number with a unit: KB, MB or GB (for example "100 MB").',
    );
  }
  const bytes = Math.floor(Number(m[1]) * unit);
  if (bytes <= 0) throw new InputError(input, 'must be greater than zero.');
  if (bytes > MAX_SIZE) {
    throw new InputError(
      input,
      `must be at most 1 TB, got ${text.trim()}.`,
      'GitHub refuses files over 100 MB and pushes over 2 GB; give a size such as "100 MB".',
    );
  }
  return bytes;
}

export function formatBytes(bytes: number): string {
  const abs = Math.abs(bytes);
  if (abs < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes / 1024;
  let i = 0;
  while (Math.abs(value) >= 1024 && i < units.length - 1) {
    value /= 1024;
    i++;
  }
  return `${value.toFixed(value >= 100 || value <= -100 ? 0 : 1)} ${units[i]}`;
}
