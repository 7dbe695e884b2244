import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const [file, width, segment] = [
  process.argv[2],
  Number(process.argv[3] ?? 390),
  Number(process.argv[4] ?? 1100),
];
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage({ viewport: { width, height: segment } });
await page.setContent(
  `<style>body{margin:0} img{display:block}</style><img src="data:image/png;base64,${readFileSync(file).toString('base64')}">`,
);
await page.waitForFunction(() => document.querySelector('img').complete);
const height = await page.evaluate(() => document.querySelector('img').naturalHeight);
const name = file.split('/').pop().replace('.png', '');
for (let y = 0, i = 0; y < height; y += segment, i++) {
  await page.screenshot({
    path: `/tmp/ui-shell-crops/${name}-${i}.png`,
    clip: { x: 0, y, width, height: Math.min(segment, height - y) },
    fullPage: true,
  });
}
console.log(height);
await browser.close();
