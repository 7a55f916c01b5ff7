import { columnSection, statTable } from './htmlColumn';
import { barsSvg, boxSvg, heatmapSvg, scatterSvg } from './svg';
import { escapeXml, formatBytes, formatDate, formatNumber, formatPercent } from '../format';
import type { CorrelationMatrix, Report, TargetPair } from './types';

const CSS = `body{font:14px/1.45 system-ui,sans-serif;margin:0;color:#1d1d1f;background:#fafafa}
main{max-width:1100px;margin:auto;padding:16px 24px}h1{font-size:1.6em}h2{border-bottom:1px solid #ddd;padding-bottom:4px;margin-top:2em}
h3 .type{font-weight:normal;color:#666;font-size:.8em}.grid{display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start}
.charts{display:flex;flex-wrap:wrap;gap:12px}table.stats{border-collapse:collapse;min-width:220px}table.stats th{text-align:left;font-weight:normal;color:#555;padding:1px 12px 1px 0}
table.stats td{text-align:right;font-variant-numeric:tabular-nums}section.column{background:#fff;border:1px solid #e3e3e3;border-radius:6px;padding:8px 16px;margin:12px 0}
.alerts li{margin:2px 0}.sev{display:inline-block;min-width:5em;font-size:.8em;text-transform:uppercase;font-weight:bold}.sev-high{color:#b00020}.sev-medium{color:#a15c00}.sev-low{color:#555}
svg.chart{background:#fff;overflow:hidden;max-width:100%;height:auto}.bar{fill:#4a78c2}.box{fill:#cfe0f6;stroke:#4a78c2}.whisker,.median{stroke:#333}.points{fill:#4a78c2;fill-opacity:.5}.trend{stroke:#b00020;stroke-width:1.5}
.tick,.axis-label{font-size:10px;fill:#444}.note{color:#666;font-size:.9em}`;

const pct = (x: number) => formatPercent(x, 1);

function heatmap(title: string, m: Pick<CorrelationMatrix, 'columns' | 'matrix'> & { order?: number[] } | undefined): string {
  if (!m || m.columns.length < 2) return '';
  return `<figure><figcaption>${escapeXml(title)}</figcaption>${heatmapSvg(m, { title })}</figure>`;
}

function pairChart(p: TargetPair, target: string): string {
  let title: string;
  let svg: string;
  if (p.kind === 'box') {
    const by = p.numeric === target ? p.column : target;
    title = `${p.numeric} by ${by}`;
    svg = boxSvg(p.groups.slice(0, 20), { title, xLabel: p.numeric });
  } else if (p.kind === 'scatter') {
    title = `${target} against ${p.column}`;
    svg = scatterSvg(p, { title, xLabel: p.column, yLabel: target });
  } else {
    title = `${p.column} by ${target}`;
    // One bar per (feature level, class) pair, largest first: readable without a stacked layout.
    const bars = p.rows.flatMap((r, i) => p.cols.map((c, j) => ({ label: `${r} · ${c}`, value: p.counts[i][j] }))).filter((b) => b.value > 0);
    svg = barsSvg(bars.sort((a, b) => b.value - a.value).slice(0, 20), { title });
  }
  return `<figure><figcaption>${escapeXml(title)}</figcaption>${svg}</figure>`;
}

/** The whole report as one self-contained HTML page: inline CSS and SVG, no scripts, every user string escaped. */
export function renderReportHtml(report: Report): string {
  const d = report.dataset;
  const overview = statTable([
    ['rows', d.rows],
    ['columns', d.columns],
    ['missing cells', `${formatNumber(d.missingCells)} (${pct(d.missingCellsRatio)})`],
    ['duplicate rows', `${formatNumber(d.duplicateRows)} (${pct(d.duplicateRowsRatio)})${d.approximate ? ' (approx.)' : ''}`],
    ['memory', formatBytes(d.memoryBytes)],
    ...Object.entries(d.columnsByType).map(([t, n]) => [`${t} columns`, n ?? 0] as [string, number]),
    ['fingerprint', d.fingerprint || '–'],
  ]);
  const dupes = d.duplicateExamples.length
    ? `<p class="note">Examples: ${d.duplicateExamples.map((e) => `row ${e.row} repeats row ${e.firstRow}`).map(escapeXml).join('; ')}</p>`
    : '';
  const alerts = report.alerts.length
    ? `<ul class="alerts">${report.alerts.map((a) => `<li><span class="sev sev-${a.severity}">${a.severity}</span> <strong>${escapeXml(a.type.replace(/_/g, ' '))}</strong>: ${escapeXml(a.message)}</li>`).join('')}</ul>`
    : '<p>No alerts.</p>';
  const columns = report.columns.map((c, i) => columnSection(c, i, d.rows)).join('');
  const corr = report.correlations;
  const corrNote = corr.sampled ? `<p class="note">Computed on a seeded sample of ${formatNumber(corr.sampledRows)} rows.</p>` : '';
  const miss = report.missing;
  const maxMiss = Math.max(1, ...miss.counts);
  const missingMap = miss.columns.length
    ? heatmap('Rows missing together (shade relative to the most-missing column)', {
        columns: miss.columns,
        matrix: miss.cooccurrence.map((row) => row.map((v) => v / maxMiss)),
      })
    : '<p>No missing values.</p>';
  let target = '';
  if (report.target) {
    const t = report.target;
    const assoc = barsSvg(t.associations.slice(0, 30).map((a) => ({ label: `${a.column} (${a.measure})`, value: a.value })), { title: `Association with ${t.name}`, width: 480 });
    const balance = t.classBalance ? barsSvg(t.classBalance.slice(0, 30).map((c) => ({ label: c.value, value: c.count })), { title: `Class balance of ${t.name}` }) : '';
    const top = t.associations.slice(0, 6).map((a) => t.pairs.find((p) => p.column === a.column)).filter((p): p is TargetPair => !!p);
    target = `<h2>Target: ${escapeXml(t.name)} (${t.task})</h2><div class="charts">${assoc}${balance}</div><div class="charts">${top.map((p) => pairChart(p, t.name)).join('')}</div>`;
  }
  const pca = report.pca
    ? `<h2>PCA</h2><p class="note">Explained variance: ${report.pca.explainedVarianceRatio.map(pct).join(', ')} over ${escapeXml(report.pca.columns.join(', '))}.</p>${scatterSvg({ x: report.pca.points.map((p) => p.x), y: report.pca.points.map((p) => p.y), ...(report.target?.task === 'classification' ? { groups: report.pca.points.map((p) => String(p.target ?? '(missing)')) } : {}) }, { title: 'First two principal components', xLabel: 'PC1', yLabel: 'PC2', width: 420, height: 300 })}`
    : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeXml(`Profile of ${d.name}`)}</title><style>${CSS}</style></head><body><main>
<h1>Profile of ${escapeXml(d.name)}</h1><p class="note">Generated ${escapeXml(formatDate(report.meta.generatedAt, { time: true }))} in ${formatNumber(Math.round(report.meta.timingsMs.profile))} ms.</p>
<h2>Overview</h2>${overview}${dupes}<h2>Alerts (${report.alerts.length})</h2>${alerts}
<h2>Columns</h2>${columns}
<h2>Correlations</h2>${corrNote}<div class="charts">${heatmap('Pearson', corr.pearson)}${heatmap('Spearman', corr.spearman)}${heatmap("Cramér's V", corr.cramers_v)}${heatmap('Correlation ratio η', corr.eta)}</div>
<h2>Missing values</h2>${missingMap}${target}${pca}
</main></body></html>`;
}
