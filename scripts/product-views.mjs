// Draws each product's extra gallery views from its main art in public/products/<slug>.svg:
// <slug>-2.svg seen from the other side (mirrored) and <slug>-3.svg a close-up (the centre, 2×).
// Run again after redrawing a product's art: node scripts/product-views.mjs
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = join(import.meta.dirname, '..', 'public', 'products');
const views = [
  { suffix: '-2', wrap: (body) => `<g transform="translate(600 0) scale(-1 1)">${body}</g>`, viewBox: '0 0 600 600' },
  { suffix: '-3', wrap: (body) => body, viewBox: '150 150 300 300' },
];

for (const file of readdirSync(dir).filter((f) => /^[a-z0-9-]+\.svg$/.test(f) && !/-\d\.svg$/.test(f))) {
  const svg = readFileSync(join(dir, file), 'utf8');
  const open = svg.match(/<svg\b[^>]*>/);
  const close = svg.lastIndexOf('</svg>');
  if (!open || close < 0) throw new Error(`${file}: not an SVG document`);
  const body = svg.slice(open.index + open[0].length, close).trim();
  for (const view of views) {
    const out = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${view.viewBox}" width="600" height="600" role="img">\n${view.wrap(body)}\n</svg>\n`;
    writeFileSync(join(dir, file.replace(/\.svg$/, `${view.suffix}.svg`)), out);
  }
}
