import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The longest test files first, across all projects. Vitest's own order runs
 * the projects one after another (alphabetically: api, browser, db, …) and
 * sorts by duration only within each, so a long file of a late project (the
 * demo seed tests in db, a browser journey) started when the other worker had
 * little left, and the pass waited for it alone. Longest first over the whole
 * run keeps both workers busy to the end.
 *
 * The durations are those of the last run of each file (Vitest's results
 * cache in node_modules/.vite). Without one (a fresh checkout, a new file):
 * browser journeys first, as each takes about a minute (an app, a Chromium),
 * then the larger files first, as Vitest does. Only the order changes: every
 * file still runs on its own, with its own databases.
 */
export default class LongestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const { cache, config } = this.ctx;
    const estimate = (spec: TestSpecification) => {
      const key = `${spec.project.name}:${relative(config.root, spec.moduleId)}`;
      const known = cache.getFileTestResults(key);
      if (known) return { known: true, ms: known.duration };
      const size = cache.getFileStats(key)?.size ?? 0;
      return { known: false, ms: (spec.project.name === 'browser' ? 1_000_000 : 0) + size };
    };
    const estimates = new Map(files.map((spec) => [spec, estimate(spec)]));
    return [...files].sort((a, b) => {
      const ea = estimates.get(a) as { known: boolean; ms: number };
      const eb = estimates.get(b) as { known: boolean; ms: number };
      // A file never measured may be long: it runs before the measured ones, as in Vitest's own order.
      if (ea.known !== eb.known) return ea.known ? 1 : -1;
      return eb.ms - ea.ms;
    });
  }
}
