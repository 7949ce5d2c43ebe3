/**
 * The few bytes of a POSIX tar archive (ustar, with pax records for long names), so `export`
 * can stream a version's files into a tarball that any `tar` reads. Pure: callers write the
 * headers, the file contents and the padding in order.
 */
export const BLOCK = 512;

export interface TarEntry {
  path: string;
  /** 0o644, 0o755 or (links) 0o777. */
  mode: number;
  size: number;
  /** Seconds since the epoch. */
  mtime: number;
  /** A symbolic link's target; `size` is then 0. */
  linkTarget?: string | undefined;
}

/** Largest size and name lengths the plain ustar fields hold. */
const MAX_OCTAL_SIZE = 0o77777777777;
const NAME_BYTES = 100;

function octal(value: number, width: number): string {
  // width - 1 digits and a NUL, as every tar writes them.
  return `${value.toString(8).padStart(width - 1, '0')}\0`;
}

function header(
  name: Buffer,
  opts: { mode: number; size: number; mtime: number; type: string; link: Buffer },
): Buffer {
  const h = Buffer.alloc(BLOCK);
  name.copy(h, 0, 0, Math.min(name.length, NAME_BYTES));
  h.write(octal(opts.mode, 8), 100, 'ascii');
  h.write(octal(0, 8), 108, 'ascii');
  h.write(octal(0, 8), 116, 'ascii');
  h.write(octal(opts.size, 12), 124, 'ascii');
  h.write(octal(opts.mtime, 12), 136, 'ascii');
  h.write(opts.type, 156, 'ascii');
  opts.link.copy(h, 157, 0, Math.min(opts.link.length, NAME_BYTES));
  h.write('ustar\0', 257, 'ascii');
  h.write('00', 263, 'ascii');
  // The checksum is computed with its own field read as spaces.
  h.fill(' ', 148, 156);
  let sum = 0;
  for (const byte of h) sum += byte;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return h;
}

/** One pax record: its length (counting its own digits) then `key=value\n`. */
function paxRecord(key: string, value: string): string {
  const body = Buffer.byteLength(` ${key}=${value}\n`);
  let length = body + 1;
  while (length !== body + String(length).length) length = body + String(length).length;
  return `${length} ${key}=${value}\n`;
}

/** The header block(s) of one entry: a pax record first when a field does not fit ustar's. */
export function entryHeader(e: TarEntry): Buffer {
  const name = Buffer.from(e.path, 'utf8');
  const link = Buffer.from(e.linkTarget ?? '', 'utf8');
  const records: string[] = [];
  const ascii = (b: Buffer) => b.every((c) => c < 0x80);
  if (name.length > NAME_BYTES || !ascii(name)) records.push(paxRecord('path', e.path));
  if (link.length > NAME_BYTES || !ascii(link)) records.push(paxRecord('linkpath', e.linkTarget!));
  if (e.size > MAX_OCTAL_SIZE) records.push(paxRecord('size', String(e.size)));
  const main = header(name, {
    mode: e.mode,
    size: e.linkTarget !== undefined || e.size > MAX_OCTAL_SIZE ? 0 : e.size,
    mtime: e.mtime,
    type: e.linkTarget !== undefined ? '2' : '0',
    link,
  });
  if (records.length === 0) return main;
  const pax = Buffer.from(records.join(''), 'utf8');
  const paxHeader = header(Buffer.from('PaxHeader', 'ascii'), {
    mode: 0o644,
    size: pax.length,
    mtime: e.mtime,
    type: 'x',
    link: Buffer.alloc(0),
  });
  return Buffer.concat([paxHeader, pax, padding(pax.length), main]);
}

/** Zeros that round a file's contents up to whole blocks. */
export function padding(size: number): Buffer {
  const rest = size % BLOCK;
  return Buffer.alloc(rest === 0 ? 0 : BLOCK - rest);
}

/** Two zero blocks end an archive. */
export function archiveEnd(): Buffer {
  return Buffer.alloc(2 * BLOCK);
}
