// Fails when code or a test names a path outside the repository (e.g. '../shared/fixtures'):
// a clone on its own must build and pass its tests. Each relative path literal is resolved both
// from the file's folder and from the repository root; if both land outside, it is reported.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], {
  cwd: root,
  encoding: 'utf8',
})
  .split('\n')
  .filter((f) => /\.(ts|tsx|mts|cts|js|mjs|cjs)$/.test(f) && !f.includes('node_modules/'));

const literal = /(['"`])((?:\.\.\/)+[^'"`\s$]*)\1/g;
const absolute = /(['"`])(\/work\/[^'"`\s]*)\1/g;
const outside = (p) => path.relative(root, p).startsWith('..');
const problems = [];

for (const file of files) {
  let text;
  try {
    text = readFileSync(path.join(root, file), 'utf8');
  } catch {
    continue;
  }
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    for (const match of line.matchAll(literal)) {
      const rel = match[2];
      const fromFile = path.resolve(root, path.dirname(file), rel);
      const fromRoot = path.resolve(root, rel);
      if (outside(fromFile) && outside(fromRoot))
        problems.push(`${file}:${i + 1}: '${rel}' points outside the repository`);
    }
    for (const match of line.matchAll(absolute))
      problems.push(`${file}:${i + 1}: '${match[2]}' is a machine-specific path`);
  });
}

if (problems.length > 0) {
  console.error(`Code reads paths outside the repository; copy what it needs into the repo:\n${problems.join('\n')}`);
  process.exit(1);
}
console.log(`repo paths: ${files.length} files checked, none reads outside the repository`);
