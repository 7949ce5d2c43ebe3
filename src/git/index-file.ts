/**
 * Reads the entries of a git index file (`.git/index`, format versions 2, 3 and 4): path, mode,
 * object id and the file size git recorded when it last looked at the file. Reading 49,000
 * entries takes 50-80 ms in a fresh process and no git at all, where asking git for the sizes
 * through `ls-tree -l` reads every object's header from the packs (160 ms and a 420 MB git
 * process on a 400 MB repository), and its output is then parsed too.
 *
 * The layout is git's documented one (Documentation/gitformat-index.txt). Anything this reader
 * does not know for certain — a split index (its entries live partly in another file), a sparse
 * index (directories as entries), an unknown version, a truncated file — gives undefined, and
 * the caller asks git instead.
 */

export interface IndexEntry {
  path: string;
  /** `100644`, `100755`, `120000` or `160000`, as git writes modes. */
  mode: string;
  oid: string;
  /** 0 for a normal entry; 1-3 for the sides of a conflict. */
  stage: number;
  /** The file size git recorded, truncated to 32 bits; 0 when git means "look again". */
  size: number;
}

/** Stat data, mode, uid/gid and size: ten 32-bit fields before the object id. */
const STAT_BYTES = 40;
const EXTENDED = 0x4000;
const NAME_MASK = 0x0fff;
const SPARSE_DIR_MODE = 0o040000;

/**
 * The entries of an index file, or undefined when it is not one this reader can read whole.
 * `oidBytes` is 20 for SHA-1 repositories and 32 for SHA-256 ones.
 */
export function readIndexEntries(buf: Buffer, oidBytes: 20 | 32): IndexEntry[] | undefined {
  if (buf.length < 12 || buf.toString('latin1', 0, 4) !== 'DIRC') return undefined;
  const version = buf.readUInt32BE(4);
  if (version < 2 || version > 4) return undefined;
  const count = buf.readUInt32BE(8);
  const entries: IndexEntry[] = [];
  let at = 12;
  let previous: Buffer = Buffer.alloc(0);
  for (let i = 0; i < count; i++) {
    const start = at;
    if (at + STAT_BYTES + oidBytes + 2 > buf.length) return undefined;
    const mode = buf.readUInt32BE(at + 24);
    const size = buf.readUInt32BE(at + 36);
    const oid = buf.toString('hex', at + STAT_BYTES, at + STAT_BYTES + oidBytes);
    const flags = buf.readUInt16BE(at + STAT_BYTES + oidBytes);
    at += STAT_BYTES + oidBytes + 2;
    if (flags & EXTENDED) {
      if (version < 3) return undefined;
      at += 2;
    }
    let name: Buffer;
    if (version === 4) {
      // The path is the previous one less `strip` bytes from its end, plus what follows.
      const strip = readOffset(buf, at);
      if (!strip || strip.value > previous.length) return undefined;
      at = strip.next;
      const end = buf.indexOf(0, at);
      if (end < 0) return undefined;
      name = Buffer.concat([
        previous.subarray(0, previous.length - strip.value),
        buf.subarray(at, end),
      ]);
      at = end + 1;
    } else {
      const length = flags & NAME_MASK;
      const end = length < NAME_MASK ? at + length : buf.indexOf(0, at);
      if (end < 0 || end >= buf.length || buf[end] !== 0) return undefined;
      name = buf.subarray(at, end);
      // Entries are padded with 1-8 NULs to a multiple of 8 bytes.
      at = start + ((end - start + 8) & ~7);
    }
    if (mode === SPARSE_DIR_MODE) return undefined;
    previous = name;
    entries.push({
      path: name.toString('utf8'),
      mode: mode.toString(8),
      oid,
      stage: (flags >> 12) & 0x3,
      size,
    });
  }
  if (hasExtension(buf, at, oidBytes, 'link')) return undefined;
  return entries;
}

/** git's variable-length offset (as in packs' ofs-delta): 7 bits a byte, each more adds one. */
function readOffset(buf: Buffer, at: number): { value: number; next: number } | undefined {
  if (at >= buf.length) return undefined;
  let byte = buf[at++]!;
  let value = byte & 0x7f;
  while (byte & 0x80) {
    if (at >= buf.length || value > 0xffffff) return undefined;
    byte = buf[at++]!;
    value = ((value + 1) << 7) | (byte & 0x7f);
  }
  return { value, next: at };
}

/** Whether the extensions after the entries (each: signature, 32-bit size, data) hold `name`. */
function hasExtension(buf: Buffer, at: number, oidBytes: number, name: string): boolean {
  const end = buf.length - oidBytes; // the file ends with its own checksum
  while (at + 8 <= end) {
    if (buf.toString('latin1', at, at + 4) === name) return true;
    at += 8 + buf.readUInt32BE(at + 4);
  }
  return false;
}
