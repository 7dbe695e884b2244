import type { ProgressReporter } from '@ozg/db/importers';

/** A progress line on a terminal; nothing when the output goes to a file or CI log. */
export function terminalProgress(): ProgressReporter & { finish(): void } {
  const stream = process.stderr;
  let lastDraw = 0;
  const report = ((done: number, total: number, stage: string) => {
    if (!stream.isTTY) return;
    const now = Date.now();
    if (now - lastDraw < 80 && done < total) return;
    lastDraw = now;
    const width = 30;
    const filled = total > 0 ? Math.round((done / total) * width) : width;
    const percent = total > 0 ? Math.round((done / total) * 100) : 100;
    stream.write(
      `\r${stage.padEnd(16)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${percent}% (${done}/${total})`,
    );
  }) as ProgressReporter & { finish(): void };
  report.finish = () => {
    if (stream.isTTY) stream.write('\n');
  };
  return report;
}
