/**
 * Pushes with NativeGit in a process of its own and reports how much memory that took: the
 * kernel's high-water mark of this process's resident memory, before and after the push.
 * argv: <clone> <url> <token> <warm-up commit> <commit to push>
 */
import { readFileSync } from 'node:fs';
import { NativeGit } from '../../../src/git/native-git.js';

const [dir = '', url = '', token = '', warm = '', big = ''] = process.argv.slice(2);

function highWater(): number {
  const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
  return Number(kb) * 1024;
}

const ng = await NativeGit.open(dir, { url, token });
// Everything the push path loads and allocates once (undici, the size lookup) is in place
// before the measurement starts.
const warmUp = await ng.push([{ ref: 'refs/keep/warm', expected: null, next: warm }]);
const before = highWater();
const outcome = await ng.push([{ ref: 'refs/versions/big/1', expected: null, next: big }], [warm]);
const after = highWater();
process.stdout.write(JSON.stringify({ warmUp, outcome, before, after }));
