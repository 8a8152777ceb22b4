// report/render.mjs — the ecostats report as one self-contained HTML page.
//
//   node report/render.mjs --out FILE [--label TEXT] [--synthetic]
//   node report/render.mjs --print-sql      (the charts' SQL, as Markdown)
//
// Reads the figures from the database the standard PG environment names
// (PGHOST, PGPORT, PGUSER, PGDATABASE; through psql), one SQL query per
// chart — the query shown beside the chart is the one that ran — and
// renders each chart with Vega-Lite to SVG, offline. The page has no
// scripts and loads nothing: it can be viewed without a network.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import * as vega from 'vega';
import * as vegaLite from 'vega-lite';

function usage(msg) {
  if (msg) process.stderr.write(`render.mjs: ${msg}\n`);
  process.stderr.write('usage: node report/render.mjs --out FILE [--label TEXT] [--synthetic]\n');
  process.exit(2);
}

const args = process.argv.slice(2);
let out = null, label = '', synthetic = false, printSql = false;
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--out' && i + 1 < args.length) out = args[++i];
  else if (args[i] === '--print-sql') printSql = true;
  else if (args[i] === '--label' && i + 1 < args.length) label = args[++i];
  else if (args[i] === '--synthetic') synthetic = true;
  else usage(`unknown argument: ${args[i]}`);
}

// one query's rows as objects (json_agg of the query, through psql)
function rows(sql) {
  const q = `SELECT coalesce(json_agg(t), '[]') FROM (${sql}) t`;
  let text;
  try {
    text = execFileSync('psql', ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-c', q],
                        { encoding: 'utf8', maxBuffer: 256 << 20, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    process.stderr.write(`render.mjs: a query failed: ${(e.stderr || e.message).trim()}\n`);
    process.exit(1);
  }
  return JSON.parse(text);
}

const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
const pct = (v) => (v == null ? '–' : `${(100 * v).toFixed(1)} %`);

// the measure the concentration figures use: all-time downloads when the dump has them
const measureSql = `SELECT CASE WHEN bool_or(c.measure = 'downloads_all_time' AND c.total > 0)
                                THEN 'downloads_all_time' ELSE 'downloads' END FROM hub.report_concentration c`;

const charts = [
  {
    id: 'lorenz',
    title: 'Downloads are extremely concentrated (Lorenz curve)',
    definition: 'Share of all downloads held by the least downloaded x% of the models (hub.report_lorenz, 101 points), on all-time downloads when the dump has them, else on the 30 days before the latest snapshot. The marked points are where the top 200 models and the top 0.01% of models begin: what lies above them is their share.',
    sql: `SELECT l.point, l.model_share, l.download_share, NULL::text AS mark
FROM hub.report_lorenz l
WHERE l.measure = (${measureSql})
UNION ALL
SELECT NULL, 1 - m.n::float8 / c.models, 1 - m.share,
       m.what || ': ' || to_char(100 * m.share, 'FM990.0') || ' %'
FROM hub.report_concentration c
CROSS JOIN LATERAL (VALUES ('top 200 models', least(200, c.models), c.top_200_share),
                           ('top 0.01 %', ceil(0.0001 * c.models)::bigint, c.top_0_01pct_share)) m(what, n, share)
WHERE c.measure = (${measureSql}) AND c.models > 0
ORDER BY 1`,
    spec: (data) => ({
      width: 520, height: 320, data: { values: data },
      layer: [
        { transform: [{ filter: 'datum.mark == null' }], mark: { type: 'line', color: '#4c78a8' },
          encoding: { x: { field: 'model_share', type: 'quantitative', title: 'share of models (least downloaded first)', axis: { format: '%' } },
                      y: { field: 'download_share', type: 'quantitative', title: 'share of downloads', axis: { format: '%' } } } },
        { transform: [{ filter: 'datum.mark != null' }], mark: { type: 'point', filled: true, size: 80 },
          encoding: { x: { field: 'model_share', type: 'quantitative' }, y: { field: 'download_share', type: 'quantitative' },
                      color: { field: 'mark', type: 'nominal', title: 'marked' } } },
      ],
    }),
  },
  {
    id: 'country',
    title: 'Share of downloads by country, per month',
    definition: 'Downloads during each calendar month the snapshots observe wholly (hub.report_series, rule of hub.downloads_during), by the country of the model\'s namespace (developed in) and by the countries of its lineage roots (developed in or derived from); the four countries with the largest average share. The vertical rules mark the first month China\'s share exceeds the US\'s.',
    sql: `SELECT s.period_start AS month,
       CASE s.figure WHEN 'downloads_share_by_country' THEN 'developed in' ELSE 'developed in or derived from' END AS attribution,
       s.series AS country, s.value AS share, NULL::text AS crossing
FROM hub.report_series s
WHERE s.figure IN ('downloads_share_by_country', 'downloads_share_by_country_or_base')
  AND s.period_end = (s.period_start + interval '1 month')::date
  AND s.series IN (SELECT x.series FROM hub.report_series x
                   WHERE x.figure = 'downloads_share_by_country' AND x.series <> 'unknown'
                   GROUP BY x.series ORDER BY avg(x.value) DESC, x.series LIMIT 4)
UNION ALL
SELECT f.period_start, CASE f.figure WHEN 'first_month_cn_over_us' THEN 'developed in' ELSE 'developed in or derived from' END,
       'CN', NULL, 'China passes the US: ' || to_char(f.period_start, 'YYYY-MM')
FROM hub.report_series f WHERE f.figure IN ('first_month_cn_over_us', 'first_month_cn_over_us_or_base')
ORDER BY 1, 2, 3`,
    spec: (data) => ({
      data: { values: data },
      facet: { column: { field: 'attribution', type: 'nominal', title: null } },
      spec: {
        width: 380, height: 260,
        layer: [
          { transform: [{ filter: 'datum.crossing == null' }], mark: 'line',
            encoding: { x: { field: 'month', type: 'temporal', title: 'month of download', axis: { format: '%Y-%m', tickCount: 6 } },
                        y: { field: 'share', type: 'quantitative', title: 'share of downloads', axis: { format: '%' } },
                        color: { field: 'country', type: 'nominal', title: 'country' } } },
          { transform: [{ filter: 'datum.crossing != null' }], mark: { type: 'rule', strokeDash: [4, 3], color: '#888' },
            encoding: { x: { field: 'month', type: 'temporal' } } },
          { transform: [{ filter: 'datum.crossing != null' }], mark: { type: 'text', align: 'left', dx: 4, dy: -120, fontSize: 10 },
            encoding: { x: { field: 'month', type: 'temporal' }, text: { field: 'crossing' } } },
        ],
      },
    }),
  },
  {
    id: 'kinds',
    title: 'Share of downloads by developer kind, per year',
    definition: 'Downloads during each calendar year the snapshots observe wholly (hub.report_series figure downloads_share_by_kind), by the kind of the model\'s namespace (hub.author_kinds: industry, academic, independent, …; unknown when no rule classifies it).',
    sql: `SELECT s.period_start AS year, s.series AS kind, s.value AS share
FROM hub.report_series s
WHERE s.figure = 'downloads_share_by_kind' AND s.period_end = (s.period_start + interval '1 year')::date
ORDER BY 1, 2`,
    spec: (data) => ({
      width: 520, height: 300, data: { values: data },
      mark: { type: 'line', point: true },
      encoding: { x: { field: 'year', type: 'temporal', timeUnit: 'year', title: 'year of download' },
                  y: { field: 'share', type: 'quantitative', title: 'share of downloads', axis: { format: '%' } },
                  color: { field: 'kind', type: 'nominal', title: 'developer kind' } },
    }),
  },
  {
    id: 'size',
    title: 'Mean against median size of the models downloaded, per year',
    definition: 'Parameter count of the models downloaded during each calendar year, weighted by those downloads (hub.report_series figures size_mean_params and size_median_params; models without a known parameter count left out). Logarithmic scale.',
    sql: `SELECT s.period_start AS year,
       CASE s.figure WHEN 'size_mean_params' THEN 'download-weighted mean' ELSE 'download-weighted median' END AS statistic,
       s.value AS parameters
FROM hub.report_series s
WHERE s.figure IN ('size_mean_params', 'size_median_params') AND s.value > 0
ORDER BY 1, 2`,
    spec: (data) => ({
      width: 520, height: 300, data: { values: data },
      mark: { type: 'line', point: true },
      encoding: { x: { field: 'year', type: 'temporal', timeUnit: 'year', title: 'year of download' },
                  y: { field: 'parameters', type: 'quantitative', scale: { type: 'log' }, title: 'parameters', axis: { format: '.2s' } },
                  color: { field: 'statistic', type: 'nominal', title: 'statistic' } },
    }),
  },
  {
    id: 'datasets',
    title: 'Datasets created per year, by task category',
    definition: 'Datasets created in each year (UTC) that list the category in their task categories (hub.report_dataset_categories; a dataset counts once in each category it lists): the five largest categories over all years, and robotics.',
    sql: `SELECT d.period_start AS year, d.category, d.datasets
FROM hub.report_dataset_categories d
WHERE d.period_start IS NOT NULL
  AND (d.category = 'robotics'
       OR d.category IN (SELECT t.category FROM hub.report_dataset_categories_totals t ORDER BY t.datasets DESC, t.category LIMIT 5))
ORDER BY 1, 2`,
    spec: (data) => ({
      width: 520, height: 300, data: { values: data },
      mark: { type: 'line', point: true },
      encoding: { x: { field: 'year', type: 'temporal', timeUnit: 'year', title: 'creation year' },
                  y: { field: 'datasets', type: 'quantitative', title: 'datasets created' },
                  color: { field: 'category', type: 'nominal', title: 'task category' },
                  strokeWidth: { condition: { test: "datum.category == 'robotics'", value: 3.5 }, value: 1.5 } },
    }),
  },
  {
    id: 'families',
    title: 'The largest model families',
    definition: 'Models that derive from each root model, directly or transitively (hub.report_families: a merge counts in the family of every parent): the twelve largest.',
    sql: `SELECT f.root, f.descendants, f.rank_by_descendants
FROM hub.report_families f
ORDER BY f.rank_by_descendants, f.root
LIMIT 12`,
    spec: (data) => ({
      width: 520, height: 300, data: { values: data },
      mark: 'bar',
      encoding: { y: { field: 'root', type: 'nominal', sort: '-x', title: 'root model' },
                  x: { field: 'descendants', type: 'quantitative', title: 'models in the family' } },
    }),
  },
  {
    id: 'releases',
    title: 'Models released per year by organisation',
    definition: 'Models each organisation created per year (UTC; hub.report_organisations: an organisation is a grouping of namespaces, such as those the report names in hub.organisations, or a namespace of its own): six organisations, the groupings first, then those with the most models created since 2022.',
    sql: `SELECT r.period_start AS year, r.organisation, r.models
FROM hub.report_organisations r
WHERE r.year >= 2022
  AND r.organisation IN (SELECT x.organisation FROM hub.report_organisations x WHERE x.year >= 2022
                         GROUP BY x.organisation, x.grouped
                         ORDER BY x.grouped DESC, sum(x.models) DESC, x.organisation LIMIT 6)
ORDER BY 1, 2`,
    spec: (data) => ({
      width: 520, height: 300, data: { values: data },
      mark: 'bar',
      encoding: { x: { field: 'year', type: 'ordinal', timeUnit: 'year', title: 'creation year' },
                  xOffset: { field: 'organisation' },
                  y: { field: 'models', type: 'quantitative', title: 'models created' },
                  color: { field: 'organisation', type: 'nominal', title: 'organisation' } },
    }),
  },
];

if (printSql) {
  // the charts' queries as Markdown, for doc/report.md
  for (const c of charts)
    process.stdout.write(`### ${c.title}\n\n${c.definition}\n\n\`\`\`sql\n${c.sql};\n\`\`\`\n\n`);
  process.exit(0);
}
if (!out) usage('--out FILE is required');

async function svgOf(spec) {
  const vl = { $schema: 'https://vega.github.io/schema/vega-lite/v5.json', background: 'white',
               config: { font: 'DejaVu Sans, Liberation Sans, Arial, sans-serif', legend: { labelLimit: 320 } }, ...spec };
  const view = new vega.View(vega.parse(vegaLite.compile(vl).spec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  return svg;
}

const info = rows(`SELECT (SELECT min(n.snapshot) FROM hub.snapshots n WHERE n.kind = 'models') AS first_snapshot,
                          (SELECT max(n.snapshot) FROM hub.snapshots n WHERE n.kind = 'models') AS last_snapshot,
                          (SELECT count(*) FROM hub.snapshots n WHERE n.kind = 'models') AS snapshots,
                          (SELECT r.computed_at FROM hub.report_refreshed r) AS computed_at,
                          (SELECT count(*) FROM hub.models) AS models,
                          (SELECT count(*) FROM hub.datasets) AS datasets`)[0];
const sections = [];
for (const c of charts) {
  const data = rows(c.sql);
  const body = data.length === 0
    ? '<p class="empty">No data for this figure (see its SQL: what it needs has not been imported).</p>'
    : await svgOf(c.spec(data));
  sections.push(`<section class="figure" id="${c.id}" data-rows="${data.length}">
<h2>${esc(c.title)}</h2>
${synthetic ? '<p class="synthetic-tag">SYNTHETIC data</p>' : ''}
<div class="chart">${body}</div>
<p class="definition">${esc(c.definition)}</p>
<p class="data-note">Data: ${esc(info.snapshots)} snapshot(s) of models, ${esc(info.first_snapshot ?? '–')} to ${esc(info.last_snapshot ?? '–')}; ${esc(data.length)} rows.</p>
<details><summary>SQL</summary><pre class="sql">${esc(c.sql)}</pre></details>
</section>`);
}

const headline = rows(`SELECT r.section, r.metric, r.value, r.unit FROM hub.report r`);
const fmt = (r) => (r.value == null ? '–' : r.unit && r.unit.startsWith('share') ? pct(r.value)
  : Math.abs(r.value) >= 1e9 ? `${(r.value / 1e9).toFixed(1)} B` : Math.abs(r.value) >= 1e6 ? `${(r.value / 1e6).toFixed(1)} M`
  : Number.isInteger(r.value) ? r.value.toLocaleString('en') : r.value.toFixed(4));

const html = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>ecostats — the State of Open Source on Hugging Face, in SQL</title>
<style>
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; margin: 2em auto; max-width: 1100px; color: #222; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; }
.label { font-size: 1.05em; padding: 0.6em 0.9em; border-radius: 4px; background: #eef3f8; }
.label.synthetic { background: #fde8e8; color: #8a1010; font-weight: bold; border: 2px solid #c62828; }
.figure { border-top: 1px solid #ddd; padding-top: 0.8em; margin-top: 1.6em; }
.synthetic-tag { display: inline-block; margin: 0; padding: 0.1em 0.5em; background: #c62828; color: white; font-size: 0.8em; font-weight: bold; }
.definition { max-width: 60em; }
.data-note { color: #555; font-size: 0.9em; }
pre.sql { background: #f6f6f6; padding: 0.8em; overflow-x: auto; font-size: 0.85em; }
table.headline { border-collapse: collapse; font-size: 0.9em; }
table.headline td, table.headline th { border-bottom: 1px solid #eee; padding: 0.2em 0.8em; text-align: left; }
</style></head>
<body>
<h1>The State of Open Source on Hugging Face, in SQL</h1>
<p class="label${synthetic ? ' synthetic' : ''}">${esc(label || 'your data')}</p>
<p>Computed by ecostats (hub.refresh() at ${esc(info.computed_at ?? 'never')}) from ${esc(info.models)} models and ${esc(info.datasets)} datasets;
snapshots of models: ${esc(info.snapshots)}, ${esc(info.first_snapshot ?? '–')} to ${esc(info.last_snapshot ?? '–')}.
Each chart's SQL is the query that produced it; the views are described in doc/report.md.</p>
${sections.join('\n')}
<section class="figure" id="headline"><h2>The headline figures (hub.report)</h2>
${synthetic ? '<p class="synthetic-tag">SYNTHETIC data</p>' : ''}
<table class="headline"><tr><th>section</th><th>metric</th><th>value</th><th>unit</th></tr>
${headline.map((r) => `<tr><td>${esc(r.section)}</td><td>${esc(r.metric)}</td><td>${esc(fmt(r))}</td><td>${esc(r.unit ?? '')}</td></tr>`).join('\n')}
</table></section>
</body></html>
`;
writeFileSync(out, html);
process.stderr.write(`render.mjs: wrote ${out} (${charts.length} charts)\n`);
