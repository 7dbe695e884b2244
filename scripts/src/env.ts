import { resolve } from 'node:path';
import { z } from 'zod';

const ScriptsEnvSchema = z.object({
  /** pnpm runs root scripts in the repository root; INIT_CWD is where the user typed the command. */
  INIT_CWD: z.string().optional(),
  /**
   * Debian's chromium-headless-shell: the same Blink as the full Chromium without its browser shell,
   * about half the CPU per journey step (decision 027, 2026-12-07 evening). The full browser works too.
   */
  CHROMIUM_PATH: z.string().default('/usr/bin/chromium-headless-shell'),
});

const env = ScriptsEnvSchema.parse(process.env);

/** Resolves a path as the user meant it: relative to the folder the command was typed in. */
export function userPath(path: string): string {
  return resolve(env.INIT_CWD ?? process.cwd(), path);
}

export const chromiumPath = env.CHROMIUM_PATH;
