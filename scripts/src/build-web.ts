import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const distDir = join(repoRoot, 'web', 'dist');
/** Written after a successful build: the hash of everything the bundle is made from. */
const stampFile = join(distDir, '.build-inputs');

/**
 * What the web bundle is made from: the web package (without its output), the
 * shared package it imports, and the lock file. The API contributes only types,
 * which Vite does not read, so API changes need no rebuild.
 */
const INPUTS = ['web', 'shared/src', 'shared/package.json', 'pnpm-lock.yaml', 'tsconfig.base.json'];
const SKIPPED_FOLDERS = new Set(['node_modules', 'dist']);

function* inputFiles(path: string): Generator<string> {
  if (!existsSync(path)) return;
  if (!statSync(path).isDirectory()) {
    yield path;
    return;
  }
  for (const name of readdirSync(path).sort()) {
    if (SKIPPED_FOLDERS.has(name)) continue;
    yield* inputFiles(join(path, name));
  }
}

export function webInputsHash(root = repoRoot): string {
  const hash = createHash('sha256');
  for (const input of INPUTS)
    for (const file of inputFiles(join(root, input))) {
      hash.update(relative(root, file));
      hash.update('\0');
      hash.update(readFileSync(file));
      hash.update('\0');
    }
  return hash.digest('hex');
}

/**
 * Builds the web app unless the existing build was made from the same inputs,
 * so that `pnpm start` starts in seconds when nothing changed.
 */
export function ensureWebBuild({ force = false } = {}): 'built' | 'up to date' {
  const inputs = webInputsHash();
  const built =
    existsSync(join(distDir, 'index.html')) && existsSync(stampFile) && readFileSync(stampFile, 'utf8');
  if (!force && built === inputs) return 'up to date';
  console.log('Baue die Web-Oberfläche (Quellen geändert) …');
  execFileSync('pnpm', ['--filter', '@ozg/web', 'build'], { cwd: repoRoot, stdio: 'inherit' });
  writeFileSync(stampFile, inputs);
  return 'built';
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const result = ensureWebBuild({ force: process.argv.includes('--force') });
  if (result === 'up to date') console.log('Web-Oberfläche ist aktuell (keine geänderten Quellen).');
}
