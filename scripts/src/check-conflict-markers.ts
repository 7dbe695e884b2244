import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** A line that git writes at the start or end of an unresolved merge conflict. */
const CONFLICT_MARKER = /^(?:<{7}|>{7})(?: |$)/;

/** Tracked files with leftover merge-conflict markers, as `path:line`. */
export function findConflictMarkers(files: { path: string; text: string }[]): string[] {
  return files.flatMap(({ path, text }) =>
    text.split('\n').flatMap((line, index) => (CONFLICT_MARKER.test(line) ? [`${path}:${index + 1}`] : [])),
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const paths = execFileSync('git', ['ls-files', '-z'], { encoding: 'utf8' }).split('\0').filter(Boolean);
  const found = findConflictMarkers(
    paths
      .filter((path) => !path.endsWith('.tar') && !path.endsWith('.png'))
      .map((path) => ({ path, text: readFileSync(path, 'utf8') })),
  );
  if (found.length > 0) {
    console.error(`Konfliktmarkierungen aus einem Merge gefunden:\n${found.join('\n')}`);
    process.exit(1);
  }
}
