import { describe, expect, test } from 'vitest';
import { charterProblems, emptyCharter, ProjectError, readProject } from '../../../../src/core/project';
import { project } from './fixtures';

describe('charterProblems', () => {
  test('a blank charter has no problems: blanks show on the board instead', () => {
    expect(charterProblems(emptyCharter())).toEqual([]);
  });

  test.each([
    [{ threshold: 0 }, 'threshold', /above 0 and below 100 .* it is 0 %/],
    [{ threshold: 1.5 }, 'threshold', /it is 150 %/],
    [{ threshold: Number.NaN }, 'threshold', /it is not a number/],
    [{ metric: 'speed' }, 'metric', /"speed" is not a metric the studio measures/],
    [{ question: 'x'.repeat(5001) }, 'question', /5001 characters; keep it under 5000/],
  ])('%o is refused on %s', (change, field, message) => {
    const problems = charterProblems({ ...emptyCharter(), ...change });
    expect(problems).toHaveLength(1);
    expect(problems[0].field).toBe(field);
    expect(problems[0].message).toMatch(message);
  });

  test('a metric from the studio and a threshold of 10 % pass', () => {
    expect(charterProblems({ ...emptyCharter(), metric: 'rmse', threshold: 0.1 })).toEqual([]);
  });
});

describe('readProject', () => {
  test('reads back what JSON wrote', () => {
    const p = project({ ticks: [{ item: 'agreed', at: 5, note: '' }], events: [{ kind: 'ab-analysed', at: 1, verdict: 'B wins', units: 10 }] });
    expect(readProject(JSON.parse(JSON.stringify(p)))).toEqual(p);
  });

  test.each([
    [(p: Record<string, unknown>) => ({ ...p, id: '' }), /project\.id is ""; expected a non-empty id/],
    [(p: Record<string, unknown>) => ({ ...p, events: [{ kind: 'party', at: 1 }] }), /project\.events\[0\]\.kind is "party"; expected "data-report"/],
    [(p: Record<string, unknown>) => ({ ...p, charter: { ...(p.charter as object), threshold: 2 } }), /project\.charter\.threshold: The success threshold/],
    [(p: Record<string, unknown>) => ({ ...p, datasetIds: [3] }), /project\.datasetIds\[0\] is 3; expected a dataset id/],
    [(p: Record<string, unknown>) => ({ ...p, events: [{ kind: 'gate', at: 1, model: 'm', version: '1', pass: 'yes', source: 's' }] }), /pass is "yes"; expected true or false/],
    [() => [], /project is \[\]; expected an object/],
  ])('names the place of a bad field (%#)', (spoil, message) => {
    const good = JSON.parse(JSON.stringify(project())) as Record<string, unknown>;
    expect(() => readProject(spoil(good))).toThrow(ProjectError);
    expect(() => readProject(spoil(good))).toThrow(message);
  });
});
