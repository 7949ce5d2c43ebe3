// Mutation score per folder, and the surviving mutants of a folder, from Stryker's JSON report.
//   node scripts/mutation-scores.mjs [report.json] [--survivors <folder>] [--without-static]
// Score = killed (incl. timeouts) / (killed + survived + no coverage), as Stryker counts it;
// compile errors and ignored mutants do not count.
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const survivorsAt = args.indexOf('--survivors');
const folder = survivorsAt >= 0 ? args[survivorsAt + 1] : undefined;
// To compare with a run that skipped them (ignoreStatic), leave static mutants out.
const withoutStatic = args.includes('--without-static');
const file =
  args.find((a, i) => !a.startsWith('--') && (survivorsAt < 0 || i !== survivorsAt + 1)) ??
  'reports/mutation/mutation.json';
const report = JSON.parse(readFileSync(file, 'utf8'));

function groupOf(path) {
  const parts = path.split('/');
  return parts.length > 2 ? parts.slice(0, 2).join('/') + '/' : path;
}

if (folder) {
  for (const [path, f] of Object.entries(report.files).sort()) {
    if (!path.startsWith(folder)) continue;
    const lines = f.source.split('\n');
    for (const m of f.mutants) {
      if (m.status !== 'Survived' && m.status !== 'NoCoverage') continue;
      const { line, column } = m.location.start;
      const code = (lines[line - 1] ?? '').trim().slice(0, 100);
      const repl = (m.replacement ?? '').replace(/\s+/g, ' ').slice(0, 80);
      console.log(`${path}:${line}:${column}\t${m.status}\t${m.mutatorName}\t${repl}\t| ${code}`);
    }
  }
  process.exit(0);
}

const groups = new Map();
for (const [path, f] of Object.entries(report.files)) {
  for (const key of [groupOf(path), 'all']) {
    const g = groups.get(key) ?? { killed: 0, survived: 0, noCoverage: 0, timeout: 0, total: 0 };
    for (const m of f.mutants) {
      if (withoutStatic && m.static) continue;
      if (m.status === 'Killed') g.killed++;
      else if (m.status === 'Timeout') g.timeout++;
      else if (m.status === 'Survived') g.survived++;
      else if (m.status === 'NoCoverage') g.noCoverage++;
      else continue;
      g.total++;
    }
    groups.set(key, g);
  }
}
console.log('| Folder | Score | Killed | Timeout | Survived | No coverage |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
for (const [key, g] of [...groups].sort(([a], [b]) =>
  a === 'all' ? 1 : b === 'all' ? -1 : a.localeCompare(b),
)) {
  const score = g.total ? ((100 * (g.killed + g.timeout)) / g.total).toFixed(1) : '–';
  console.log(
    `| ${key === 'all' ? '**all**' : '`' + key + '`'} | ${score} % | ${g.killed} | ${g.timeout} | ${g.survived} | ${g.noCoverage} |`,
  );
}
