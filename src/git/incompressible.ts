// Whether a file's bytes are worth deflating. git deflates every object it stores, at level 6 in
// a pack: some 45 MB/s on one core, for model weights and archives that shrink by a few percent
// at most. Judged from three 64 KiB samples (start, middle, end) deflated at level 1.
import { open } from 'node:fs/promises';
import { deflateRawSync } from 'node:zlib';

const SAMPLE = 64 * 1024;
/** Deflate must save at least this share of the samples for the file to count as compressible. */
const MIN_SAVING = 0.1;

/** True when the samples deflate by less than MIN_SAVING; false too when the file cannot be read. */
export async function looksIncompressible(path: string, size: number): Promise<boolean> {
  const f = await open(path, 'r').catch(() => undefined);
  if (!f) return false;
  try {
    let raw = 0;
    let packed = 0;
    const buf = Buffer.alloc(Math.min(SAMPLE, size));
    for (const at of new Set([0, Math.floor((size - buf.length) / 2), size - buf.length])) {
      const { bytesRead } = await f.read(buf, 0, buf.length, at);
      raw += bytesRead;
      packed += deflateRawSync(buf.subarray(0, bytesRead), { level: 1 }).length;
    }
    return raw > 0 && packed >= raw * (1 - MIN_SAVING);
  } catch {
    return false;
  } finally {
    await f.close();
  }
}
