// One-off: renders the committed PNG and ICO icons from app/icon.svg with the installed Chromium.
// Run it (`node scripts/render-icons.mjs`) after changing app/icon.svg and commit what it writes;
// nothing renders icons at build or run time.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { chromium } from '@playwright/test';

const svg = readFileSync('app/icon.svg', 'utf8');
// Home-screen icons are square and opaque: the platform rounds the corners itself.
const square = svg.replace(/ rx="\d+"/, '');

const executablePath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage();

async function png(source, size) {
  await page.setViewportSize({ width: size, height: size });
  const sized = source.replace(/width="\d+" height="\d+"/, `width="${size}" height="${size}"`);
  await page.setContent(`<html><body style="margin:0;background:transparent">${sized}</body></html>`);
  return page.locator('svg').screenshot({ omitBackground: true });
}

writeFileSync('app/apple-icon.png', await png(square, 180));
writeFileSync('public/icons/icon-192.png', await png(square, 192));
writeFileSync('public/icons/icon-512.png', await png(square, 512));

// favicon.ico: 16, 32 and 48 px PNG images in one ICO container (for clients that ask for /favicon.ico).
const images = [];
for (const size of [16, 32, 48]) images.push({ size, data: await png(svg, size) });
const header = Buffer.alloc(6);
header.writeUInt16LE(0, 0);
header.writeUInt16LE(1, 2);
header.writeUInt16LE(images.length, 4);
let offset = 6 + 16 * images.length;
const entries = images.map(({ size, data }) => {
  const e = Buffer.alloc(16);
  e.writeUInt8(size, 0);
  e.writeUInt8(size, 1);
  e.writeUInt8(0, 2);
  e.writeUInt8(0, 3);
  e.writeUInt16LE(1, 4);
  e.writeUInt16LE(32, 6);
  e.writeUInt32LE(data.length, 8);
  e.writeUInt32LE(offset, 12);
  offset += data.length;
  return e;
});
writeFileSync('app/favicon.ico', Buffer.concat([header, ...entries, ...images.map((i) => i.data)]));
await browser.close();
