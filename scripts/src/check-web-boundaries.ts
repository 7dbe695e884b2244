/**
 * The import rule of the web app (web/README.md), checked in `pnpm check`:
 * a feature imports only `components/`, `lib/` and its own folder; shared
 * components import only `components/` and `lib/`; `lib/` only itself. Only
 * `app/` composes features. Biome's noRestrictedImports cannot say "its own
 * folder" per feature, so this reads the import specifiers itself.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { posix } from 'node:path';
import { fileURLToPath } from 'node:url';

const WEB_SRC = 'web/src/';

/** `from '…'`, `import '…'` and `import('…')`: every way a module names another. */
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(?\s*)['"]([^'"]+)['"]/g;

/** The folders a module in `web/src/<dir>` may import from, or null when it may import anything (app/). */
function allowedFor(path: string): { what: string; prefixes: string[] } | null {
  const [top, name] = path.split('/');
  if (top === 'features' && name)
    return {
      what: `features/${name}/ darf nur components/, lib/ und features/${name}/ importieren`,
      prefixes: ['components/', 'lib/', `features/${name}/`],
    };
  if (top === 'components')
    return {
      what: 'components/ darf nur components/ und lib/ importieren',
      prefixes: ['components/', 'lib/'],
    };
  if (top === 'lib') return { what: 'lib/ darf nur lib/ importieren', prefixes: ['lib/'] };
  return null;
}

/** Imports that break the rule, as `path:line: specifier (rule)`; paths relative to the repository. */
export function findBoundaryViolations(files: { path: string; text: string }[]): string[] {
  return files.flatMap(({ path, text }) => {
    if (!path.startsWith(WEB_SRC)) return [];
    const inSrc = path.slice(WEB_SRC.length);
    const rule = allowedFor(inSrc);
    if (!rule) return [];
    return text.split('\n').flatMap((line, index) =>
      [...line.matchAll(SPECIFIER)].flatMap(([, specifier]) => {
        if (!specifier?.startsWith('.')) return [];
        const target = posix.normalize(posix.join(posix.dirname(inSrc), specifier));
        const inside = rule.prefixes.some((prefix) => `${target}/`.startsWith(prefix));
        return inside ? [] : [`${path}:${index + 1}: ${specifier} (${rule.what})`];
      }),
    );
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const paths = execFileSync(
    'git',
    ['ls-files', '-z', '--cached', '--others', '--exclude-standard', WEB_SRC],
    {
      encoding: 'utf8',
    },
  )
    .split('\0')
    .filter((path) => /\.(?:ts|tsx)$/.test(path));
  const found = findBoundaryViolations(paths.map((path) => ({ path, text: readFileSync(path, 'utf8') })));
  if (found.length > 0) {
    console.error(`Importe über die Grenzen der Web-Ordner (web/README.md):\n${found.join('\n')}`);
    process.exit(1);
  }
}
