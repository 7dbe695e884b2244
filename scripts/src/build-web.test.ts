import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { webInputsHash } from './build-web';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'ozg-build-'));
  for (const folder of ['web/src', 'web/dist', 'web/node_modules/x', 'shared/src', 'api/src'])
    mkdirSync(join(root, folder), { recursive: true });
  writeFileSync(join(root, 'web/src/main.tsx'), 'export {};');
  writeFileSync(join(root, 'shared/src/index.ts'), 'export const a = 1;');
  writeFileSync(join(root, 'pnpm-lock.yaml'), 'lockfileVersion: 9');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('web build inputs', () => {
  it('change when a web or shared source, or the lock file, changes', () => {
    const before = webInputsHash(root);
    writeFileSync(join(root, 'web/src/main.tsx'), 'export const b = 2;');
    const afterWeb = webInputsHash(root);
    expect(afterWeb).not.toBe(before);
    writeFileSync(join(root, 'shared/src/index.ts'), 'export const a = 2;');
    const afterShared = webInputsHash(root);
    expect(afterShared).not.toBe(afterWeb);
    writeFileSync(join(root, 'pnpm-lock.yaml'), 'lockfileVersion: 10');
    expect(webInputsHash(root)).not.toBe(afterShared);
  });

  it('stay the same when only the build output, installed packages or the API change', () => {
    const before = webInputsHash(root);
    writeFileSync(join(root, 'web/dist/index.html'), '<html>');
    writeFileSync(join(root, 'web/node_modules/x/index.js'), '1');
    writeFileSync(join(root, 'api/src/app.ts'), 'export {};');
    expect(webInputsHash(root)).toBe(before);
  });

  it('see a renamed file even when its content is the same', () => {
    const before = webInputsHash(root);
    rmSync(join(root, 'web/src/main.tsx'));
    writeFileSync(join(root, 'web/src/index.tsx'), 'export {};');
    expect(webInputsHash(root)).not.toBe(before);
  });
});
