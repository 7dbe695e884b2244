import { chromium } from 'playwright-core';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
await page.goto(process.argv[2]);
await page.waitForTimeout(2500);
console.log(await page.evaluate(() => [...document.querySelector('.app-header-inner').children].map((e) => `${e.tagName}.${e.className} ${JSON.stringify(e.getBoundingClientRect())} ${getComputedStyle(e).order} ${getComputedStyle(e).flex}`).join('\n')));
await browser.close();
