import { escapeXml } from '../format';
import type { InputExample } from './inputExamples';
import { scriptJson } from './scorerSource';

/**
 * The page script: uses `./scorer.mjs` when the page is served, and the inline classic copy
 * (`globalThis.ModelbenchScorer`) when opened from disk, where Chromium refuses module imports
 * from file://. The form is built from `meta.inputs` with textContent, so names never become markup.
 */
const PAGE_SCRIPT = String.raw`
const $ = (id) => document.getElementById(id);
// Listeners go on at once and wait for the scorer inside: registered after the import, a file
// chosen before it finished was never scored.
const ready = (async () => {
  let scorer = globalThis.ModelbenchScorer;
  if (location.protocol !== 'file:') {
    try { scorer = await import('./scorer.mjs'); } catch { /* not served next to scorer.mjs: keep the inline copy */ }
  }
  return scorer;
})();
const EXAMPLES = JSON.parse($('examples').textContent);
const TYPE_WORDS = { integer: 'whole number', float: 'number', boolean: 'true or false', datetime: 'date', categorical: 'category', text: 'text', identifier: 'identifier' };
ready.then(({ meta }) => {
  const fields = $('fields');
  const known = new Map(EXAMPLES.map((e) => [e.name, e]));
  meta.inputs.forEach((c, i) => {
    const hint = known.get(c.name) || { example: '', categories: [] };
    const label = document.createElement('label');
    const span = document.createElement('span');
    // A boolean's format holds its file's words ("No/Yes"); a date's, the shape training read.
    const kind = c.type === 'boolean' && c.format ? c.format.split('/').join(' or ') : (TYPE_WORDS[c.type] || c.type) + (c.format ? ', written ' + c.format : '');
    span.textContent = c.name + ' (' + kind + ')';
    const input = document.createElement('input');
    input.id = 'f' + i;
    input.type = 'text';
    // The scorer reads dates in the shape training read, so the example shows that shape.
    input.placeholder = 'e.g. ' + String(hint.example);
    if (c.type === 'integer' || c.type === 'float') input.inputMode = 'decimal';
    if (hint.categories.length) {
      const list = document.createElement('datalist');
      list.id = 'c' + i;
      for (const value of hint.categories) { const o = document.createElement('option'); o.value = value; list.append(o); }
      input.setAttribute('list', list.id);
      label.append(list);
    }
    label.prepend(span, input);
    fields.append(label);
  });
});
const number = new Intl.NumberFormat(undefined, { maximumSignificantDigits: 6 });
function show(p) {
  if (p.error) return 'Error: ' + p.error;
  if ('value' in p) return number.format(p.value);
  return p.label + ' (' + (100 * p.probabilities[p.label]).toFixed(1) + '%)';
}
function csvCell(value) {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
}
let download = null;
$('one').addEventListener('submit', async (e) => {
  e.preventDefault();
  const scorer = await ready;
  const row = {};
  scorer.meta.inputs.forEach((c, i) => { const v = $('f' + i).value; row[c.name] = v === '' ? null : v; });
  $('result').textContent = show(scorer.predictOne(row));
});
function parseCsv(text) {
  const rows = []; let row = []; let cell = ''; let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { cell += '"'; i++; }
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(cell); cell = ''; }
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell); rows.push(row); row = []; cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length) { row.push(cell); rows.push(row); }
  return rows.filter((r) => r.length > 1 || r[0] !== '');
}
$('csv').addEventListener('change', async (e) => {
  const file = e.target.files[0];
  if (!file) return;
  const scorer = await ready;
  const [header, ...body] = parseCsv(await file.text());
  const rows = body.map((r) => Object.fromEntries(header.map((h, j) => [h, r[j] === undefined || r[j] === '' ? null : r[j]])));
  const out = scorer.predict(rows);
  const table = $('table');
  table.replaceChildren();
  const head = table.createTHead().insertRow();
  for (const h of ['Row', ...header, 'Prediction']) { const th = document.createElement('th'); th.textContent = h; head.append(th); }
  const tbody = table.createTBody();
  out.slice(0, 1000).forEach((p, i) => {
    const tr = tbody.insertRow();
    tr.insertCell().textContent = (i + 1).toLocaleString();
    for (const h of header) tr.insertCell().textContent = rows[i][h] === null ? '' : rows[i][h];
    tr.insertCell().textContent = show(p);
  });
  const errors = out.filter((p) => p.error).length;
  $('status').textContent = out.length.toLocaleString('en-US') + ' rows scored' + (errors ? ', ' + errors.toLocaleString('en-US') + ' refused' : '') + (out.length > 1000 ? '; the first 1,000 are shown.' : '.');
  // The download holds every row, inputs first, as the table shows them.
  const classes = scorer.meta.classes || [];
  const outHeader = [...header, 'prediction', ...classes.map((c) => 'probability ' + c), 'error'];
  const lines = [outHeader.map(csvCell).join(',')];
  out.forEach((p, i) => {
    const predicted = p.error ? '' : 'value' in p ? p.value : p.label;
    const probabilities = classes.map((c) => (p.probabilities ? p.probabilities[c] : ''));
    lines.push([...header.map((h) => rows[i][h]), predicted, ...probabilities, p.error || ''].map(csvCell).join(','));
  });
  if (download) URL.revokeObjectURL(download);
  download = URL.createObjectURL(new Blob([lines.join('\n') + '\n'], { type: 'text/csv' }));
  const link = $('download');
  link.href = download;
  link.download = file.name.replace(/\.csv$/i, '') + '-predictions.csv';
  link.hidden = false;
});
`;

/** index.html: an offline demo page (no external references) for the unzipped bundle. */
export function demoPage(title: string, target: string, classicScorer: string, examples: InputExample[]): string {
  const name = escapeXml(title);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${name} — Modelbench demo</title>
<style>
body { font: 15px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 52rem; padding: 0 1rem; color: #1d2330; }
label { display: grid; grid-template-columns: 16rem 1fr; gap: .5rem; margin: .3rem 0; align-items: center; }
input, button { font: inherit; padding: .3rem .5rem; }
output { display: block; margin: 1rem 0; font-weight: 600; }
table { border-collapse: collapse; margin-top: 1rem; }
.scroll { overflow-x: auto; max-width: 100%; }
@media (max-width: 40rem) { label { grid-template-columns: 1fr; } }
td, th { border: 1px solid #ccd; padding: .2rem .6rem; text-align: left; }
</style>
</head>
<body>
<main>
<h1>${name}</h1>
<p>Predicts <strong>${escapeXml(target)}</strong> from one row, or from every row of a CSV file. Everything runs in this page; nothing is sent anywhere.</p>
<h2>One row</h2>
<form id="one"><div id="fields"></div><button type="submit">Predict</button></form>
<output id="result" aria-live="polite"></output>
<h2>A CSV file</h2>
<label><span>CSV with a header row</span><input type="file" id="csv" accept=".csv,text/csv"></label>
<p id="status" aria-live="polite"></p>
<p><a id="download" hidden>Download the predictions (CSV)</a></p>
<div class="scroll"><table id="table"></table></div>
</main>
<script>
${classicScorer.replace(/<\/script/gi, '<\\/script')}
</script>
<script type="application/json" id="examples">${scriptJson(examples)}</script>
<script type="module">
${PAGE_SCRIPT}
</script>
</body>
</html>
`;
}
