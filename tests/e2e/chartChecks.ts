import type { Page } from '@playwright/test';

/** What `chartProblems` found wrong in one chart. */
export interface ChartProblem {
  chart: string;
  problem: string;
}

/**
 * Every SVG chart on the page (role="img" inside a chart host): each mark's and label's box must lie
 * inside the chart's own box (1 px of slack for antialiasing), and each axis's numeric tick labels
 * must be evenly spaced round numbers (a step of 1, 2 or 5 × a power of ten, integers on whole-number
 * axes). Returns the problems found and how many charts were checked.
 */
export async function chartProblems(page: Page, scope = 'body'): Promise<{ checked: number; problems: ChartProblem[] }> {
  return page.evaluate((scopeSelector) => {
    const problems: { chart: string; problem: string }[] = [];
    const charts = [...document.querySelectorAll<SVGSVGElement>(`${scopeSelector} svg[role="img"]`)].filter((s) => s.getBoundingClientRect().width > 0);
    // Millions and billions are written 15M and 2.5B.
    const parse = (t: string) => {
      const unit = t.endsWith('M') ? 1e6 : t.endsWith('B') ? 1e9 : 1;
      return Number((unit === 1 ? t : t.slice(0, -1)).replace(/,/g, '').replace('−', '-')) * unit;
    };
    for (const svg of charts) {
      const name = (svg.getAttribute('aria-label') ?? '').slice(0, 60);
      const frame = svg.getBoundingClientRect();
      for (const el of svg.querySelectorAll<SVGGraphicsElement>('path, rect, line, circle, polyline, polygon, text')) {
        const r = el.getBoundingClientRect();
        if (r.width === 0 && r.height === 0) continue;
        const slack = 1;
        if (r.left < frame.left - slack || r.right > frame.right + slack || r.top < frame.top - slack || r.bottom > frame.bottom + slack) {
          problems.push({ chart: name, problem: `${el.tagName} ${el.getAttribute('class') ?? ''} "${(el.textContent ?? '').slice(0, 20)}" at ${Math.round(r.left - frame.left)},${Math.round(r.top - frame.top)} size ${Math.round(r.width)}×${Math.round(r.height)} leaves the ${Math.round(frame.width)}×${Math.round(frame.height)} frame` });
        }
      }
      for (const axis of ['x', 'y']) {
        const labels = [...svg.querySelectorAll(`text[data-axis="${axis}"]`)].map((t) => t.textContent ?? '');
        const values = labels.map(parse);
        if (values.length < 2 || values.some((v) => !Number.isFinite(v))) continue;
        const steps = values.slice(1).map((v, i) => Math.abs(v - values[i]));
        const step = steps[0];
        const mantissa = step / 10 ** Math.floor(Math.log10(step));
        const round = [1, 2, 5, 10].some((m) => Math.abs(mantissa - m) < 1e-6);
        const even = steps.every((s) => Math.abs(s - step) <= step * 1e-6);
        const onStep = values.every((v) => Math.abs(v / step - Math.round(v / step)) < 1e-6);
        if (!round || !even || !onStep) problems.push({ chart: name, problem: `${axis} ticks are not round: ${labels.join(' / ')}` });
      }
    }
    return { checked: charts.length, problems };
  }, scope);
}
