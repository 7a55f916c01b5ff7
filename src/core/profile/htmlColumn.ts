import { barsSvg, histogramSvg } from './svg';
import { escapeXml, formatBytes, formatNumber, formatPercent, isYearColumn } from '../format';
import type { ColumnProfile } from './types';
import { datetimeWords } from '../table';

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A two-column table of label → value (values escaped). */
export function statTable(rows: [string, string | number][]): string {
  return `<table class="stats">${rows
    .map(([k, v]) => `<tr><th scope="row">${escapeXml(k)}</th><td>${escapeXml(typeof v === 'number' ? formatNumber(v) : v)}</td></tr>`)
    .join('')}</table>`;
}

const iso = (ms: number) => (Number.isFinite(ms) ? datetimeWords(ms) : '–');
const pct = (x: number) => formatPercent(x, 1);

function typed(p: ColumnProfile): string {
  const charts: string[] = [];
  let rows: [string, string | number][] = [];
  if (p.numeric) {
    const n = p.numeric;
    rows = [
      ['mean', n.mean], ['std', n.std], ['min', n.min], ['p5', n.quantiles['0.05']], ['p25', n.quantiles['0.25']],
      ['median', n.quantiles['0.5']], ['p75', n.quantiles['0.75']], ['p95', n.quantiles['0.95']], ['max', n.max],
      ['skewness', n.skewness], ['kurtosis', n.kurtosis], ['MAD', n.mad], ['CV', n.cv], ['zeros', n.zeros],
      ['negatives', n.negatives], ['infinite', n.infinite], ['IQR outliers', n.outliers.count],
    ];
    charts.push(histogramSvg(n.histogram, { title: `Histogram of ${p.name}`, xLabel: p.name, year: isYearColumn(p.name) }));
  }
  if (p.boolean) {
    const [no, yes] = p.boolean.words ?? ['false', 'true'];
    rows = [[yes, p.boolean.true], [no, p.boolean.false]];
    charts.push(barsSvg([{ label: yes, value: p.boolean.true }, { label: no, value: p.boolean.false }], { title: `Counts of ${p.name}` }));
  }
  if (p.categorical && !p.text) {
    rows = [['imbalance', p.categorical.imbalance], ['other values', p.categorical.other]];
    const bars = p.categorical.top.map((t) => ({ label: t.value, value: t.count }));
    if (p.categorical.other > 0) bars.push({ label: '(other)', value: p.categorical.other });
    charts.push(barsSvg(bars, { title: `Most frequent values of ${p.name}` }));
  }
  if (p.text) {
    const t = p.text.length;
    rows = [['min length', t.min], ['mean length', t.mean], ['median length', t.quantiles['0.5']], ['max length', t.max]];
    charts.push(histogramSvg(p.text.lengthHistogram, { title: `Length of ${p.name}`, xLabel: 'characters' }));
    const w = p.text.summary;
    if (!w) charts.push(barsSvg(p.text.topTokens.map((x) => ({ label: x.token, value: x.count })), { title: `Top words in ${p.name}` }));
    else {
      const terms = (items: { term: string; count: number }[]) => items.map((x) => ({ label: x.term, value: x.count }));
      rows.push(
        ['median words', w.words.median], ['vocabulary', w.vocabulary], ['empty', w.empty], ['exact repeats', w.duplicates], ['near-duplicates', w.nearDuplicates],
        ['with an email address', w.pii.email], ['with a phone number', w.pii.phone],
        ['languages', w.languages.map((l) => `${l.name} ${pct(l.share)}`).join(', ')],
      );
      charts.push(histogramSvg(w.words.histogram, { title: `Words per text in ${p.name}`, xLabel: 'words' }));
      charts.push(barsSvg(terms(w.topWords), { title: `Top words in ${p.name} (stop words apart)` }));
      charts.push(barsSvg(terms(w.topStopWords), { title: `Top stop words in ${p.name}` }));
      if (w.topBigrams.length) charts.push(barsSvg(terms(w.topBigrams), { title: `Word pairs in ${p.name}`, labelWidth: 170, width: 380 }));
    }
  }
  if (p.datetime) {
    const d = p.datetime;
    rows = [['min', iso(d.min)], ['max', iso(d.max)], ['range (days)', d.rangeMs / 86_400_000], ['frequency', d.frequency?.label ?? '–']];
    charts.push(barsSvg(d.byYear.map((y) => ({ label: String(y.year), value: y.count })), { title: `Rows per year of ${p.name}` }));
    charts.push(barsSvg(d.byMonth.map((c, i) => ({ label: MONTHS[i], value: c })), { title: `Rows per month of ${p.name}` }));
    charts.push(barsSvg(d.byWeekday.map((c, i) => ({ label: WEEKDAYS[i], value: c })), { title: `Rows per weekday of ${p.name}` }));
    if (d.byHour) charts.push(barsSvg(d.byHour.map((c, i) => ({ label: `${i}h`, value: c })), { title: `Rows per hour of ${p.name}` }));
  }
  return statTable(rows) + `<div class="charts">${charts.join('')}</div>`;
}

/** One column's section: common figures, typed figures and charts. */
export function columnSection(p: ColumnProfile, index: number, rows: number): string {
  const common = statTable([
    ['type', p.type],
    ['count', p.count],
    ['missing', `${formatNumber(p.missing)} (${pct(rows ? p.missing / rows : 0)})`],
    ['distinct', `${formatNumber(p.distinct)}${p.approximate ? ' (approx.)' : ''}`],
    ['unique', pct(p.uniqueRatio)],
    ['memory', formatBytes(p.memoryBytes)],
  ]);
  return `<section class="column" id="col-${index}"><h3>${escapeXml(p.name)} <span class="type">${escapeXml(p.type)}</span></h3><div class="grid">${common}${typed(p)}</div></section>`;
}
