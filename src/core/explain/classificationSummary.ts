/** Evaluation verdict for a classifier: overall accuracy, where it errs, and the baseline. */
import { countOf, everyOf, labelWords, quoted } from './classLabel';
import { baselineWords } from './baselineWords';
import { leakCaution } from './leakage';
import { num, pct, plural } from '../format';
import { metricName } from './metricNames';
import { rowNoun, type RowNoun } from './rowNoun';
import type { ClassificationSummaryInput } from './summaryInput';

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const wasWere = (n: number) => (n === 1 ? 'was' : 'were');

/** Never-predicted classes, classes always right, and the largest confusion, as one or two sentences. */
function errorDetails(classes: readonly string[], m: readonly (readonly number[])[], rows: RowNoun): string[] {
  const k = classes.length;
  const support = m.map((row) => row.reduce((s, v) => s + v, 0));
  const predicted = classes.map((_, j) => m.reduce((s, row) => s + (row[j] ?? 0), 0));
  const never = classes.map((_, c) => c).filter((c) => support[c] > 0 && predicted[c] === 0);
  const out = never.map((c) => `It never predicts ${quoted(classes[c])}, so ${countOf(classes[c], support[c], rows)} ${wasWere(support[c])} missed.`);
  const perfect = classes.map((_, c) => c).filter((c) => support[c] > 0 && m[c][c] === support[c]);
  let worst: [number, number, number] | undefined;
  for (let a = 0; a < k; a++) {
    if (never.includes(a)) continue;
    for (let p = 0; p < k; p++) if (p !== a && m[a][p] > 0 && (!worst || m[a][p] > worst[2])) worst = [a, p, m[a][p]];
  }
  const clauses: string[] = [];
  if (perfect.length > 0) clauses.push(`${perfect.map((c) => everyOf(classes[c], rows)).join(' and ')} was right`);
  if (worst) {
    const [a, p, v] = worst;
    clauses.push(`${countOf(classes[a], v, rows)} ${wasWere(v)} predicted as ${labelWords(classes[p])}`);
  }
  if (clauses.length > 0) out.push(`${capitalise(clauses.join('; '))}.`);
  return out;
}

function baselineSentence(input: ClassificationSummaryInput): string[] {
  const { accuracy, baselineAccuracy: baseline, baselineClass } = input;
  if (baseline === undefined || !Number.isFinite(baseline)) return [];
  const guess = baselineClass === undefined ? 'always guessing the most common class' : `always guessing ${quoted(baselineClass)}`;
  const pair = input.comparison ?? { metric: 'accuracy', model: accuracy, baseline };
  const w = baselineWords(pair);
  // Graded on the primary metric (as the badge is); other metrics than accuracy are named with their figures.
  const by = pair.metric === 'accuracy' ? '' : ` by ${metricName(pair.metric)} (${num(pair.model)} against ${num(pair.baseline)})`;
  if (w.grade === 'better') {
    if (pair.metric === 'accuracy' || accuracy > baseline) return [`Better than ${guess} (${pct(baseline)}).`];
    // Graded better on ranking while its calls are no more often right: say both, not a bare "better".
    const threshold = input.classes.length === 2 ? ': a decision threshold set below turns that into more right calls' : '';
    return [`Its calls are right no more often than ${guess} (${pct(baseline)}), but it tells the classes apart better${by}${threshold}.`];
  }
  if (w.grade === 'barely') return [`Barely better than ${guess} (${pct(baseline)})${by}: ${w.amount}, too little to rely on.`];
  if (w.grade === 'same') return [`No better than ${guess} (${pct(baseline)})${by}: the model has not learned anything useful yet.`];
  return [`Worse than ${guess} (${pct(baseline)})${by}: do not use this model; check the target, the features and the recipe.`];
}

export function classificationSummary(input: ClassificationSummaryInput): string {
  const rows = rowNoun(input.datasetName);
  const m = input.confusion;
  const n = m.reduce((s, row) => s + row.reduce((t, v) => t + v, 0), 0);
  if (n === 0) return `There are no test ${rows.many} to judge the model on: check the split.`;
  const correct = m.reduce((s, row, i) => s + (row[i] ?? 0), 0);
  const sentences: string[] = [];
  if (correct === n) {
    sentences.push(`Right on every one of the ${plural(n, `test ${rows.one}`, `test ${rows.many}`)}.`);
  } else {
    sentences.push(`Right on ${pct(input.accuracy)} of the test ${rows.many}.`);
    sentences.push(...errorDetails(input.classes, m, rows));
  }
  const caution = leakCaution(input.leaks ?? [], input.target, correct === n);
  if (caution) sentences.push(caution);
  sentences.push(...baselineSentence(input));
  return sentences.join(' ');
}
