import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

/** Text assets worth compressing; source maps are fetched only by developer tools. */
const COMPRESSIBLE = /\.(?:js|css|html|svg|json|txt)$/;
/** Below this size the encoded file saves less than the header costs. */
const MIN_BYTES = 1024;

/**
 * Writes `name.br` and `name.gz` beside every text asset of the build, so the
 * server sends them as they are (serveStatic `precompressed`) instead of
 * compressing the same bytes on every request.
 */
export function precompress(): Plugin {
  let outDir = 'dist';
  return {
    name: 'ozg-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = join(config.root, config.build.outDir);
    },
    closeBundle() {
      for (const file of listFiles(outDir)) {
        if (!COMPRESSIBLE.test(file)) continue;
        const content = readFileSync(file);
        if (content.length < MIN_BYTES) continue;
        writeFileSync(
          `${file}.br`,
          brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
        );
        writeFileSync(`${file}.gz`, gzipSync(content, { level: 9 }));
      }
    },
  };
}

function listFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}
