// Fails when the committed dist/ differs from a fresh build, listing the files that differ.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const fresh = mkdtempSync(join(tmpdir(), 'snapback-dist-'));
try {
  execFileSync(process.execPath, ['scripts/build.mjs', fresh], { stdio: 'inherit' });
  const list = (root) => {
    const out = [];
    const walk = (dir) => {
      for (const name of readdirSync(dir)) {
        const p = join(dir, name);
        if (statSync(p).isDirectory()) walk(p);
        else out.push(relative(root, p));
      }
    };
    walk(root);
    return out.sort();
  };
  const a = list('dist');
  const b = list(fresh);
  const differ = [...new Set([...a, ...b])].filter((f) => {
    try {
      return !readFileSync(join('dist', f)).equals(readFileSync(join(fresh, f)));
    } catch {
      return true;
    }
  });
  if (differ.length > 0) {
    console.error(
      `dist/ is stale; run 'npm run build' and commit. Differing files:\n  ${differ.join('\n  ')}`,
    );
    process.exit(1);
  }
  console.log(`dist/ matches a fresh build (${a.length} files).`);
} finally {
  rmSync(fresh, { recursive: true, force: true });
}
