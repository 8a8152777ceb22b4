// test/integration/report_page_check.mjs DOM.html SHOT.png EXPECT.json
// Checks what a person looks for on the report page (75_report_page.sh):
// every chart there and drawn (an SVG with marks), axes titled, a legend
// where series are coloured, the SYNTHETIC label, the SQL beside it, no
// external resource; and in the screenshot, that the page is drawn (not
// blank) in the charts' colours and the label's red. Prints one line per
// check; exits 1 if one fails.
import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';

const [domFile, pngFile, expectFile] = process.argv.slice(2);
const dom = readFileSync(domFile, 'utf8');
const expect = JSON.parse(readFileSync(expectFile, 'utf8'));
let failed = 0;
const check = (ok, what) => { console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`); if (!ok) failed++; };
const count = (s, re) => (s.match(re) || []).length;

// --- the DOM, as Chromium parsed it ---------------------------------------
const sections = {};
for (const m of dom.matchAll(/<section class="figure" id="([a-z]+)" data-rows="(\d+)">([\s\S]*?)<\/section>/g))
  sections[m[1]] = { rows: Number(m[2]), html: m[3] };
for (const c of expect.charts) {
  const s = sections[c.id];
  check(s !== undefined, `${c.id}: the chart's section is on the page`);
  if (!s) continue;
  check(s.rows > 0, `${c.id}: its query returned rows (${s.rows})`);
  check(count(s.html, /<svg /g) === 1, `${c.id}: one SVG chart`);
  const marks = count(s.html, /role-mark/g);
  check(marks >= 1, `${c.id}: the chart has marks (${marks})`);
  const titles = [...s.html.matchAll(/role-axis-title[^>]*>[\s\S]*?<text[^>]*>([^<]+)</g)].map((x) => x[1]);
  check(titles.length >= 2 && titles.every((t) => t.trim().length > 0), `${c.id}: both axes titled (${titles.join(' / ')})`);
  if (c.legend) check(/role-legend-title/.test(s.html) && count(s.html, /role-legend-label/g) >= 2,
                      `${c.id}: a legend with a title and at least two entries`);
  check(/class="synthetic-tag">SYNTHETIC data</.test(s.html) === expect.synthetic, `${c.id}: labelled SYNTHETIC (${expect.synthetic})`);
  check(/<pre class="sql">\s*SELECT /.test(s.html), `${c.id}: its SQL is beside it`);
  check(/class="definition">[^<]{40,}</.test(s.html), `${c.id}: its definition is beside it`);
  check(/\d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}/.test(s.html), `${c.id}: the data's snapshot dates are given`);
}
check(count(dom, /<section class="figure"/g) === expect.charts.length + 1, `the page has ${expect.charts.length} charts and the headline table`);
check(!/(src|href)\s*=\s*["']?(https?:)?\/\//i.test(dom) && !/@import|url\(/i.test(dom), 'nothing is loaded from elsewhere (no src, href, @import or url())');
check(/<p class="label synthetic">SYNTHETIC sample/.test(dom) === expect.synthetic, 'the page says the data is synthetic');

// --- the screenshot ---------------------------------------------------------
// a PNG decoder for Chromium's output (8-bit RGB or RGBA, not interlaced)
function decodePng(buf) {
  let pos = 8, w = 0, h = 0, type = 0;
  const idat = [];
  while (pos < buf.length) {
    const len = buf.readUInt32BE(pos), kind = buf.toString('ascii', pos + 4, pos + 8);
    const data = buf.subarray(pos + 8, pos + 8 + len);
    if (kind === 'IHDR') {
      w = data.readUInt32BE(0); h = data.readUInt32BE(4); type = data[9];
      if (data[8] !== 8 || (type !== 2 && type !== 6) || data[12] !== 0) throw new Error('unsupported PNG');
    } else if (kind === 'IDAT') idat.push(data);
    pos += 12 + len;
  }
  const bpp = type === 6 ? 4 : 3, stride = w * bpp, raw = inflateSync(Buffer.concat(idat));
  const px = Buffer.alloc(h * stride);
  for (let y = 0; y < h; y++) {
    const f = raw[y * (stride + 1)], line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= bpp ? px[y * stride + x - bpp] : 0, b = y > 0 ? px[(y - 1) * stride + x] : 0;
      const c = x >= bpp && y > 0 ? px[(y - 1) * stride + x - bpp] : 0;
      let v = line[x];
      if (f === 1) v += a; else if (f === 2) v += b; else if (f === 3) v += (a + b) >> 1;
      else if (f === 4) { const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c); v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c; }
      px[y * stride + x] = v & 255;
    }
  }
  return { w, h, bpp, px };
}
const img = decodePng(readFileSync(pngFile));
let nonWhite = 0;
const near = {};
for (const [name, rgb] of Object.entries(expect.colours)) near[name] = 0;
for (let i = 0; i < img.w * img.h; i++) {
  const r = img.px[i * img.bpp], g = img.px[i * img.bpp + 1], b = img.px[i * img.bpp + 2];
  if (r < 245 || g < 245 || b < 245) nonWhite++;
  for (const [name, rgb] of Object.entries(expect.colours))
    if (Math.abs(r - rgb[0]) + Math.abs(g - rgb[1]) + Math.abs(b - rgb[2]) < 30) near[name]++;
}
const share = nonWhite / (img.w * img.h);
check(img.w >= 1000 && img.h >= 1000, `the screenshot is ${img.w}x${img.h}`);
check(share > 0.03 && share < 0.6, `the page is drawn: ${(100 * share).toFixed(1)} % of the pixels are not white`);
for (const [name, n] of Object.entries(near))
  check(n >= expect.min_pixels, `the screenshot shows ${name} (${n} pixels)`);
process.exit(failed ? 1 : 0);
