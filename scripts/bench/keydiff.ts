// Key-level diff of large structured files: the content-diff engine (src/core/content-diff)
// bundled on its own and run in a fresh Node process per comparison, which reports its wall
// time (read, parse, compare) and its peak RSS (VmHWM) at exit. The process first applies the
// V8 settings that both entry points (src/index.ts, src/cli.ts) apply before anything else, so
// the engine runs as it does inside the product.
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { nodeBinary } from '../../test/harness/node-bins.js';

const run = promisify(execFile);
const PROJECT = fileURLToPath(new URL('../../', import.meta.url));

export interface KeyDiffRun {
  ms: number;
  peakKb: number;
  keys: number;
  bytes: number;
  changes: number;
  kind: string;
}

export interface KeyDiffResult {
  yaml: KeyDiffRun[];
  json: KeyDiffRun[];
  yamlKeys: number;
  yamlBytes: number;
  jsonKeys: number;
  jsonBytes: number;
}

/** A YAML file of `sections` × `perSection` scalar keys; `round` changes every 100th value. */
function yamlDoc(sections: number, perSection: number, round: number): string {
  const out: string[] = [];
  for (let s = 0; s < sections; s++) {
    out.push(`section_${s}:`);
    for (let k = 0; k < perSection; k++) {
      const i = s * perSection + k;
      const v = round > 0 && i % 100 === 0 ? i + round : i;
      out.push(`  key_${k}: v${String(v).padStart(8, '0')}`);
    }
  }
  return `${out.join('\n')}\n`;
}

function jsonDoc(objects: number, perObject: number, round: number): string {
  const root: Record<string, Record<string, string | number>> = {};
  for (let o = 0; o < objects; o++) {
    const obj: Record<string, string | number> = {};
    for (let k = 0; k < perObject; k++) {
      const i = o * perObject + k;
      obj[`parameter_${k}`] = round > 0 && i % 100 === 0 ? `value-${i}-changed` : `value-${i}`;
    }
    root[`layer_${o}`] = obj;
  }
  return JSON.stringify(root, null, 1);
}

const CHILD = `
import './heap.mjs';
import { readFileSync } from 'node:fs';
const { diffContent } = await import('./content-diff.mjs');
const [, , path, a, b] = process.argv;
const started = performance.now();
const result = diffContent(path, readFileSync(a), readFileSync(b));
const ms = performance.now() - started;
const hwm = /^VmHWM:\\s+(\\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'))[1];
const changes = result.kind === 'structured' ? result.keys.length : -1;
process.stdout.write(JSON.stringify({ ms, peakKb: Number(hwm), changes, kind: result.kind }));
`;

export async function keyDiffPhase(
  scratch: string,
  rounds: number,
  progress: (m: string) => void,
): Promise<KeyDiffResult> {
  await build({
    entryPoints: [join(PROJECT, 'src/core/content-diff/index.ts')],
    outfile: join(scratch, 'content-diff.mjs'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    logLevel: 'warning',
    // As scripts/build.mjs: CommonJS dependencies call require().
    banner: {
      js: "import { createRequire as __benchRequire } from 'node:module'; const require = __benchRequire(import.meta.url);",
    },
  });
  await build({
    entryPoints: [join(PROJECT, 'src/heap.ts')],
    outfile: join(scratch, 'heap.mjs'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    logLevel: 'warning',
  });
  await writeFile(join(scratch, 'child.mjs'), CHILD);
  const files = {
    yamlA: join(scratch, 'a.yaml'),
    yamlB: join(scratch, 'b.yaml'),
    jsonA: join(scratch, 'a.json'),
    jsonB: join(scratch, 'b.json'),
  };
  const yamlA = yamlDoc(1_000, 50, 0);
  await writeFile(files.yamlA, yamlA);
  await writeFile(files.yamlB, yamlDoc(1_000, 50, 1));
  const jsonA = jsonDoc(1_500, 100, 0);
  await writeFile(files.jsonA, jsonA);
  await writeFile(files.jsonB, jsonDoc(1_500, 100, 1));
  const once = async (path: string, a: string, b: string, keys: number, size: number) => {
    const { stdout } = await run(nodeBinary('node24'), [join(scratch, 'child.mjs'), path, a, b], {
      cwd: scratch,
      maxBuffer: 1 << 20,
      timeout: 300_000,
    });
    const r = JSON.parse(stdout) as Omit<KeyDiffRun, 'keys' | 'bytes'>;
    return { ...r, keys, bytes: size };
  };
  const result: KeyDiffResult = {
    yaml: [],
    json: [],
    yamlKeys: 50_000,
    yamlBytes: Buffer.byteLength(yamlA),
    jsonKeys: 150_000,
    jsonBytes: Buffer.byteLength(jsonA),
  };
  for (let i = 0; i < rounds; i++) {
    const y = await once('config/params.yaml', files.yamlA, files.yamlB, 50_000, result.yamlBytes);
    const j = await once('config/params.json', files.jsonA, files.jsonB, 150_000, result.jsonBytes);
    if (y.kind !== 'structured' || j.kind !== 'structured') {
      throw new Error(`the engine did not compare key by key (yaml: ${y.kind}, json: ${j.kind})`);
    }
    result.yaml.push(y);
    result.json.push(j);
    progress(
      `key diff ${i + 1}/${rounds}: YAML ${y.ms.toFixed(0)} ms ${(y.peakKb / 1024).toFixed(0)} MiB (${y.changes} changes), JSON ${j.ms.toFixed(0)} ms ${(j.peakKb / 1024).toFixed(0)} MiB (${j.changes} changes)`,
    );
  }
  return result;
}
