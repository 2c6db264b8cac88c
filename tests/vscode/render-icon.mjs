// Renders vscode-extension/images/icon.svg to icon.png (128×128) in Chromium:
//   node tests/vscode/render-icon.mjs vscode-extension/images/icon.svg vscode-extension/images/icon.png
// (after tests/vscode/install.sh, which installs playwright-core).
import { chromium } from 'playwright-core';
import * as fs from 'node:fs';
const [svg, png] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 128, height: 128 } });
await page.setContent(`<html><body style="margin:0;background:transparent">${fs.readFileSync(svg, 'utf8')}</body></html>`);
await page.screenshot({ path: png, omitBackground: true });
await browser.close();
